import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildArticle } from '../../src/node/library/build-article'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'

const article = buildArticle('date 2024-10-03\nTiêu đề thử\n\nĐoạn văn thứ nhất.\n\nĐoạn văn thứ hai./.', {
  origin: { kind: 'paste', name: null },
  importedAt: new Date('2026-01-02T03:04:05Z'),
})!

describe('LibraryStore', () => {
  it('opens an empty folder as a new library and writes nothing until asked', async () => {
    const dir = await tempDir()
    const store = await LibraryStore.open(dir)
    expect(store.isNew).toBe(true)
    expect(store.listArticles()).toEqual([])
    expect(await readdir(dir)).toEqual(['articles'])
    await store.initialize()
    expect((await LibraryStore.open(dir)).isNew).toBe(false)
  })

  it('keeps the body in its own file and only the summary in the index', async () => {
    const dir = await tempDir()
    const store = await LibraryStore.open(dir)
    await store.addArticle(article)

    const index = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'))
    expect(index.schemaVersion).toBe(1)
    expect(index.articles).toHaveLength(1)
    expect(index.articles[0].blocks).toBeUndefined()
    expect(index.articles[0].title).toBe('Tiêu đề thử')
    const body = JSON.parse(await readFile(join(dir, 'articles', `${article.id}.json`), 'utf8'))
    expect(body.article.blocks).toHaveLength(2)

    const reopened = await LibraryStore.open(dir)
    expect(reopened.isNew).toBe(false)
    expect(reopened.listArticles().map((summary) => summary.id)).toEqual([article.id])
    expect(await reopened.getArticle(article.id)).toEqual(article)
  })

  it('returns null for an unknown id without touching the disk', async () => {
    const store = await LibraryStore.open(await tempDir())
    expect(await store.getArticle('0123456789ab')).toBeNull()
    expect(await store.getArticle('../../etc/passwd')).toBeNull()
  })

  it('persists settings', async () => {
    const dir = await tempDir()
    const store = await LibraryStore.open(dir)
    expect(store.settings).toEqual({ locale: null })
    await store.updateSettings({ locale: 'vi' })
    await store.updateSettings({})
    expect((await LibraryStore.open(dir)).settings).toEqual({ locale: 'vi' })
  })

  it('refuses to open a library whose index is damaged, naming the file', async () => {
    const dir = await tempDir()
    const store = await LibraryStore.open(dir)
    await store.addArticle(article)
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(dir, 'library.json'), '\0\0\0\0')
    await expect(LibraryStore.open(dir)).rejects.toMatchObject({
      code: 'library.invalid',
      message: expect.stringContaining(join(dir, 'library.json')),
    })
  })
})
