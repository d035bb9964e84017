import { existsSync, readdirSync, readlinkSync } from 'node:fs'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import type { LibrarySearchResult } from '../../src/common/search/library-search-result'
import { SEARCH_INDEX_FILE } from '../../src/node/search/index-file'
import { LibrarySearch } from '../../src/node/search/library-search'
import { workerSearchPort } from '../../src/node/search/worker-search-port'
import { LibraryStore } from '../../src/node/store/library-store'
import { HIGHLIGHTS, seededLibrary } from '../themes/library'

/**
 * The search thread can die (a crash, running out of memory). The next query must still answer
 * as if nothing happened: a fresh thread, the index rebuilt from the library. Real thread, real
 * store on a temp folder; the thread is stopped the way a crash stops it, from outside.
 */
const closing: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close()
})

async function openSearch(dir?: string): Promise<{ search: LibrarySearch; threads: Worker[] }> {
  const store = await LibraryStore.open(dir ?? (await seededLibrary(HIGHLIGHTS)))
  closing.push(() => store.close())
  const threads: Worker[] = []
  const options = dir === undefined ? {} : { file: join(dir, SEARCH_INDEX_FILE) }
  const search = new LibrarySearch(store, (workerSearchPort as (e?: string, w?: (t: Worker) => void) => ReturnType<typeof workerSearchPort>)(undefined, (thread) => threads.push(thread)), options)
  closing.push(() => search.close())
  return { search, threads }
}

/** What a result says, without scores: enough to tell a right answer from an empty index. */
function answer(found: LibrarySearchResult): unknown {
  return { total: found.total, results: found.results.map((result) => ({ title: result.title, fields: result.hits.map((hit) => hit.field) })) }
}

describe('when the search thread dies', { timeout: 180_000 }, () => {
  it('the next query starts a fresh thread, rebuilds the index and answers as before', async () => {
    const { search, threads } = await openSearch()
    const before = await search.search('thuong mai peru')
    expect(before.total).toBeGreaterThan(0)
    expect(before.results[0]!.title).toContain('Thương mại hai chiều')
    expect(threads).toHaveLength(1)

    // Idle when it dies: nothing is waiting to hear about it.
    await threads[0]!.terminate()
    expect(answer(await search.search('thuong mai peru'))).toEqual(answer(before))
    expect(threads).toHaveLength(2)
    expect(answer(await search.search('"so lieu chinh"'))).toEqual({ total: 1, results: [{ title: before.results[0]!.title, fields: ['note'] }] })
  })

  it('a query the thread was answering when it died is answered by the next thread', async () => {
    const { search, threads } = await openSearch()
    const before = await search.search('apec peru')
    expect(before.total).toBeGreaterThan(0)
    const during = search.search('apec peru')
    // Stops the thread while the query is on its way to it or running in it.
    await threads[0]!.terminate()
    expect(answer(await during)).toEqual(answer(before))
    expect(threads.length).toBeGreaterThanOrEqual(2)
  })

  // Descriptors belong to the process, not to the thread that opened them: Linux lists them here.
  it.skipIf(!existsSync('/proc/self/fd'))('lets go of the saved index it had open', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const openBases = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(join('/proc/self/fd', fd)).startsWith(join(dir, SEARCH_INDEX_FILE))
        } catch {
          return false // closed meanwhile (the listing's own descriptor)
        }
      }).length
    // A first session builds the index and saves it at close; the second opens the saved base.
    const store = await LibraryStore.open(dir)
    const first = new LibrarySearch(store, workerSearchPort(), { file: join(dir, SEARCH_INDEX_FILE) })
    await first.search('thuong mai peru')
    await first.caughtUp()
    await first.close()
    await store.close()
    const { search, threads } = await openSearch(dir)
    const before = await search.search('thuong mai peru')
    expect(before.catchingUp).toBe(false)
    expect(openBases()).toBe(1)

    await threads[0]!.terminate()
    expect(openBases()).toBe(0)
    // The next thread opens it again, and answers as before.
    expect(answer(await search.search('thuong mai peru'))).toEqual(answer(before))
    expect(openBases()).toBe(1)
  })
})
