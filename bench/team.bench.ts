import { fork, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Article } from '../src/common/model/article'
import { formatId } from '../src/common/model/ids'
import { buildArticle } from '../src/node/library/build-article'
import { LibraryStore } from '../src/node/store/library-store'
import { initTeam, openTeamSync } from '../src/node/team/team-connection'
import { syntheticArticle } from './corpus'
import { syntheticAnnotation } from './store-data'
import { percentile, printTable, type Row } from './table'

/**
 * Team sync (`BENCH_ONLY=team`): the test server (scripts/team-server.ts, express-pouchdb in
 * memory) as a child process on loopback; library A with generated articles and 10 highlights
 * each publishes to it; then an empty library B makes its first sync (articles/s, longest CPU
 * block of the loop, RSS), then follows the live feed while A saves highlights one by one
 * (A-save → B-has-it latency), then sits idle (CPU of an idle connected client).
 */
const ROOT = join(import.meta.dirname, '..')
const ADMIN = { user: 'admin', password: 'bench-admin' }
const say = (key: string) => key

export async function benchTeam(quick: boolean): Promise<void> {
  // BENCH_TEAM_ARTICLES: another size (a run between the quick one and the full one).
  const articleCount = Number(process.env['BENCH_TEAM_ARTICLES'] ?? (quick ? 300 : 10_000))
  const perArticle = 10
  const server = await startServer()
  const dirs: string[] = []
  try {
    const auth = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`
    await fetch(`${server.url}/_config/admins/alice`, { method: 'PUT', headers: { authorization: auth }, body: JSON.stringify('alice-pw') })
    await fetch(`${server.url}/_users/org.couchdb.user:bob`, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bob', password: 'bob-pw', roles: [], type: 'user' }) })

    const aDir = await mkdtemp(join(tmpdir(), 'bench-team-a-'))
    const bDir = await mkdtemp(join(tmpdir(), 'bench-team-b-'))
    dirs.push(aDir, bDir)
    const a = await LibraryStore.open(aDir)
    let articles: Article[] | null = generate(articleCount)
    await a.addArticles(articles)
    // The highlights in commits of 500 articles' lists each (setting up A is not measured).
    for (let start = 0; start < articles.length; start += 500) {
      const lists = new Map(
        articles.slice(start, start + 500).map((article, j) => [article.id, Array.from({ length: perArticle }, (_, k) => syntheticAnnotation(article.id, article.blocks[0]!.text, (start + j) * perArticle + k))]),
      )
      await a.commit({ annotations: lists })
    }
    // The generated bodies are the generator's, not a client's: only the first is kept (live highlights go on it).
    const target = articles[0]!
    articles = null
    await initTeam(a, { url: server.url, db: 'bench', user: 'alice', password: 'alice-pw' }, ['bob'])
    const publisher = await openTeamSync(a, 'alice-pw', { say })
    const publishStart = performance.now()
    await publisher.sync.round()
    const publishMs = performance.now() - publishStart

    // B, the connected client, runs in a process of its own (bench/team-client-child.ts): its CPU, blocks and RSS are its own.
    const bundleDir = await mkdtemp(join(tmpdir(), 'bench-team-bundle-'))
    dirs.push(bundleDir)
    const child = startClient(await bundleClient(bundleDir), [bDir, server.url, 'bench', 'bob', 'bob-pw', target.id])
    const first = await child.next('first')
    const latencies: number[] = []
    for (let i = 0; i < (quick ? 10 : 40); i++) {
      const id = formatId('annotation', (0xf000000 + i).toString(16).padStart(16, '0'))
      const arrived = child.next('arrived')
      const start = performance.now()
      await a.update({ annotations: [target.id] }, (current) => ({
        writes: { annotations: new Map([[target.id, [...(current.annotations.get(target.id) ?? []), { ...syntheticAnnotation(target.id, target.blocks[0]!.text, 9_000_000 + i), id }]]]) },
        value: undefined,
      }))
      await publisher.sync.round()
      await arrived
      latencies.push(performance.now() - start)
    }
    // Idle: connected, following the feed, nothing happening (the child starts once its live round has ended).
    const idleMs = Number(process.env['BENCH_TEAM_IDLE_MS'] ?? (quick ? 3000 : 10_000))
    child.send({ type: 'idle', ms: idleMs })
    // The floor, measured beside it: a bare Node process that only waits, over as long.
    const floor = bareNodeIdle(idleMs)
    const idle = await child.next('idle')
    const floorMsPerS = await floor
    await child.exited
    publisher.close()
    await a.close()
    type Window = { allMsPerS: number; mainMsPerS: number; byThread: Record<string, number> }
    const [idleFirst, idleLater] = [idle['first'] as Window, idle['later'] as Window]
    console.log(`Idle client, CPU ms by thread over ${idleMs / 1000} s: ${JSON.stringify(idleFirst.byThread)}, then ${JSON.stringify(idleLater.byThread)}`)
    const blocks = first['blocks'] as { at: number; ms: number }[]
    if (blocks.length > 0) console.log(`CPU blocks of the first sync (ms after its start: CPU ms): ${blocks.map((block) => `${Math.round(block.at)}: ${block.ms.toFixed(1)}`).join(', ')}`)
    const mb = (memory: unknown) => Object.entries(memory as Record<string, number>).map(([key, bytes]) => `${key} ${(bytes / 2 ** 20).toFixed(1)}`).join(', ')
    console.log(`Client memory (MB) at the first sync's peak RSS: ${mb(first['peakMemory'])}; connected and idle: ${mb(idle['memory'])}`)
    const firstMs = first['wallMs'] as number
    const firstCpuMs = first['cpuMs'] as number | null

    const rows: Row[] = [
      { benchmark: `publish ${articleCount.toLocaleString('en-US')} articles + ${(articleCount * perArticle).toLocaleString('en-US')} highlights from A, s`, value: publishMs / 1000, goal: '' },
      { benchmark: 'first sync into an empty client, s', value: firstMs / 1000, goal: '≤ 60 (10,000 articles)' },
      { benchmark: '  articles/s', value: Math.round(articleCount / (firstMs / 1000)), goal: '' },
      { benchmark: '  documents received', value: first['pulled'] as number, goal: '' },
      { benchmark: '  main-thread CPU, s', value: firstCpuMs === null ? 'n/a' : firstCpuMs / 1000, goal: '' },
      { benchmark: '  articles per main-thread CPU second', value: firstCpuMs === null ? 'n/a' : Math.round(articleCount / (firstCpuMs / 1000)), goal: '' },
      { benchmark: '  longest event-loop block (CPU), ms', value: (first['longest'] as number | null) ?? 'n/a', goal: '≤ 5' },
      { benchmark: '  peak RSS of the client during it, MB', value: first['peakRssMb'] as number, goal: '≤ 300' },
      { benchmark: 'highlight saved in A → in B (live), p50 ms', value: percentile(latencies, 50), goal: '' },
      { benchmark: 'highlight saved in A → in B (live), p95 ms', value: percentile(latencies, 95), goal: '≤ 2000' },
      { benchmark: `idle connected client, CPU ms per s (first ${idleMs / 1000} s after the last round, all threads)`, value: idleFirst.allMsPerS, goal: '≈ 0' },
      { benchmark: '  of which the main thread', value: idleFirst.mainMsPerS, goal: '≈ 0' },
      { benchmark: `  the ${idleMs / 1000} s after that, all threads`, value: idleLater.allMsPerS, goal: '≈ 0' },
      { benchmark: '  of which the main thread', value: idleLater.mainMsPerS, goal: '≈ 0' },
      { benchmark: '  floor: a bare Node process that only waits, main thread', value: floorMsPerS ?? 'n/a', goal: '' },
      { benchmark: 'RSS of the connected client (its own process), MB', value: idle['rssMb'] as number, goal: '≤ 300' },
      { benchmark: '  its JS heap in use, MB', value: idle['heapMb'] as number, goal: '' },
    ]
    printTable(`Team sync: ${articleCount.toLocaleString('en-US')} articles over loopback (express-pouchdb in memory)`, rows)
  } finally {
    await server.stop()
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  }
}

