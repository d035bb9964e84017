import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/common/errors'
import { summarize, type ArticleSummary } from '../../src/common/model/article'
import { describeIssues } from '../../src/node/describe-issues'
import { Generations } from '../../src/node/store/generations'
import { journalBytes, type Journal } from '../../src/node/store/journal'
import { LIBRARY_FILE, LibraryIndexSchema, SCHEMA_VERSION, type LibraryIndex } from '../../src/node/store/library-files'
import { LibraryStore } from '../../src/node/store/library-store'
import { ensureMirror } from '../../src/node/store/second-copy'
import { StoredFile, type StoreContext } from '../../src/node/store/stored-file'
import { validatedFileBytes } from '../../src/node/store/validated-file-bytes'
import { tempDir } from '../helpers'
import { annotation, article, tag } from './fixtures'

const opened: LibraryStore[] = []
async function open(dir: string) {
  const store = await LibraryStore.open(dir)
  opened.push(store)
  return store
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()))
})

/**
 * What the index on disk must hold: the checkpoint library.json is compact JSON.stringify of
 * itself, the checkpoint with its log gives the index in memory (a read-only open beside the store
 * sees the same list), and a new checkpoint written now is byte for byte JSON.stringify of the
 * index in memory and a newline.
 */
async function expectIndexFileIsStringifiedIndex(dir: string, store: LibraryStore): Promise<void> {
  const before = await readFile(join(dir, LIBRARY_FILE), 'utf8')
  expect(before).toBe(`${JSON.stringify(JSON.parse(before))}\n`)
  const reader = await LibraryStore.open(dir, { mode: 'read' })
  expect(reader.listArticles()).toEqual(store.listArticles())
  await reader.close()
  await store.initialize()
  const text = await readFile(join(dir, LIBRARY_FILE), 'utf8')
  const onDisk = JSON.parse(text) as LibraryIndex
  expect(onDisk.checkpoint).toMatch(/^[0-9a-f]{32}$/)
  const inMemory: LibraryIndex = { schemaVersion: onDisk.schemaVersion, libraryId: onDisk.libraryId, createdAt: onDisk.createdAt, checkpoint: onDisk.checkpoint, articles: [...store.listArticles()] }
  expect(text).toBe(`${JSON.stringify(inMemory)}\n`)
}

function storeContext(dir: string): StoreContext {
  const now = () => new Date('2026-01-02T03:04:05Z')
  return { dir, writable: true, generations: new Generations(dir, 3), migration: { now: now(), randomHex32: () => 'a'.repeat(32) }, now, onRepair: () => undefined }
}

