import { existsSync } from 'node:fs'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { LibrarySearchResult } from '../../src/common/search/library-search-result'
import { changeLogPath } from '../../src/common/search/saved-index'
import { SEARCH_INDEX_FILE } from '../../src/node/search/index-file'
import { LibrarySearch } from '../../src/node/search/library-search'
import { workerSearchPort } from '../../src/node/search/worker-search-port'
import { LibraryStore } from '../../src/node/store/library-store'
import { HIGHLIGHTS, seededLibrary } from '../themes/library'

/**
 * The index's cache file on a real library, through a real worker thread: loaded at the first
 * query when it is the library's, caught up with in the background when it is missing, damaged or
 * behind, searches answering meanwhile and saying so. `waitUpTo: 0` makes even this small
 * library show the catching-up state the app shows only for large ones.
 */
const closing: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function open(dir: string, readOnly = false): Promise<{ store: LibraryStore; search: LibrarySearch }> {
  const store = await LibraryStore.open(dir, readOnly ? { mode: 'read' } : {})
  const search = new LibrarySearch(store, workerSearchPort(), { file: join(dir, SEARCH_INDEX_FILE), save: !readOnly, waitUpTo: 0, saveAfterMs: 60_000 })
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await search.close()
    await store.close()
  }
  closing.push(close)
  return { store, search: Object.assign(search, { closeAll: close }) }
}

function answer(found: LibrarySearchResult): unknown {
  return { total: found.total, ids: found.results.map((result) => result.articleId).sort() }
}

async function closeBoth(opened: { store: LibraryStore; search: LibrarySearch }): Promise<void> {
  await (opened.search as LibrarySearch & { closeAll: () => Promise<void> }).closeAll()
}

describe('the search index cache file', { timeout: 180_000 }, () => {
  it('is built in the background the first time (searches say so), saved at close, and loaded complete at the next open', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const file = join(dir, SEARCH_INDEX_FILE)
    expect(existsSync(file)).toBe(false)
    const first = await open(dir)
    const early = await first.search.search('thuong mai peru')
    expect(early.catchingUp).toBe(true)
    await first.search.caughtUp()
    const complete = await first.search.search('thuong mai peru')
    expect(complete.catchingUp).toBe(false)
    expect(complete.total).toBeGreaterThan(0)
    await closeBoth(first)
    expect(existsSync(file)).toBe(true)

    const second = await open(dir)
    const loaded = await second.search.search('thuong mai peru')
    // Complete at once, with no build: only the file can have made it so.
    expect(loaded.catchingUp).toBe(false)
    expect(answer(loaded)).toEqual(answer(complete))
    expect(answer(await second.search.search('"so lieu chinh"'))).toEqual({ total: 1, ids: [complete.results[0]!.articleId] })
  })

  it('follows the change feed and saves what changed: a deleted article is gone after reopening', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const first = await open(dir)
    await first.search.caughtUp()
    const before = await first.search.search('peru')
    const gone = before.results[0]!.articleId
    await first.store.deleteArticle(gone)
    const after = await first.search.search('peru')
    expect(after.results.map((result) => result.articleId)).not.toContain(gone)
    await closeBoth(first)

    const second = await open(dir)
    const reopened = await second.search.search('peru')
    expect(reopened.catchingUp).toBe(false)
    expect(answer(reopened)).toEqual(answer(after))
  })

  it('behind the library (changed while it was closed): answers from what it holds, catches up, and is saved again', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const first = await open(dir)
    await first.search.caughtUp()
    const before = await first.search.search('peru')
    await closeBoth(first)
    const file = join(dir, SEARCH_INDEX_FILE)
    // Saved again: a save appends to the change log beside the base, or writes a new base.
    const lastSaved = async () => Math.max((await stat(file)).mtimeMs, (await stat(changeLogPath(file))).mtimeMs)
    const savedAt = await lastSaved()

    // A change without the index (the CLI, another session): the file is now behind.
    const store = await LibraryStore.open(dir)
    const gone = before.results[0]!.articleId
    await store.deleteArticle(gone)
    await store.close()

    const second = await open(dir)
    const stale = await second.search.search('peru')
    expect(stale.catchingUp).toBe(true)
    await second.search.caughtUp()
    const fresh = await second.search.search('peru')
    expect(fresh.catchingUp).toBe(false)
    expect(fresh.results.map((result) => result.articleId)).not.toContain(gone)
    expect(fresh.total).toBe(before.total - 1)
    await closeBoth(second)
    expect(await lastSaved()).toBeGreaterThan(savedAt)

    const third = await open(dir)
    expect((await third.search.search('peru')).catchingUp).toBe(false)
  })

  it.each([
    ['damaged', async (file: string) => {
      const bytes = await readFile(file)
      bytes.fill(0, Math.floor(bytes.length / 3), Math.floor(bytes.length / 3) + 64)
      await writeFile(file, bytes)
    }],
    ['truncated', async (file: string) => writeFile(file, (await readFile(file)).subarray(0, 100))],
    ['not an index at all', async (file: string) => writeFile(file, 'hello')],
  ])('%s: rebuilt in the background from the library, nothing lost, and rewritten valid', async (_name, damage) => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const first = await open(dir)
    await first.search.caughtUp()
    const expected = answer(await first.search.search('thuong mai peru'))
    await closeBoth(first)
    const file = join(dir, SEARCH_INDEX_FILE)
    await damage(file)

    const second = await open(dir)
    expect((await second.search.search('thuong mai peru')).catchingUp).toBe(true)
    await second.search.caughtUp()
    expect(answer(await second.search.search('thuong mai peru'))).toEqual(expected)
    await closeBoth(second)

    const third = await open(dir)
    const loaded = await third.search.search('thuong mai peru')
    expect(loaded.catchingUp).toBe(false)
    expect(answer(loaded)).toEqual(expected)
  })

  it('a read-only open reads the file but never writes one', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const opened = await open(dir, true)
    await opened.search.caughtUp()
    expect((await opened.search.search('peru')).total).toBeGreaterThan(0)
    await closeBoth(opened)
    expect(existsSync(join(dir, SEARCH_INDEX_FILE))).toBe(false)
  })
})
