import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Article } from '../src/common/model/article'
import { formatId } from '../src/common/model/ids'
import { buildArticle } from '../src/node/library/build-article'
import { LibraryStore } from '../src/node/store/library-store'
import { runLiveSync } from '../src/node/team/live-sync'
import { connectTeam, initTeam, openTeamSync } from '../src/node/team/team-connection'
import { syntheticArticle } from './corpus'
import { monitorCpuBlocks, threadCpuMs } from './loop-cpu-blocks'
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
    for (const [i, article] of articles.entries()) {
      await a.setAnnotations(
        article.id,
        Array.from({ length: perArticle }, (_, k) => syntheticAnnotation(article.id, article.blocks[0]!.text, i * perArticle + k)),
      )
    }
    // The generated bodies are the generator's, not a client's: only the first is kept (live highlights go on it).
    const target = articles[0]!
    articles = null
    await initTeam(a, { url: server.url, db: 'bench', user: 'alice', password: 'alice-pw' }, ['bob'])
    const publisher = await openTeamSync(a, 'alice-pw', { say })
    const publishStart = performance.now()
    await publisher.sync.round()
    const publishMs = performance.now() - publishStart

    const b = await LibraryStore.open(bDir)
    await connectTeam(b, { url: server.url, db: 'bench', user: 'bob', password: 'bob-pw' })
    const follower = await openTeamSync(b, 'bob-pw', { say })
    let maxRss = 0
    const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 100)
    const blocks = monitorCpuBlocks()
    const firstStart = performance.now()
    const firstCpuStart = threadCpuMs()
    const profile = await startProfile()
    const report = await follower.sync.round()
    await profile?.stop()
    const firstMs = performance.now() - firstStart
    // The main thread's own CPU time: what the sync costs this process, whatever else the machine runs.
    const firstCpuMs = firstCpuStart === null ? null : threadCpuMs()! - firstCpuStart
    const firstBlock = blocks.stop()
    clearInterval(rssTimer)

    // Live: B follows the feed; A saves a highlight and publishes it; time until B's store has it.
    const controller = new AbortController()
    let liveState = ''
    let onSynced: (() => void) | null = null
    const live = runLiveSync(follower.sync, {
      signal: controller.signal,
      onStatus: (status) => {
        liveState = status.state
        if (status.state === 'synced') onSynced?.()
      },
    })
    const latencies: number[] = []
    for (let i = 0; i < (quick ? 10 : 40); i++) {
      const id = formatId('annotation', (0xf000000 + i).toString(16).padStart(16, '0'))
      const arrived = new Promise<void>((resolve) => {
        const off = b.onChange((change) => {
          if (change.annotations.includes(target.id)) {
            off()
            resolve()
          }
        })
      })
      const start = performance.now()
      await a.update({ annotations: [target.id] }, (current) => ({
        writes: { annotations: new Map([[target.id, [...(current.annotations.get(target.id) ?? []), { ...syntheticAnnotation(target.id, target.blocks[0]!.text, 9_000_000 + i), id }]]]) },
        value: undefined,
      }))
      await publisher.sync.round()
      await arrived
      latencies.push(performance.now() - start)
    }
    // Idle: connected, following the feed, nothing happening (once the round that brought the last highlight has ended).
    if (liveState !== 'synced') await new Promise<void>((resolve) => (onSynced = resolve))
    const idleMs = quick ? 3000 : 10_000
    const cpuBefore = process.cpuUsage()
    const mainBefore = threadCpuMs() ?? 0
    await new Promise((resolve) => setTimeout(resolve, idleMs))
    const cpu = process.cpuUsage(cpuBefore)
    const mainCpuMs = (threadCpuMs() ?? 0) - mainBefore
    const rssMb = process.memoryUsage().rss / 2 ** 20
    controller.abort()
    await live
    publisher.close()
    follower.close()
    await a.close()
    await b.close()

    const rows: Row[] = [
      { benchmark: `publish ${articleCount.toLocaleString('en-US')} articles + ${(articleCount * perArticle).toLocaleString('en-US')} highlights from A, s`, value: publishMs / 1000, goal: '' },
      { benchmark: 'first sync into an empty client, s', value: firstMs / 1000, goal: '≤ 60 (10,000 articles)' },
      { benchmark: '  articles/s', value: Math.round(articleCount / (firstMs / 1000)), goal: '' },
      { benchmark: '  documents received', value: report.pulled, goal: '' },
      { benchmark: '  main-thread CPU, s', value: firstCpuMs === null ? 'n/a' : firstCpuMs / 1000, goal: '' },
      { benchmark: '  articles per main-thread CPU second', value: firstCpuMs === null ? 'n/a' : Math.round(articleCount / (firstCpuMs / 1000)), goal: '' },
      { benchmark: '  longest event-loop block (CPU), ms', value: firstBlock ?? 'n/a', goal: '≤ 5' },
      { benchmark: '  peak RSS during it, MB', value: maxRss / 2 ** 20, goal: '≤ 300' },
      { benchmark: 'highlight saved in A → in B (live), p50 ms', value: percentile(latencies, 50), goal: '' },
      { benchmark: 'highlight saved in A → in B (live), p95 ms', value: percentile(latencies, 95), goal: '≤ 2000' },
      { benchmark: `idle connected client, CPU ms per s (over ${idleMs / 1000} s, all threads)`, value: (cpu.user + cpu.system) / 1000 / (idleMs / 1000), goal: '≈ 0' },
      { benchmark: '  of which the main thread', value: mainCpuMs / (idleMs / 1000), goal: '≈ 0' },
      { benchmark: 'RSS of the connected client (this process, both libraries), MB', value: rssMb, goal: '≤ 300' },
    ]
    printTable(`Team sync: ${articleCount.toLocaleString('en-US')} articles over loopback (express-pouchdb in memory)`, rows)
  } finally {
    await server.stop()
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  }
}

/** BENCH_TEAM_PROFILE=file.cpuprofile: a CPU profile of the main thread during the first sync (what to fix first). */
async function startProfile(): Promise<{ stop: () => Promise<void> } | null> {
  const file = process.env['BENCH_TEAM_PROFILE']
  if (file === undefined || file === '') return null
  const { Session } = await import('node:inspector/promises')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop')
      await writeFile(file, JSON.stringify(profile))
      session.disconnect()
    },
  }
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
