/**
 * One side of the store benchmark, in a fresh process so that neither side's memory or garbage
 * collection disturbs the other: open the library, list it, then save `SAVES` annotations.
 *   node --import tsx bench/store-child.ts store|lowdb PATH SAVES
 * Prints one JSON line: open time, memory after opening, save times, longest event-loop block.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { JSONFile } from 'lowdb/node'
import { Low } from 'lowdb'
import { LibraryStore } from '../src/node/store/library-store'
import { syntheticAnnotation, type SingleFileLibrary } from './store-data'

const [kind, path, savesArg] = process.argv.slice(2)
if (path === undefined) throw new Error('usage: store-child store|lowdb PATH SAVES')
const saves = Number(savesArg ?? 0)

async function measureSaves(save: (round: number) => Promise<void>): Promise<{ times: number[]; maxBlockMs: number }> {
  const times: number[] = []
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  for (let round = 0; round < saves; round++) {
    const start = performance.now()
    await save(round)
    times.push(performance.now() - start)
  }
  delay.disable()
  // The histogram records how late the 1 ms timer fired: the largest value is the longest block.
  return { times, maxBlockMs: delay.max / 1e6 }
}

const start = performance.now()
let result
if (kind === 'store') {
  const store = await LibraryStore.open(path)
  const articles = store.listArticles()
  const openMs = performance.now() - start
  const rssMb = process.memoryUsage().rss / 2 ** 20
  // Saving into an article whose annotations are not loaded yet reads its file first: the
  // realistic case for the first highlight in an article just opened.
  const measured = await measureSaves(async (round) => {
    const article = articles[(round * 7919) % articles.length]!
    const current = await store.getAnnotations(article.id)
    await store.setAnnotations(article.id, [...current, syntheticAnnotation(article.id, article.excerpt, 1_000_000 + round)])
  })
  await store.close()
  result = { count: articles.length, openMs, rssMb, ...measured }
} else {
  const db = new Low<SingleFileLibrary>(new JSONFile(path), { articles: [], annotations: [] })
  await db.read()
  const articles = db.data.articles.map(({ blocks: _blocks, ...summary }) => summary)
  const openMs = performance.now() - start
  const rssMb = process.memoryUsage().rss / 2 ** 20
  const measured = await measureSaves(async (round) => {
    const article = articles[round % articles.length]!
    db.data.annotations.push(syntheticAnnotation(article.id, article.excerpt, 1_000_000 + round))
    await db.write()
  })
  result = { count: articles.length, openMs, rssMb, ...measured }
}
process.stdout.write(`${JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`)
