import { readdir, readFile, writeFile } from 'node:fs/promises'
import { LibraryStore } from '../src/node/store/library-store'
import { runLiveSync } from '../src/node/team/live-sync'
import { setTeamWorkerEntry } from '../src/node/team/page-checker'
import { connectTeam, openTeamSync } from '../src/node/team/team-connection'
import { monitorCpuBlocks, threadCpuMs } from './loop-cpu-blocks'

/**
 * The connected client of the team bench (bench/team.bench.ts), in a process of its own so that its
 * figures are its own: nothing of library A, the publisher or the bench's generator shares its heap,
 * its threads or its RSS. It opens an empty library, connects it, makes the first sync, then follows
 * the live feed until told to sit idle, and says what it measured as JSON messages on the IPC channel:
 *
 *   → { type: 'first', ... }      after the first sync (wall, main-thread CPU, longest CPU block, peak RSS)
 *   → { type: 'arrived' }         each time a live round brought a change to TARGET's highlights
 *   ← { type: 'idle', ms }        sit idle twice that long (from the end of the live round under way), then
 *   → { type: 'idle', ... }       CPU of the idle client in both windows (all threads, main thread) and its RSS; exits.
 *
 * The bench runs it bundled, on plain Node (BENCH_TEAM_WORKER: the bundled page worker).
 * Arguments: DIR URL DB USER PASSWORD TARGET. BENCH_TEAM_PROFILE=file.cpuprofile: a CPU profile of
 * this process's main thread during the first sync; BENCH_TEAM_BLOCKS=ms: the CPU blocks of at least
 * that many ms, with when they ended, go into the first message (what to look for in the profile).
 */
const [dir, url, db, user, password, target] = process.argv.slice(2)
if (target === undefined) throw new Error('usage: team-client-child DIR URL DB USER PASSWORD TARGET')
const send = (message: object) => process.send!(message)
const say = (key: string) => key

// Bundled by the bench (as the app bundles it): the page worker is the bundled one too.
const workerEntry = process.env['BENCH_TEAM_WORKER']
if (workerEntry !== undefined && workerEntry !== '') setTeamWorkerEntry(workerEntry)
const store = await LibraryStore.open(dir!)
await connectTeam(store, { url: url!, db: db!, user: user!, password: password! })
const client = await openTeamSync(store, password!, { say })

let peakRss = process.memoryUsage().rss
// What made up the RSS at its peak (JS heap, external and array buffers, the rest: threads' heaps, code, malloc).
let peakMemory = process.memoryUsage()
const rssTimer = setInterval(() => {
  const memory = process.memoryUsage()
  if (memory.rss > peakRss) [peakRss, peakMemory] = [memory.rss, memory]
}, 100)
// The profiler starts first: its own start is not a block of the sync.
const profile = await startProfile()
const blocks = monitorCpuBlocks(Number(process.env['BENCH_TEAM_BLOCKS'] ?? Infinity))
const wallStart = performance.now()
const cpuStart = threadCpuMs()
const report = await client.sync.round()
const wallMs = performance.now() - wallStart
const cpuMs = cpuStart === null ? null : threadCpuMs()! - cpuStart
const longest = blocks.stop()
await profile?.stop()
clearInterval(rssTimer)
peakRss = Math.max(peakRss, process.memoryUsage().rss)
send({ type: 'first', wallMs, cpuMs, longest, blocks: blocks.blocks.map((block) => ({ at: block.at - wallStart, ms: block.ms })), peakRssMb: peakRss / 2 ** 20, peakMemory, pulled: report.pulled })
// With a profile: the blocks beside it, on the profile's clock (µs of the monotonic clock), to find each in it.
if (profile !== null) await writeFile(`${process.env['BENCH_TEAM_PROFILE']}.blocks.json`, JSON.stringify({ clockOffsetUs: Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000, blocks: blocks.blocks }))

const controller = new AbortController()
store.onChange((change) => {
  if (change.annotations.includes(target)) send({ type: 'arrived' })
})
let liveState = ''
let onSynced: (() => void) | null = null
const live = runLiveSync(client.sync, {
  signal: controller.signal,
  onStatus: (status) => {
    liveState = status.state
    if (status.state === 'synced') onSynced?.()
  },
})

