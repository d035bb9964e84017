import { readdir } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { reviseArticle } from '../../src/common/annotations/revise-article'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'
import { annotation, article } from '../store/fixtures'

const opened: LibraryStore[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
})
async function open(dir: string): Promise<LibraryStore> {
  const store = await LibraryStore.open(dir)
  opened.push(store)
  return store
}

describe('LibraryStore.commit with article revisions', () => {
  it('writes an article’s new revision, its summary and its annotations as one change', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const first = article(1)
    await store.addArticles([first, article(2)])
    const revised = reviseArticle(first, [{ kind: 'paragraph', text: 'Văn bản đã sửa về Bitel.' }], 'a'.repeat(64))
    const moved = annotation(first.id, { articleRevision: 2, position: { type: 'TextPositionSelector', start: 18, end: 23 } })
    await store.commit({ articles: [revised], annotations: new Map([[first.id, [moved]]]) })
    expect(await readdir(dir)).not.toContain('journal.json')
    expect(store.listArticles().find((summary) => summary.id === first.id)).toMatchObject({ revision: 2, contentHash: 'a'.repeat(64) })

    await store.close()
    opened.splice(0)
    const reopened = await open(dir)
    expect(await reopened.getArticle(first.id)).toEqual(revised)
    expect(await reopened.getAnnotations(first.id)).toEqual([moved])
    expect(reopened.listArticles()).toHaveLength(2)
  })

  it('refuses to revise an article the library does not have, writing nothing', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const present = article(1)
    await store.addArticles([present])
    const absent = article(3)
    await expect(store.commit({ articles: [absent], annotations: new Map([[present.id, [annotation(present.id)]]]) })).rejects.toThrow(absent.id)
    expect(await store.getAnnotations(present.id)).toEqual([])
    expect(store.listArticles().map((summary) => summary.id)).toEqual([present.id])
  })
})