type Message = Record<string, unknown> & { type: string }

/**
 * The client child and the team page worker bundled (esbuild, as electron-vite bundles them for the
 * app) into `dir`: the child then runs on plain Node, without tsx, whose loader thread pings its
 * esbuild process every second (CPU of an idle process that the app does not have) and whose
 * compiled modules weigh in the RSS.
 */
async function bundleClient(dir: string): Promise<{ child: string; worker: string }> {
  const { build } = await import('esbuild')
  // CommonJS packages inside an ES module bundle still need `require`.
  const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" }
  const out = { child: join(dir, 'team-client-child.mjs'), worker: join(dir, 'team-page-worker.mjs') }
  await build({ entryPoints: [join(ROOT, 'bench/team-client-child.ts')], outfile: out.child, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner, logLevel: 'error' })
  await build({ entryPoints: [join(ROOT, 'src/node/team/team-page-worker.ts')], outfile: out.worker, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner, logLevel: 'error' })
  return out
}

/** The client child (bench/team-client-child.ts, bundled): its messages by type, in order, and a way to talk to it. */
function startClient(bundle: { child: string; worker: string }, args: readonly string[]): { next: (type: string) => Promise<Message>; send: (message: object) => void; exited: Promise<void> } {
  const child = fork(bundle.child, [...args], {
    cwd: ROOT,
    execArgv: (process.env['BENCH_TEAM_CHILD_ARGS'] ?? '').split(' ').filter(Boolean),
    env: { ...process.env, BENCH_TEAM_WORKER: bundle.worker },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const queues = new Map<string, Message[]>()
  const waiters = new Map<string, ((message: Message) => void)[]>()
  let failure: Error | null = null
  const failAll = () => {
    for (const list of waiters.values()) for (const wake of list.splice(0)) wake({ type: 'exit' })
  }
  child.on('message', (message: Message) => {
    const wake = waiters.get(message.type)?.shift()
    if (wake !== undefined) wake(message)
    else queues.set(message.type, [...(queues.get(message.type) ?? []), message])
  })
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0) failure = new Error(`the team client child exited (${code})`)
      failAll()
      resolve()
    }),
  )
  return {
    next: async (type) => {
      const queued = queues.get(type)?.shift()
      if (queued !== undefined) return queued
      if (failure !== null) throw failure
      const message = await new Promise<Message>((resolve) => waiters.set(type, [...(waiters.get(type) ?? []), resolve]))
      if (message.type === 'exit') throw failure ?? new Error('the team client child ended early')
      return message
    },
    send: (message) => child.send(message),
    exited,
  }
}