process.on('message', (message: { type: string; ms: number }) => {
  if (message.type !== 'idle') return
  void (async () => {
    if (liveState !== 'synced') await new Promise<void>((resolve) => (onSynced = resolve))
    if (process.env['BENCH_TEAM_IDLE_TRACE'] === '1') console.log(`idle starts at ${Math.round(performance.now())} ms (pid ${process.pid})`)
    // Two windows one after the other: right after the last round (the tail of its work: V8's
    // memory-reducing collections), and the same length later (the steady idle client).
    const idleProfile = await startProfile('BENCH_TEAM_IDLE_PROFILE')
    const first = await idleWindow(message.ms)
    const later = await idleWindow(message.ms)
    await idleProfile?.stop()
    if (process.env['BENCH_TEAM_IDLE_TRACE'] === '1') console.log(`idle ended at ${Math.round(performance.now())} ms`)
    const memory = process.memoryUsage()
    // BENCH_TEAM_HEAP=file.heapsnapshot: what the connected client's heap holds (after its figures are taken).
    const heapFile = process.env['BENCH_TEAM_HEAP']
    if (heapFile !== undefined && heapFile !== '') (await import('node:v8')).writeHeapSnapshot(heapFile)
    send({ type: 'idle', ...first, first, later, rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20, memory })
    controller.abort()
    await live
    client.close()
    await store.close()
    process.disconnect()
  })()
})

/** CPU of this process while it sits idle for `ms`: all threads and the main one (ms per s), and which threads spent it. */
async function idleWindow(ms: number): Promise<{ allMsPerS: number; mainMsPerS: number; byThread: Record<string, number> }> {
  // The threads' times are read outside the window: reading /proc/self/task/*/stat through
  // fs/promises costs the main thread ~5–10 ms, which inside a 10 s window was the whole of the
  // "idle" main-thread CPU measured before (a CPU profile of the idle client shows nothing else
  // but the server's longpoll heartbeat).
  const threadsBefore = await threadTimes()
  const cpuBefore = process.cpuUsage()
  const mainBefore = threadCpuMs() ?? 0
  await new Promise((resolve) => setTimeout(resolve, ms))
  const cpu = process.cpuUsage(cpuBefore)
  const mainMs = (threadCpuMs() ?? 0) - mainBefore
  const threadsAfter = await threadTimes()
  // Which threads spent the idle client's CPU: the main one, the others by name and id.
  const byThread: Record<string, number> = {}
  for (const [tid, after] of threadsAfter) {
    const spent = after.ms - (threadsBefore.get(tid)?.ms ?? 0)
    if (spent > 0) byThread[tid === String(process.pid) ? 'main' : `${after.name} ${tid}`] = spent
  }
  return { allMsPerS: (cpu.user + cpu.system) / 1000 / (ms / 1000), mainMsPerS: mainMs / (ms / 1000), byThread }
}

/** Each thread's name and CPU ms so far (Linux: /proc/self/task/<tid>/stat, in clock ticks of 10 ms), empty elsewhere. */
async function threadTimes(): Promise<Map<string, { name: string; ms: number }>> {
  const out = new Map<string, { name: string; ms: number }>()
  try {
    for (const tid of await readdir('/proc/self/task')) {
      const stat = await readFile(`/proc/self/task/${tid}/stat`, 'latin1')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(tid, { name, ms: (Number(fields[11]) + Number(fields[12])) * 10 })
    }
  } catch {
    // Not Linux: the totals stand alone.
  }
  return out
}

/** BENCH_TEAM_PROFILE=file.cpuprofile: a CPU profile of the main thread during the first sync (what to fix first); BENCH_TEAM_IDLE_PROFILE: of the idle windows. */
async function startProfile(variable = 'BENCH_TEAM_PROFILE'): Promise<{ stop: () => Promise<void> } | null> {
  const file = process.env[variable]
  if (file === undefined || file === '') return null
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  // Samples every 250 µs: a block of 5 ms holds about twenty.
  await session.post('Profiler.setSamplingInterval', { interval: 250 })
  await session.post('Profiler.start')
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop')
      await writeFile(file, JSON.stringify(profile))
      session.disconnect()
    },
  }
}
