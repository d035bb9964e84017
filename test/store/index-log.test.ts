import { appendFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { summarize, type Article } from '../../src/common/model/article'
import { LOG_FILE, deltaLine, removeLog } from '../../src/node/store/index-log'
import { journalBytes, JOURNAL_FILE } from '../../src/node/store/journal'
import { LIBRARY_FILE, SCHEMA_VERSION, type LibraryIndex } from '../../src/node/store/library-files'
import { COLUMNS_FILE } from '../../src/node/store/index-columns-file'
import type { OpenProgress } from '../../src/node/store/index-migration'
import { LibraryStore } from '../../src/node/store/library-store'
import { mirrorPathOf, writeBothCopies } from '../../src/node/store/second-copy'
import { tempDir } from '../helpers'
import { exists, openedStores, snapshot } from './store-files'
import { annotation, article } from './fixtures'

const open = openedStores()

/** A library with some articles added one by one: a checkpoint and a log of several entries. */
async function libraryWithLog(count: number): Promise<{ dir: string; articles: Article[] }> {
  const dir = await tempDir()
  const store = await LibraryStore.open(dir)
  const articles = Array.from({ length: count }, (_, i) => article(i + 1))
  for (const a of articles) await store.addArticles([a])
  await store.setAnnotations(articles[0]!.id, [annotation(articles[0]!.id)])
  await store.close()
  return { dir, articles }
}

/** The library as the app wrote it before the index log: library.json the whole index, without a checkpoint id, and no log. */
async function asBeforeTheLog(dir: string, articles: readonly Article[]): Promise<LibraryIndex> {
  const current = JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8')) as LibraryIndex
  const index: LibraryIndex = { schemaVersion: SCHEMA_VERSION, libraryId: current.libraryId, createdAt: current.createdAt, articles: articles.map(summarize) }
  await writeBothCopies(dir, LIBRARY_FILE, [Buffer.from(`${JSON.stringify(index)}\n`)])
  await removeLog(dir)
  return index
}

const titles = (store: LibraryStore) => store.listArticles().map((summary) => summary.title)

describe('a library from before the index log', () => {
  it('opens as it is read-only (writing nothing); a writable open migrates it, with progress, and the log takes the next write', async () => {
    const { dir, articles } = await libraryWithLog(3)
    await asBeforeTheLog(dir, articles)

    const before = await snapshot(dir)
    const reader = await open(dir, { mode: 'read' })
    expect(titles(reader)).toEqual(articles.map((a) => a.title))
    expect(reader.recoveryEvents).toEqual([])
    await reader.close()
    expect(await snapshot(dir)).toEqual(before)

    const progress: OpenProgress[] = []
    let store = await open(dir, { onProgress: (step) => progress.push(step) })
    expect(progress[0]).toEqual({ step: 'migrating', fraction: 0 })
    expect(progress.at(-1)).toEqual({ step: 'migrated' })
    expect(titles(store)).toEqual(articles.map((a) => a.title))
    expect(store.recoveryEvents).toEqual([])
    const converted = JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8')) as LibraryIndex
    expect(converted.checkpoint).toMatch(/^[0-9a-f]{32}$/)
    expect(converted.articles.map((summary) => summary.title)).toEqual(articles.map((a) => a.title))
    expect(await readFile(join(dir, mirrorPathOf(LOG_FILE)))).toEqual(await readFile(join(dir, LOG_FILE)))
    expect(await exists(join(dir, COLUMNS_FILE))).toBe(true)
    // The next writes are lines of the log, not new checkpoints.
    const added = article(9)
    await store.addArticles([added])
    await store.replaceArticle({ ...articles[1]!, title: 'Sửa sau khi chuyển đổi', revision: 2 })
    expect(JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8'))).toEqual(converted)
    await store.close()

    // Migrated once: the next open has nothing to do.
    progress.length = 0
    store = await open(dir, { onProgress: (step) => progress.push(step) })
    expect(progress).toEqual([])
    expect(titles(store)).toEqual([articles[0]!.title, 'Sửa sau khi chuyển đổi', articles[2]!.title, added.title])
    expect(store.recoveryEvents).toEqual([])
  })

  it('finishes a commit that journal of that version left (the whole index in the journal), and converts on the next write', async () => {
    const { dir, articles } = await libraryWithLog(2)
    const index = await asBeforeTheLog(dir, articles)
    const revised = { ...articles[1]!, title: 'Sửa trước khi nâng cấp', revision: 2 }
    await writeBothCopies(dir, JOURNAL_FILE, journalBytes({
      schemaVersion: SCHEMA_VERSION,
      writes: [
        { path: `articles/${revised.id}.json`, data: { schemaVersion: SCHEMA_VERSION, article: revised } },
        { path: LIBRARY_FILE, data: { ...index, articles: [index.articles[0]!, summarize(revised)] } },
      ],
      deletes: [],
    }))
    const store = await open(dir)
    expect(titles(store)).toEqual([articles[0]!.title, revised.title])
    expect((await store.getArticle(revised.id))!.title).toBe(revised.title)
    expect(await exists(join(dir, JOURNAL_FILE))).toBe(false)
    await store.addArticles([article(5)])
    expect((JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8')) as LibraryIndex).checkpoint).toBeDefined()
  })
})

describe('the index log', () => {
  it('gets the index change of a journal that a crash left, once the log is read, before the journal goes', async () => {
    const { dir, articles } = await libraryWithLog(3)
    const [, gone] = articles as [Article, Article]
    await writeBothCopies(dir, JOURNAL_FILE, journalBytes({
      schemaVersion: SCHEMA_VERSION,
      writes: [],
      index: { set: [], deleted: [gone.id] },
      deletes: [`articles/${gone.id}.json`, `annotations/${gone.id}.json`],
    }))
    // A crash while appending left the log's last line cut short, too.
    await appendFile(join(dir, LOG_FILE), deltaLine({ set: [summarize(article(8))], deleted: [] }).subarray(0, 40))
    let store = await open(dir)
    expect(store.recoveryEvents).toEqual([])
    expect(store.hasArticle(gone.id)).toBe(false)
    expect(titles(store)).toEqual([articles[0]!.title, articles[2]!.title])
    expect(await exists(join(dir, JOURNAL_FILE))).toBe(false)
    await store.close()
    store = await open(dir, { mode: 'read' })
    expect(titles(store)).toEqual([articles[0]!.title, articles[2]!.title])
  })

  it('takes what a crash left as unacknowledged, silently: a last line cut short or zero-filled, a copy one entry behind', async () => {
    for (const leftover of ['cut short', 'zero-filled', 'copy behind'] as const) {
      const { dir, articles } = await libraryWithLog(4)
      const line = deltaLine({ set: [summarize(article(8))], deleted: [] })
      if (leftover === 'cut short') for (const path of [LOG_FILE, mirrorPathOf(LOG_FILE)]) await appendFile(join(dir, path), line.subarray(0, line.length - 5))
      if (leftover === 'zero-filled') await appendFile(join(dir, LOG_FILE), Buffer.alloc(line.length))
      if (leftover === 'copy behind') {
        // The file has the last entry, its copy not yet: that entry was never acknowledged, and the file wins.
        const copy = await readFile(join(dir, mirrorPathOf(LOG_FILE)), 'utf8')
        await writeFile(join(dir, mirrorPathOf(LOG_FILE)), copy.slice(0, copy.lastIndexOf('\n', copy.length - 2) + 1))
      }
      const reader = await open(dir, { mode: 'read' })
      expect(titles(reader), leftover).toEqual(articles.map((a) => a.title))
      expect(reader.recoveryEvents, leftover).toEqual([])
      await reader.close()
      const store = await open(dir)
      expect(titles(store), leftover).toEqual(articles.map((a) => a.title))
      expect(store.recoveryEvents, leftover).toEqual([])
      // Mended: both copies whole and equal, nothing kept aside (it was no damage).
      const file = await readFile(join(dir, LOG_FILE))
      expect(await readFile(join(dir, mirrorPathOf(LOG_FILE)))).toEqual(file)
      expect(file.at(-1)).toBe(0x0a)
      expect((await readdir(dir)).filter((name) => name.includes('.corrupt-'))).toEqual([])
      await store.close()
    }
  })

  it('is ignored when it names an earlier checkpoint (a compaction interrupted after its checkpoint was written)', async () => {
    const { dir, articles } = await libraryWithLog(3)
    const oldLog = await readFile(join(dir, LOG_FILE))
    const store = await open(dir)
    await store.initialize() // a new checkpoint, holding every entry of the old log
    await store.close()
    for (const path of [LOG_FILE, mirrorPathOf(LOG_FILE)]) await writeFile(join(dir, path), oldLog)
    const again = await open(dir)
    expect(titles(again)).toEqual(articles.map((a) => a.title))
    expect(again.recoveryEvents).toEqual([])
    await again.addArticles([article(7)])
    await again.close()
    const reopened = await open(dir, { mode: 'read' })
    expect(titles(reopened)).toEqual([...articles, article(7)].map((a) => a.title))
  })

  it('is folded into a new checkpoint when it passes its bound, keeping the order of the list', async () => {
    const dir = await tempDir()
    const store = await open(dir, { indexLogBytes: 2_000 })
    const articles = Array.from({ length: 12 }, (_, i) => article(i + 1))
    const checkpoints = new Set<string | undefined>()
    for (const a of articles) {
      await store.addArticles([a])
      checkpoints.add((JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8')) as LibraryIndex).checkpoint)
      expect((await stat(join(dir, LOG_FILE))).size).toBeLessThanOrEqual(2_000)
    }
    await store.deleteArticle(articles[3]!.id)
    expect(checkpoints.size).toBeGreaterThan(2)
    await store.close()
    const reader = await open(dir, { mode: 'read' })
    expect(titles(reader)).toEqual(articles.filter((_, i) => i !== 3).map((a) => a.title))
    // Each earlier checkpoint was kept as a generation.
    expect((await readdir(join(dir, 'backups', 'generations'))).filter((name) => name.startsWith(`${LIBRARY_FILE}.`)).length).toBeGreaterThan(0)
  })

  it('is folded into the checkpoint before a backup, so a restore brings back every article', async () => {
    const { dir, articles } = await libraryWithLog(3)
    const store = await open(dir)
    const backup = join(dir, '..', `${dir.split('/').at(-1)}.bdbackup`)
    await store.backupTo(backup)
    await store.addArticles([article(6)])
    await store.restoreFrom(backup)
    expect(titles(store)).toEqual(articles.map((a) => a.title))
    expect(store.recoveryEvents.filter((event) => event.outcome !== 'copy')).toEqual([])
    await store.close()
    await rm(backup, { force: true })
    const reopened = await open(dir)
    expect(titles(reopened)).toEqual(articles.map((a) => a.title))
    expect(reopened.recoveryEvents).toEqual([])
  })
})