/**
 * The main-thread CPU (ms per s) of a Node process that does nothing but wait `ms` (after a second
 * to settle): what "idle" costs any process on this machine (timer wake-ups, the runtime's own
 * housekeeping), to read the idle client's figure against. Null where the OS does not tell.
 */
function bareNodeIdle(ms: number): Promise<number | null> {
  const script = `const { readFileSync } = require('node:fs'); const cpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6; setTimeout(() => { const start = cpu(); setTimeout(() => console.log((cpu() - start) / (${ms} / 1000)), ${ms}) }, 1000)`
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', () => resolve(out.trim() === '' ? null : Number(out)))
  })
}

function generate(count: number): Article[] {
  const importedAt = new Date('2026-01-01T00:00:00Z')
  const out: Article[] = []
  const seen = new Set<string>()
  for (let i = 0; out.length < count; i++) {
    const article = buildArticle(syntheticArticle(i), { origin: { kind: 'file', name: `${i}.txt` }, importedAt })
    if (article === null || seen.has(article.id)) continue
    seen.add(article.id)
    out.push(article)
  }
  return out
}

async function startServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  // With BENCH_TEAM_PROFILE, the server's own CPU profile goes beside it (is the server the bottleneck?).
  const profile = process.env['BENCH_TEAM_PROFILE']
  const profileArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${dirname(profile)}`] : []
  const child: ChildProcess = spawn(process.execPath, [...profileArgs, '--import', 'tsx', join(ROOT, 'scripts/team-server.ts'), '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, TEAM_SERVER_ADMIN_PASSWORD: ADMIN.password },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /team-server ready: (\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`team server exited (${code})`)))
  })
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
