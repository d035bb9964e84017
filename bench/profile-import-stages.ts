import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ImportJobs } from '../src/node/import/import-jobs'
import { ParsePool, parseWorkers } from '../src/node/import/parse-pool'
import { LibraryStore } from '../src/node/store/library-store'
import { syntheticArticle } from './corpus'
import { syntheticPage } from './import.bench'

/**
 * Where a batch's wall time goes, thread by thread (a tool, not a benchmark table): imports a
 * folder of generated files into a fresh temp library through the batch job with a parse pool,
 * and prints
 * - for every thread of the process, its CPU time and its run-queue wait over the import
 *   (/proc/self/task/<tid>/schedstat, Linux): the main thread, the busiest other thread (the
 *   parse worker) and the rest (tsx's loader threads, libuv's file-system pool, V8's GC helpers);
 * - the group saves: how many, their sizes, how long each took, how much of the import's wall
 *   time a save was in flight, and the tail: how long the batch went on saving after the last file
 *   was parsed;
 * - the import's window on the monotonic clock, to cut `--cpu-prof` profiles to it.
 *   node [--cpu-prof --cpu-prof-dir=/tmp/prof] --import tsx bench/profile-import-stages.ts html 1000
 */
const kind = process.argv[2] === 'txt' ? 'txt' : 'html'
const count = Number(process.argv[3] ?? 1000)

interface ThreadTime {
  readonly cpuMs: number
  readonly waitMs: number
}

function threadTimes(): Map<string, ThreadTime> {
  const times = new Map<string, ThreadTime>()
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const [cpu = '0', wait = '0'] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1').trim().split(' ')
      times.set(tid, { cpuMs: Number(cpu) / 1e6, waitMs: Number(wait) / 1e6 })
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return times
}

const files = await mkdtemp(join(tmpdir(), 'profile-stages-files-'))
const library = await mkdtemp(join(tmpdir(), 'profile-stages-library-'))
try {
  for (let i = 0; i < count; i++) {
    await writeFile(join(files, `${String(i).padStart(5, '0')}.${kind}`), kind === 'txt' ? syntheticArticle(i) : syntheticPage(i))
  }
  const store = await LibraryStore.open(library)
  const pool = new ParsePool(parseWorkers())
  if ((await pool.start()) === 0) throw new Error('no parse worker started')
  const saves: { start: number; end: number; size: number }[] = []
  const update = store.update.bind(store)
  // Timed from the outside: the store's own method, called as the sink calls it.
  store.update = async (scope, change) => {
    const start = performance.now()
    let size = 0
    try {
      return await update(scope, async (current) => {
        const result = await change(current)
        size = result.writes.articles?.length ?? 0
        return result
      })
    } finally {
      saves.push({ start, end: performance.now(), size })
    }
  }
  const jobs = new ImportJobs({ store, now: () => new Date('2026-01-01T00:00:00Z'), pool })
  const before = threadTimes()
  const startUs = process.hrtime.bigint() / 1000n
  const start = performance.now()
  let lastFile = start
  const status = await jobs.wait(jobs.start({ paths: [files] }, () => (lastFile = performance.now())))
  const end = performance.now()
  const endUs = process.hrtime.bigint() / 1000n
  const after = threadTimes()
  await pool.close()
  await store.close()

  const wallMs = end - start
  const main = String(process.pid)
  const deltas = [...after].map(([tid, time]) => {
    const was = before.get(tid) ?? { cpuMs: 0, waitMs: 0 }
    return { tid, cpuMs: time.cpuMs - was.cpuMs, waitMs: time.waitMs - was.waitMs }
  })
  const others = deltas.filter((d) => d.tid !== main).sort((a, b) => b.cpuMs - a.cpuMs)
  const mainThread = deltas.find((d) => d.tid === main)!
  const worker = others[0]!
  const rest = others.slice(1).reduce((sum, d) => ({ cpuMs: sum.cpuMs + d.cpuMs, waitMs: sum.waitMs + d.waitMs }), { cpuMs: 0, waitMs: 0 })
  const perFile = (ms: number) => (ms / count).toFixed(2)
  console.log(`${kind}: ${status.report.added.length} added of ${count} in ${(wallMs / 1000).toFixed(2)} s = ${Math.round((count * 1000) / wallMs)} files/s; wall ${perFile(wallMs)} ms/file`)
  console.log(`window (monotonic µs): ${startUs} ${endUs}; saving only from ${endUs - BigInt(Math.round((end - lastFile) * 1000))}`)
  console.log('thread            CPU ms/file  run-queue wait ms/file  idle ms/file')
  for (const [name, t] of [['main', mainThread], ['parse worker', worker], ['all others', rest]] as const) {
    const idle = name === 'all others' ? '' : perFile(wallMs - t.cpuMs - t.waitMs)
    console.log(`${name.padEnd(18)}${perFile(t.cpuMs).padStart(11)}  ${perFile(t.waitMs).padStart(22)}  ${idle.padStart(11)}`)
  }
  if (process.env['THREADS'] === '1') for (const d of others.slice(0, 12)) console.log(`  thread ${d.tid}: CPU ${perFile(d.cpuMs)} ms/file`)
  const sizes = saves.map((s) => s.size).sort((a, b) => a - b)
  const durations = saves.map((s) => s.end - s.start).sort((a, b) => a - b)
  let inFlight = 0
  for (const s of saves) inFlight += s.end - s.start
  const median = (values: number[]) => values[Math.floor(values.length / 2)] ?? 0
  console.log(
    `group saves: ${saves.length}, size median ${median(sizes)} (min ${sizes[0]}, max ${sizes.at(-1)}), ms median ${median(durations).toFixed(1)} (max ${durations.at(-1)?.toFixed(1)}); a save in flight ${((inFlight / wallMs) * 100).toFixed(0)} % of the wall time; the last file parsed ${(end - lastFile).toFixed(0)} ms before the end (saving only)`,
  )
} finally {
  await rm(files, { recursive: true, force: true })
  await rm(library, { recursive: true, force: true })
}
