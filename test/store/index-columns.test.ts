import { chmod, chown, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { summarize, type Article } from '../../src/common/model/article'
import { COLUMNS_FILE } from '../../src/node/store/index-columns-file'
import { removeLog } from '../../src/node/store/index-log'
import type { OpenProgress } from '../../src/node/store/index-migration'
import { LIBRARY_FILE, SCHEMA_VERSION, type LibraryIndex } from '../../src/node/store/library-files'
import { LibraryStore } from '../../src/node/store/library-store'
import { mirrorPathOf, writeBothCopies } from '../../src/node/store/second-copy'
import { cliInProcess } from '../cli-runner'
import { ROOT, tempDir } from '../helpers'
import { runChild as runScript } from './store-child'
import { exists, openedStores, snapshot } from './store-files'
import { article } from './fixtures'

/**
 * The index's columns (`library.cols`): read at open in place of `library.json` only when they
 * hold that very checkpoint, written after each checkpoint, and made by a migration when a
 * library in an older layout is opened for changes: killed, refused a full disk or a read-only
 * folder, the migration leaves the old layout whole and usable. Real files, real processes.
 */
const CHILD = join(ROOT, 'test', 'store', 'migrate-child.ts')
const runChild = (args: string[], options: Parameters<typeof runScript>[2] = {}) => runScript(CHILD, args, options)

const open = openedStores()

async function libraryOf(count: number): Promise<{ dir: string; articles: Article[] }> {
  const dir = await tempDir()
  const store = await LibraryStore.open(dir)
  const articles = Array.from({ length: count }, (_, i) => article(i + 1))
  await store.addArticles(articles)
  await store.close()
  return { dir, articles }
}

/** The layout before the columns: the same library without `library.cols`. */
async function withoutColumns(dir: string): Promise<void> {
  await rm(join(dir, COLUMNS_FILE), { force: true })
}

/** The layout before the index log: library.json the whole index, without a checkpoint id, no log, no columns. */
async function asBeforeTheLog(dir: string, articles: readonly Article[]): Promise<void> {
  const current = JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8')) as LibraryIndex
  const index: LibraryIndex = { schemaVersion: SCHEMA_VERSION, libraryId: current.libraryId, createdAt: current.createdAt, articles: articles.map(summarize) }
  await writeBothCopies(dir, LIBRARY_FILE, [Buffer.from(`${JSON.stringify(index)}\n`)])
  await removeLog(dir)
  await rm(join(dir, COLUMNS_FILE), { force: true })
}

const listed = (store: LibraryStore) => JSON.stringify(store.listArticles())

describe('the index read from its columns', () => {
  it('lists exactly what library.json holds, frozen, and the log applies over it', async () => {
    const { dir, articles } = await libraryOf(40)
    expect(await exists(join(dir, COLUMNS_FILE))).toBe(true)
    let store = await open(dir)
    const revised = { ...articles[3]!, title: 'Sửa sau khi mở', revision: 2 }
    await store.replaceArticle(revised)
    await store.deleteArticle(articles[5]!.id)
    const expected = listed(store)
    await store.close()

    const progress: OpenProgress[] = []
    store = await open(dir, { onProgress: (step) => progress.push(step) })
    // Nothing to migrate: the columns were read.
    expect(progress).toEqual([])
    expect(listed(store)).toEqual(expected)
    // Those of the checkpoint come from the columns, frozen like every summary whose bytes are kept.
    expect(store.listArticles().slice(0, 3).every((summary) => Object.isFrozen(summary))).toBe(true)
    expect(store.listArticles()[3]!.title).toBe('Sửa sau khi mở')
    const fromJson = JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8')) as LibraryIndex
    expect(fromJson.articles.length).toBe(40)
    expect(store.recoveryEvents).toEqual([])
  })

  it('are ignored when library.json changed since they were written (another program, a restore)', async () => {
    const { dir, articles } = await libraryOf(5)
    // A valid checkpoint with other content, written in place of both copies: the columns are stale.
    const index = JSON.parse(await readFile(join(dir, LIBRARY_FILE), 'utf8')) as LibraryIndex
    const changed = { ...index, articles: index.articles.map((summary, i) => (i === 2 ? { ...summary, title: 'Tiêu đề đổi bên ngoài' } : summary)) }
    await writeBothCopies(dir, LIBRARY_FILE, [Buffer.from(`${JSON.stringify(changed)}\n`)])
    const reader = await open(dir, { mode: 'read' })
    expect(reader.listArticles().map((summary) => summary.title)).toEqual(articles.map((a, i) => (i === 2 ? 'Tiêu đề đổi bên ngoài' : a.title)))
    await reader.close()
    // Written again for the checkpoint now on disk, without a word (not an older layout).
    const store = await open(dir, { onProgress: () => expect.unreachable('no migration to tell') })
    expect(store.listArticles()[2]!.title).toBe('Tiêu đề đổi bên ngoài')
    await store.close()
    const reopened = await open(dir, { mode: 'read' })
    expect(reopened.listArticles()[2]!.title).toBe('Tiêu đề đổi bên ngoài')
  })

  it('when damaged, are passed over for library.json (nothing lost, nothing to report) and written again', async () => {
    const { dir, articles } = await libraryOf(12)
    const path = join(dir, COLUMNS_FILE)
    const bytes = await readFile(path)
    bytes[Math.floor(bytes.length * 0.7)]! ^= 0xff
    await writeFile(path, bytes)
    const store = await open(dir)
    expect(store.listArticles().map((summary) => summary.title)).toEqual(articles.map((a) => a.title))
    expect(store.recoveryEvents).toEqual([])
    await store.close()
    expect((await readFile(path)).equals(bytes)).toBe(false)
    const reopened = await open(dir, { onProgress: () => expect.unreachable('nothing left to migrate') })
    expect(reopened.listArticles().length).toBe(12)
  })

  it('do not hide damage to library.json: its second copy is used and the damage reported', async () => {
    const { dir, articles } = await libraryOf(6)
    const size = (await stat(join(dir, LIBRARY_FILE))).size
    await writeFile(join(dir, LIBRARY_FILE), Buffer.alloc(size))
    const store = await open(dir)
    expect(store.listArticles().map((summary) => summary.title)).toEqual(articles.map((a) => a.title))
    expect(store.recoveryEvents).toMatchObject([{ file: LIBRARY_FILE, damage: 'zero-filled', outcome: 'copy' }])
  })
})

describe('the migration of an older index layout', () => {
  it('is not run by a read-only open, which writes nothing', async () => {
    const { dir, articles } = await libraryOf(8)
    await asBeforeTheLog(dir, articles)
    const before = await snapshot(dir)
    const reader = await open(dir, { mode: 'read', onProgress: () => expect.unreachable('a read-only open migrates nothing') })
    expect(reader.listArticles().length).toBe(8)
    await reader.close()
    expect(await snapshot(dir)).toEqual(before)
  })

  it('is told by the CLI on stderr, in the user\'s language; a read-only command migrates nothing', async () => {
    const { dir } = await libraryOf(8)
    await withoutColumns(dir)
    const reading = await cliInProcess(['--data-dir', dir, 'list'])
    expect(reading).toMatchObject({ code: 0, stderr: '' })
    expect(await exists(join(dir, COLUMNS_FILE))).toBe(false)
    const english = await cliInProcess(['--data-dir', dir, 'samples', 'add'])
    expect(english.code).toBe(0)
    expect(english.stderr).toBe(
      'briefing-desk: Preparing the library to open faster: 0%\n'.concat(
        ...[25, 50, 75, 100].map((percent) => `briefing-desk: Preparing the library to open faster: ${percent}%\n`),
        'briefing-desk: The library is ready to open faster.\n',
      ),
    )
    await withoutColumns(dir)
    const vietnamese = await cliInProcess(['--data-dir', dir, 'samples', 'add'], { BRIEFING_LANG: 'vi' })
    expect(vietnamese.stderr).toContain('briefing-desk: Đang chuẩn bị để thư viện mở nhanh hơn: 0%\n')
    expect(vietnamese.stderr).toContain('briefing-desk: Thư viện đã sẵn sàng để mở nhanh hơn.\n')
  })

  it('from before the columns: runs once with progress, rising to 1', async () => {
    const { dir } = await libraryOf(8)
    await withoutColumns(dir)
    const progress: OpenProgress[] = []
    const store = await open(dir, { onProgress: (step) => progress.push(step) })
    const fractions = progress.flatMap((step) => (step.step === 'migrating' ? [step.fraction] : []))
    expect(fractions[0]).toBe(0)
    expect(fractions.at(-1)).toBe(1)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(progress.at(-1)).toEqual({ step: 'migrated' })
    expect(await exists(join(dir, COLUMNS_FILE))).toBe(true)
    expect(store.listArticles().length).toBe(8)
  })

  for (const layout of ['before the columns', 'before the log'] as const) {
    it(`from ${layout}, killed with SIGKILL at each step: the next open finds every article, then finishes it`, { timeout: 120_000 }, async () => {
      const { dir, articles } = await libraryOf(60)
      const titles = articles.map((a) => a.title)
      for (let killAt = 1; killAt <= 6; killAt++) {
        if (layout === 'before the columns') await withoutColumns(dir)
        else await asBeforeTheLog(dir, articles)
        const run = await runChild(['migrate', dir], { killAtLine: killAt })
        expect(run.killed || run.lines.includes('listed 60'), run.lines.join('\n')).toBe(true)
        const reader = await open(dir, { mode: 'read' })
        expect(reader.listArticles().map((summary) => summary.title)).toEqual(titles)
        expect(reader.recoveryEvents).toEqual([])
        await reader.close()
      }
      const store = await open(dir)
      expect(store.listArticles().map((summary) => summary.title)).toEqual(titles)
      expect(store.recoveryEvents).toEqual([])
      expect(await exists(join(dir, COLUMNS_FILE))).toBe(true)
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
    })
  }

  for (const layout of ['before the columns', 'before the log'] as const) {
    it(`from ${layout}, on a full disk: says why, opens in the old layout, which stays untouched`, { timeout: 60_000 }, async () => {
      const { dir, articles } = await libraryOf(60)
      if (layout === 'before the columns') await withoutColumns(dir)
      else await asBeforeTheLog(dir, articles)
      const index = await readFile(join(dir, LIBRARY_FILE))
      const copy = await readFile(join(dir, mirrorPathOf(LIBRARY_FILE)))
      // ulimit -f (KiB): no file may grow past 4 KiB, as a full disk would refuse the new files.
      const run = await runChild(['migrate', dir], { shell: 'ulimit -f 4' })
      expect(run.code, run.lines.join('\n')).toBe(0)
      const failed = run.lines.find((line) => line.includes('"migration-failed"'))
      expect(failed, run.lines.join('\n')).toBeDefined()
      expect((JSON.parse(failed!.slice('progress '.length)) as { reason: string }).reason).toMatch(/library\.(cols|json).*file too large/i)
      expect(run.lines).toContain('listed 60')
      expect(await readFile(join(dir, LIBRARY_FILE))).toEqual(index)
      expect(await readFile(join(dir, mirrorPathOf(LIBRARY_FILE)))).toEqual(copy)
      expect(await exists(join(dir, COLUMNS_FILE))).toBe(false)
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
      // Space again: the next open migrates.
      const store = await open(dir)
      expect(store.listArticles().length).toBe(60)
      expect(await exists(join(dir, COLUMNS_FILE))).toBe(true)
    })
  }

  it('in a read-only folder: the open for changes says why, the old layout stays untouched and opens read-only', { timeout: 60_000 }, async () => {
    const { dir, articles } = await libraryOf(10)
    await asBeforeTheLog(dir, articles)
    // Root ignores permissions, so as root the child runs as "nobody", owner of a folder it may not write.
    const asRoot = process.getuid?.() === 0
    if (asRoot) await chownTree(dir, 65534)
    await chmod(dir, 0o555)
    const before = await snapshot(dir)
    try {
      const writer = await runChild(['migrate', dir], asRoot ? { uid: 65534 } : {})
      expect(writer.code).toBe(1)
      expect(writer.lines.join('\n')).toMatch(/^error .*(\.lock|permission|EACCES)/im)
      const reader = await runChild(['read', dir], asRoot ? { uid: 65534 } : {})
      expect(reader.lines).toContain('listed 10')
    } finally {
      await chmod(dir, 0o700)
    }
    expect(await snapshot(dir)).toEqual(before)
  })
})

async function chownTree(path: string, uid: number): Promise<void> {
  await chown(path, uid, uid)
  if ((await stat(path)).isDirectory()) for (const name of await readdir(path)) await chownTree(join(path, name), uid)
}
