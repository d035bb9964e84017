/**
 * One side of the store benchmark, in a fresh process so that neither side's memory or garbage
 * collection disturbs the other: open the library, list it, then save `SAVES` annotations.
 *   node --import tsx bench/store-child.ts store|lowdb PATH SAVES
 * Prints one JSON line: open time, memory after opening, save times, longest event-loop block,
 * and the longest "block" over an idle period of the same length right after the saves.
 *
 * Why the idle figure: monitorEventLoopDelay records how late a 1 ms timer fires, which on a
 * shared machine includes every time the OS gave the CPU to another process. The same histogram
 * over an equally long stretch in which this process does nothing is that noise floor; the
 * difference between the two rows is what the saves add. The save figure itself is unchanged.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { JSONFile } from 'lowdb/node'
import { Low } from 'lowdb'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeDurably } from '../src/node/store/durable-json-file'
import { LibraryStore } from '../src/node/store/library-store'
import { monitorCpuBlocks } from './loop-cpu-blocks'
import { syntheticAnnotation, type SingleFileLibrary } from './store-data'

const [kind, path, savesArg] = process.argv.slice(2)
if (path === undefined) throw new Error('usage: store-child store|lowdb PATH SAVES')
const saves = Number(savesArg ?? 0)

interface Measured {
  times: number[]
  maxBlockMs: number
  idleMaxBlockMs: number
  /** The longest block in this thread's CPU time (see loop-cpu-blocks.ts); null off Linux. */
  maxCpuBlockMs: number | null
  idleMaxCpuBlockMs: number | null
}

async function measureSaves(save: (round: number) => Promise<void>): Promise<Measured> {
  const times: number[] = []
  const delay = monitorEventLoopDelay({ resolution: 1 })
  const began = performance.now()
  delay.enable()
  const cpu = monitorCpuBlocks()
  for (let round = 0; round < saves; round++) {
    const start = performance.now()
    await save(round)
    times.push(performance.now() - start)
  }
  const maxCpuBlockMs = cpu.stop()
  delay.disable()
  // The histogram records how late the 1 ms timer fired: the largest value is the longest block.
  const maxBlockMs = delay.max / 1e6
  const idle = await longestIdleBlock(performance.now() - began)
  return { times, maxBlockMs, idleMaxBlockMs: idle.wallMs, maxCpuBlockMs, idleMaxCpuBlockMs: idle.cpuMs }
}

/** The same measures over `ms` of doing nothing: the delays the machine alone causes. */
async function longestIdleBlock(ms: number): Promise<{ wallMs: number; cpuMs: number | null }> {
  const idle = monitorEventLoopDelay({ resolution: 1 })
  idle.enable()
  const cpu = monitorCpuBlocks()
  await new Promise((resolve) => setTimeout(resolve, ms))
  const cpuMs = cpu.stop()
  idle.disable()
  return { wallMs: idle.max / 1e6, cpuMs }
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
  // The second copy's cost: one more durable write of the same bytes per save (written beside the
  // file, at the same time), measured alone on an annotations file's bytes.
  const sample = await readFile(join(path, 'annotations', `${articles[0]!.id}.json`))
  const scratch = join(path, 'mirror', 'annotations', 'bench-second-copy.json')
  const copyTimes: number[] = []
  for (let round = 0; round < Math.min(saves, 100); round++) {
    const began = performance.now()
    await writeDurably(scratch, sample)
    copyTimes.push(performance.now() - began)
  }
  await rm(scratch, { force: true })
  result = { count: articles.length, openMs, rssMb, ...measured, copyTimes }
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
