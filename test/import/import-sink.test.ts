import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Article, LanguageCode } from '../../src/common/model/article'
import { ImportSink } from '../../src/node/import/import-sink'
import type { ImportOutcome } from '../../src/node/import/import-file'
import { buildArticle } from '../../src/node/library/build-article'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'

/**
 * The sink saves articles in groups in the background while the batch goes on (group commit).
 * These tests run it over a real store in a real temp folder and check what is on disk after.
 */
const importedAt = new Date('2026-01-01T00:00:00Z')
const stores: LibraryStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
})

async function openStore(dir: string, mode: 'write' | 'read' = 'write'): Promise<LibraryStore> {
  const store = await LibraryStore.open(dir, { mode })
  stores.push(store)
  return store
}

function article(n: number): Article {
  const text = `Tiêu đề bài số ${n}\n\nĐoạn mở đầu của bài viết số ${n} về hợp tác kinh tế giữa hai nước, với các con số ${n * 7} triệu USD.`
  return buildArticle(text, { origin: { kind: 'file', name: `bai-${n}.txt` }, importedAt })!
}

function outcome(file: string, value: Article): ImportOutcome {
  return { ok: true, file, article: value, encoding: null, format: 'txt', titleFrom: 'heading' }
}

async function tempFilesIn(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'articles'))).filter((name) => name.endsWith('.tmp'))
}

describe('ImportSink (group commit)', () => {
  it('saves a group the library refuses one article at a time: the refused one fails alone, the rest are added', async () => {
    const dir = await tempDir()
    const store = await openStore(dir)
    const announced: string[][] = []
    const sink = new ImportSink(store)
    store.onChange((change) => announced.push([...change.articles]))
    const articles = [1, 2, 3, 4, 5].map(article)
    // Not a language the library accepts: the store's validation refuses this article.
    const refused: Article = { ...articles[2]!, language: 'xx' as LanguageCode }
    const batch = [articles[0]!, articles[1]!, refused, articles[3]!, articles[4]!]
    // The first file's save starts at once; the next four arrive while it runs and form one group.
    for (const [i, item] of batch.entries()) await sink.accept(outcome(`f${i + 1}.txt`, item))
    await sink.flush()

    const { report } = sink
    expect(report.added.map((item) => item.file)).toEqual(['f1.txt', 'f2.txt', 'f4.txt', 'f5.txt'])
    expect(report.failed.map((item) => [item.file, item.error.code])).toEqual([['f3.txt', 'library.invalid']])
    expect(report.duplicates).toEqual([])
    expect(announced.flat()).toEqual(report.added.map((item) => item.id))
    expect(announced.length).toBeGreaterThan(1)

    // On disk, as a fresh process sees it: the four, and nothing of the refused one.
    await store.close()
    stores.length = 0
    const reopened = await openStore(dir, 'read')
    expect(reopened.listArticles().map((summary) => summary.id).sort()).toEqual(report.added.map((item) => item.id).sort())
    expect(await reopened.getArticle(articles[3]!.id)).toEqual(articles[3])
    expect(reopened.findByContentHash(refused.contentHash)).toBeUndefined()
    expect((await readdir(join(dir, 'articles'))).sort()).toEqual(report.added.map((item) => `${item.id}.json`).sort())
    expect(reopened.recoveryEvents).toEqual([])
  })

  it('recognises a duplicate of an article still waiting to be saved, and of one already in the library', async () => {
    const dir = await tempDir()
    const store = await openStore(dir)
    const [first, second] = [article(1), article(2)]
    await store.addArticles([first])
    const sink = new ImportSink(store)
    await sink.accept(outcome('again-1.txt', first))
    await sink.accept(outcome('new-2.txt', second))
    // Same text from another file, while new-2 may still be in its group.
    await sink.accept(outcome('copy-2.txt', { ...second, origin: { kind: 'file', name: 'copy-2.txt' } }))
    await sink.flush()
    expect(sink.report.added.map((item) => item.file)).toEqual(['new-2.txt'])
    expect(sink.report.duplicates).toEqual([
      { file: 'again-1.txt', existingId: first.id, existingTitle: first.title },
      { file: 'copy-2.txt', existingId: second.id, existingTitle: second.title },
    ])
    expect(store.listArticles()).toHaveLength(2)
  })

  it('has saved everything it accepted once flush resolves: the report lists only durable articles', async () => {
    const dir = await tempDir()
    const store = await openStore(dir)
    const announced: string[][] = []
    const sink = new ImportSink(store)
    store.onChange((change) => announced.push([...change.articles]))
    const articles = Array.from({ length: 40 }, (_, i) => article(i + 1))
    for (const [i, item] of articles.entries()) {
      await sink.accept(outcome(`f${i}.txt`, item))
      // Whatever the report calls added at any moment is already listed by the library.
      for (const added of sink.report.added) expect(store.hasArticle(added.id)).toBe(true)
    }
    await sink.flush()
    expect(sink.report.added).toHaveLength(40)
    // Articles that arrived while a group was being saved were saved together.
    expect(announced.some((ids) => ids.length > 1)).toBe(true)
    expect(await tempFilesIn(dir)).toEqual([])
    await store.close()
    stores.length = 0
    const reopened = await openStore(dir, 'read')
    expect(reopened.listArticles()).toHaveLength(40)
  })
})
