import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppError } from '../../src/common/errors'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'
import { annotation, article, sampleBrief, tag } from './fixtures'

const opened: LibraryStore[] = []
async function open(dir: string, options: Parameters<typeof LibraryStore.open>[1] = {}) {
  const store = await LibraryStore.open(dir, options)
  opened.push(store)
  return store
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
})

describe('LibraryStore', () => {
  it('opens an empty folder as a new library and writes no data until asked', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    expect(store.isNew).toBe(true)
    expect(store.listArticles()).toEqual([])
    expect((await readdir(dir)).sort()).toEqual(['.lock', 'annotations', 'articles', 'briefings', 'mirror', 'templates'])
    await store.initialize()
    await store.close()
    expect((await open(dir)).isNew).toBe(false)
  })

  it('keeps bodies in their own files and only summaries in the index', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const first = article(1)
    await store.addArticles([first, article(2)])

    const index = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'))
    expect(index).toMatchObject({ schemaVersion: 2, libraryId: expect.stringMatching(/^[0-9a-f]{32}$/) })
    expect(index.articles).toHaveLength(2)
    expect(index.articles[0].blocks).toBeUndefined()
    const body = JSON.parse(await readFile(join(dir, 'articles', `${first.id}.json`), 'utf8'))
    expect(body).toMatchObject({ schemaVersion: 2, article: { id: first.id } })

    await store.close()
    const reopened = await open(dir)
    expect(reopened.listArticles().map((summary) => summary.id).sort()).toEqual([first.id, article(2).id].sort())
    expect(await reopened.getArticle(first.id)).toEqual(first)
    expect(reopened.findByContentHash(first.contentHash)?.id).toBe(first.id)
  })

  it('saves an annotation by rewriting only its article’s annotations file', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    const b = article(2)
    await store.addArticles([a, b])
    await store.setAnnotations(b.id, [annotation(b.id)])
    const before = await Promise.all(['library.json', `articles/${a.id}.json`, `articles/${b.id}.json`, `annotations/${b.id}.json`].map((file) => stat(join(dir, file))))

    const note = annotation(a.id, { note: 'Số liệu cần kiểm tra lại' })
    await store.setAnnotations(a.id, [note])
    const after = await Promise.all(['library.json', `articles/${a.id}.json`, `articles/${b.id}.json`, `annotations/${b.id}.json`].map((file) => stat(join(dir, file))))
    expect(after.map((s) => s.mtimeMs)).toEqual(before.map((s) => s.mtimeMs))
    expect(JSON.parse(await readFile(join(dir, 'annotations', `${a.id}.json`), 'utf8')).annotations).toEqual([note])

    await store.close()
    const reopened = await open(dir)
    expect(await reopened.getAnnotations(a.id)).toEqual([note])
    expect((await reopened.allAnnotations()).map((x) => x.articleId).sort()).toEqual([a.id, b.id].sort())
  })

  it('refuses an annotation that breaks its schema, and keeps what was saved', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a])
    const good = annotation(a.id)
    await store.setAnnotations(a.id, [good])
    const bad = annotation(a.id, { color: 'orange' as 'yellow' })
    const refusal = await store.setAnnotations(a.id, [good, bad]).then(
      () => null,
      (error: unknown) => error as AppError,
    )
    expect(refusal).toMatchObject({ code: 'library.invalid' })
    // One line naming the file and where in it the record is wrong, as the UI and the CLI show it.
    expect(refusal!.params['file']).toContain(`${a.id}.json`)
    expect(refusal!.params['reason']).toMatch(/^annotations\.1\.color: /)
    expect(refusal!.params['reason']).not.toContain('\n')
    expect(await store.getAnnotations(a.id)).toEqual([good])
    await store.close()
    expect(await (await open(dir)).getAnnotations(a.id)).toEqual([good])
  })

  it('keeps earlier generations of a file, at most three', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a])
    for (let i = 0; i < 5; i++) await store.setAnnotations(a.id, Array.from({ length: i + 1 }, () => annotation(a.id)))
    const generations = (await readdir(join(dir, 'backups', 'generations', 'annotations'))).sort()
    expect(generations).toEqual([`${a.id}.json.1`, `${a.id}.json.2`, `${a.id}.json.3`])
    const newest = JSON.parse(await readFile(join(dir, 'backups', 'generations', 'annotations', `${a.id}.json.1`), 'utf8'))
    expect(newest.annotations).toHaveLength(4)
  })

  // A save keeps the current version as a generation only when it is valid. The store knows the
  // bytes it wrote; these check that anything else on disk is still examined in full.
  it('never keeps a file damaged while the library is open as a generation', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a])
    const first = annotation(a.id)
    await store.setAnnotations(a.id, [first])
    await store.setAnnotations(a.id, [first, annotation(a.id)])
    const file = join(dir, 'annotations', `${a.id}.json`)
    const damaged = (await readFile(file, 'utf8')).slice(0, 40)
    await writeFile(file, damaged)

    await store.setAnnotations(a.id, [first])
    const newest = join(dir, 'backups', 'generations', 'annotations', `${a.id}.json.1`)
    expect(JSON.parse(await readFile(newest, 'utf8')).annotations).toEqual([first])
    expect(JSON.parse(await readFile(file, 'utf8')).annotations).toEqual([first])
    // The damaged bytes were kept aside, not overwritten; the second copy holds the new save.
    const kept = (await readdir(join(dir, 'annotations'))).filter((name) => name.includes('.corrupt-'))
    expect(await Promise.all(kept.map((name) => readFile(join(dir, 'annotations', name), 'utf8')))).toEqual([damaged])
    expect(await readFile(join(dir, 'mirror', 'annotations', `${a.id}.json`), 'utf8')).toBe(await readFile(file, 'utf8'))
  })

  it('keeps a valid file another program rewrote while the library is open as a generation', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a])
    await store.setAnnotations(a.id, [annotation(a.id)])
    const file = join(dir, 'annotations', `${a.id}.json`)
    const outside = annotation(a.id, { note: 'viết bởi chương trình khác' })
    await writeFile(file, JSON.stringify({ schemaVersion: 2, articleId: a.id, annotations: [outside] }))

    await store.setAnnotations(a.id, [])
    const newest = join(dir, 'backups', 'generations', 'annotations', `${a.id}.json.1`)
    expect(JSON.parse(await readFile(newest, 'utf8')).annotations).toEqual([outside])
  })

  it('reads back what a save wrote, and what another program wrote since', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a])
    const saved = [annotation(a.id), annotation(a.id, { color: 'green', tagIds: [] })]
    await store.setAnnotations(a.id, saved)
    expect(await store.getAnnotations(a.id)).toEqual(saved)
    const outside = annotation(a.id, { note: 'viết bởi chương trình khác' })
    await writeFile(join(dir, 'annotations', `${a.id}.json`), JSON.stringify({ schemaVersion: 2, articleId: a.id, annotations: [outside] }))
    // Read once, kept for reading: the outside change is seen after the next save drops the copy.
    expect(await store.getAnnotations(a.id)).toEqual(saved)
    await store.setAnnotations(a.id, [...saved, outside])
    expect(await store.getAnnotations(a.id)).toEqual([...saved, outside])
  })

  it('stores tags, briefs and settings', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const trade = tag('Thương mại', { aliases: [{ text: 'Trade', lang: 'en' }] })
    await store.setTags([trade])
    const brief = sampleBrief('Chuẩn bị tham vấn chính trị Việt Nam-Peru')
    await store.saveBrief(brief)
    await store.saveBrief({ ...brief, audience: 'Lãnh đạo Bộ' })
    await store.updateSettings({ locale: 'vi' })
    await store.updateSettings({ markings: ['Mật'] })
    await store.close()

    const reopened = await open(dir)
    expect(reopened.listTags()).toEqual([trade])
    expect(reopened.getBrief(brief.id)).toMatchObject({ audience: 'Lãnh đạo Bộ' })
    expect(reopened.settings).toEqual({ locale: 'vi', markings: ['Mật'] })
    await reopened.deleteBrief(brief.id)
    expect(reopened.listBriefs()).toEqual([])
    await reopened.close()
    expect((await open(dir)).listBriefs()).toEqual([])
  })

  it('deletes an article with its annotations, keeping a copy in backups/generations', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    await store.addArticles([a, article(2)])
    await store.setAnnotations(a.id, [annotation(a.id)])
    await store.deleteArticle(a.id)
    expect(store.hasArticle(a.id)).toBe(false)
    expect(await readdir(join(dir, 'articles'))).toEqual([`${article(2).id}.json`])
    expect(await readdir(join(dir, 'annotations'))).toEqual([])
    expect(await readdir(join(dir, 'backups', 'generations', 'articles'))).toContain(`${a.id}.json.1`)
    await store.close()
    expect((await open(dir)).listArticles().map((s) => s.id)).toEqual([article(2).id])
  })

  it('commits changes to several files together', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const a = article(1)
    const b = article(2)
    await store.addArticles([a, b])
    const theme = tag('APEC')
    await store.commit({
      tags: [theme],
      annotations: new Map([
        [a.id, [annotation(a.id, { tagIds: [theme.id] })]],
        [b.id, [annotation(b.id, { tagIds: [theme.id] })]],
      ]),
      briefs: [sampleBrief('APEC 2027')],
    })
    expect(await readdir(dir)).not.toContain('journal.json')
    await store.close()
    const reopened = await open(dir)
    expect(reopened.listTags()).toEqual([theme])
    expect((await reopened.allAnnotations()).every((x) => x.tagIds[0] === theme.id)).toBe(true)
    expect(reopened.listBriefs()).toHaveLength(1)
  })

  it('returns null for an unknown or malformed id without touching the disk', async () => {
    const store = await open(await tempDir())
    expect(await store.getArticle('0123456789ab')).toBeNull()
    expect(await store.getArticle('../../etc/passwd')).toBeNull()
  })

  it('opens read-only without a lock and refuses to write', async () => {
    const dir = await tempDir()
    const writer = await open(dir)
    await writer.addArticles([article(1)])
    const reader = await open(dir, { mode: 'read' })
    expect(reader.listArticles()).toHaveLength(1)
    await expect(reader.setTags([])).rejects.toThrow(/read-only/)
  })

  it('removes temp files left by an interrupted write', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    await store.addArticles([article(1)])
    await store.close()
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(dir, 'annotations', '.abc.json.123.deadbeef.tmp'), '{"half')
    await open(dir)
    expect(await readdir(join(dir, 'annotations'))).toEqual([])
  })
})
