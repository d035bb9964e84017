import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildArticle } from '../src/node/library/build-article'
import { LibraryStore } from '../src/node/store/library-store'
import { syntheticArticle } from './corpus'
import { percentile, printTable, type Row } from './table'

/** Opening a library and listing it, and opening one article, at growing library sizes. */
export async function benchLibraryOpen(sizes: readonly number[]): Promise<void> {
  const rows: Row[] = []
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-library-'))
    const store = await LibraryStore.open(dir)
    const importedAt = new Date('2026-01-01T00:00:00Z')
    const ids: string[] = []
    for (let i = 0; i < size; i++) {
      const article = buildArticle(syntheticArticle(i), { origin: { kind: 'file', name: `${i}.txt` }, importedAt })
      if (article === null) continue
      ids.push(article.id)
      await store.addArticle(article)
    }

    const openTimes: number[] = []
    const readTimes: number[] = []
    for (let round = 0; round < 7; round++) {
      const start = performance.now()
      const opened = await LibraryStore.open(dir)
      const count = opened.listArticles().length
      openTimes.push(performance.now() - start)
      if (count !== ids.length) throw new Error(`listed ${count} of ${ids.length} articles`)
      const readStart = performance.now()
      await opened.getArticle(ids[(round * 7919) % ids.length]!)
      readTimes.push(performance.now() - readStart)
    }
    rows.push({
      benchmark: `open + list, ${size.toLocaleString('en-US')} articles`,
      'p50 ms': percentile(openTimes, 50),
      'max ms': Math.max(...openTimes),
      'open one article p50 ms': percentile(readTimes, 50),
    })
    await rm(dir, { recursive: true, force: true })
  }
  printTable('Library: open to list ready (this store)', rows)
}