describe('the index file', () => {
  it('holds exactly what JSON.stringify makes of the index, through adds, edits, deletions and a reopen', async () => {
    const dir = await tempDir()
    let store = await open(dir)
    // Quotes, a backslash, a line separator, an emoji and a lone surrogate: the cases where an encoding done in pieces could differ.
    const awkward = { ...article(7), title: 'Trích "dẫn" \\ đường\u2028dòng 😀 \ud800 hết' }
    await store.addArticles([article(1), article(2), awkward])
    await expectIndexFileIsStringifiedIndex(dir, store)
    await store.addArticles([article(3)])
    await expectIndexFileIsStringifiedIndex(dir, store)
    await store.replaceArticle({ ...article(2), title: 'Tiêu đề đã sửa', revision: 2 })
    await expectIndexFileIsStringifiedIndex(dir, store)
    await store.commit({ articles: [{ ...article(1), title: 'Tiêu đề sửa qua nhật ký', revision: 2 }] })
    await expectIndexFileIsStringifiedIndex(dir, store)
    await store.deleteArticle(article(3).id)
    await expectIndexFileIsStringifiedIndex(dir, store)
    await store.close()

    // Summaries read from disk, never written by this process, beside a new one.
    store = await open(dir)
    await store.addArticles([article(4)])
    await expectIndexFileIsStringifiedIndex(dir, store)
    expect(store.listArticles().map((summary) => summary.title)).toContain(awkward.title)
    expect(store.listArticles()).toHaveLength(4)
    await store.close()

    // The first write after opening an edit (a journal holding the index), then a deletion, then a
    // reopen whose first write is a deletion: summaries taken by position from the bytes read.
    store = await open(dir)
    await store.commit({ articles: [{ ...article(2), title: 'Sửa ngay khi mở', revision: 3 }] })
    await expectIndexFileIsStringifiedIndex(dir, store)
    await store.deleteArticle(article(1).id)
    await expectIndexFileIsStringifiedIndex(dir, store)
    await store.close()
    store = await open(dir)
    await store.deleteArticle(article(4).id)
    await expectIndexFileIsStringifiedIndex(dir, store)
    expect(store.listArticles().map((summary) => summary.title).sort()).toEqual([awkward.title, 'Sửa ngay khi mở'].sort())
  })

  it('gives JSON.stringify’s bytes for any order of the index’s fields, leaving out what JSON cannot hold', () => {
    const summary = summarize(article(5))
    const index = { articles: [summary, summarize(article(6))], createdAt: '2026-01-02T03:04:05.000Z', dropped: undefined, libraryId: 'b'.repeat(32), schemaVersion: SCHEMA_VERSION }
    for (const data of [index, index, { ...index, articles: [] }]) {
      const written = validatedFileBytes('index', data)
      expect(written.ok && written.bytes.toString('utf8')).toBe(`${JSON.stringify(data)}\n`)
    }
  })

  it('is held in a journal exactly as JSON.stringify writes the journal', () => {
    const written = summarize(article(1))
    const index = { schemaVersion: SCHEMA_VERSION, libraryId: 'd'.repeat(32), createdAt: '2026-01-02T03:04:05.000Z', articles: [written, summarize(article(2))] }
    expect(validatedFileBytes('index', index).ok).toBe(true)
    const edited = { ...index, articles: [{ ...written, title: 'Tiêu đề "mới" 😀' }, ...index.articles.slice(1), summarize(article(3))] }
    const journal: Journal = {
      schemaVersion: SCHEMA_VERSION,
      writes: [
        { path: `articles/${article(3).id}.json`, data: { schemaVersion: SCHEMA_VERSION, article: article(3) } },
        { path: LIBRARY_FILE, data: edited },
        { path: `annotations/${article(1).id}.json`, data: { schemaVersion: SCHEMA_VERSION, articleId: article(1).id, annotations: [annotation(article(1).id)] } },
        { path: 'tags.json', data: { schemaVersion: SCHEMA_VERSION, tags: [tag('Viễn thông')] } },
        { path: 'settings.json', data: undefined },
      ],
      deletes: [`articles/${article(2).id}.json`],
    }
    expect(journalBytes(journal).toString('utf8')).toBe(JSON.stringify(journal))
    const empty: Journal = { schemaVersion: SCHEMA_VERSION, writes: [], deletes: [] }
    expect(journalBytes(empty).toString('utf8')).toBe(JSON.stringify(empty))
    // Today's journals hold the index's change, not the index.
    const delta: Journal = { schemaVersion: SCHEMA_VERSION, writes: journal.writes.slice(0, 1), index: { set: [edited.articles[0]!], deleted: [article(2).id] }, deletes: journal.deletes }
    expect(journalBytes(delta).toString('utf8')).toBe(JSON.stringify(delta))
  })

  it('refuses a hostile summary beside summaries already written, with the reason a full validation gives, and keeps the file', async () => {
    const dir = await tempDir()
    await ensureMirror(dir)
    const file = new StoredFile(storeContext(dir), 'index', LIBRARY_FILE)
    const valid: LibraryIndex = {
      schemaVersion: SCHEMA_VERSION,
      libraryId: 'c'.repeat(32),
      createdAt: '2026-01-02T03:04:05.000Z',
      articles: [summarize(article(1)), summarize(article(2))],
    }
    await file.save(valid)
    const before = await readFile(file.path)

    const hostile = { ...summarize(article(3)), id: '../../settings', title: '', revision: -1, excerpt: 'x'.repeat(1_000_000) }
    const refusedIndexes: unknown[] = [
      { ...valid, articles: [...valid.articles, hostile] },
      // Summaries already written, but the index's own fields broken.
      { ...valid, libraryId: 'not a library id' },
      { ...valid, articles: [...valid.articles, 'not a summary'] },
      { ...valid, articles: 'not a list' },
    ]
    for (const data of refusedIndexes) {
      const parsed = v.safeParse(LibraryIndexSchema, data)
      expect(parsed.success).toBe(false)
      const fullReason = parsed.success ? '' : describeIssues(parsed.issues)
      const error = await file.save(data as LibraryIndex).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('library.invalid')
      expect((error as AppError).message).toBe(new AppError('library.invalid', { file: file.path, reason: fullReason }).message)
      expect((error as AppError).message).not.toContain('\n')
    }
    const hostileReason = describeIssues((v.safeParse(LibraryIndexSchema, refusedIndexes[0]) as { issues: v.BaseIssue<unknown>[] }).issues)
    expect(hostileReason).toContain('articles.2.id')
    expect(hostileReason.length).toBeLessThanOrEqual(300)
    expect(await readFile(file.path)).toEqual(before)
  })

  it('keeps a written summary from being changed in place, so that what was checked is what is written', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    await store.addArticles([article(1)])
    const [summary] = store.listArticles() as ArticleSummary[]
    expect(() => {
      summary!.title = 'changed behind the store’s back'
    }).toThrow(TypeError)
    expect(store.listArticles()[0]!.title).toBe(article(1).title)
    await store.close()
    // Summaries read from disk are checked and frozen by the first write after opening.
    const reopened = await open(dir)
    await reopened.addArticles([article(2)])
    expect(reopened.listArticles().every((listed) => Object.isFrozen(listed))).toBe(true)
    await reopened.close()
  })
})
