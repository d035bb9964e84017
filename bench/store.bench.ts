import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { JSONFile } from 'lowdb/node'
import { Low } from 'lowdb'
import type { Article } from '../src/common/model/article'
import { buildArticle } from '../src/node/library/build-article'
import { LibraryStore } from '../src/node/store/library-store'
import { syntheticArticle } from './corpus'
import { syntheticAnnotation, type SingleFileLibrary } from './store-data'
import { percentile, printTable, type Row } from './table'

/**
 * Issue 3's store benchmark: this store against plain single-file lowdb holding the same data
 * (articles with bodies and all annotations in one JSON file, lowdb's own JSONFile adapter), at
 * 10,000 articles of ~5 KB and 100,000 annotations (BENCH_QUICK: 1,000 and 10,000). Each side is
 * measured in a fresh process (bench/store-child.ts).
 */
const ROOT = join(import.meta.dirname, '..')

interface ChildResult {
  count: number
  openMs: number
  rssMb: number
  maxRssMb: number
  times: number[]
  maxBlockMs: number
  idleMaxBlockMs: number
  maxCpuBlockMs: number | null
  idleMaxCpuBlockMs: number | null
  /** This store only: durable writes of an annotations file's bytes alone, what the second copy adds per save. */
  copyTimes?: number[]
}

function child(kind: 'store' | 'lowdb', path: string, saves: number): ChildResult {
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'store-child.ts'), kind, path, String(saves)], {
    cwd: ROOT,
    maxBuffer: 16 * 2 ** 20,
  })
  return JSON.parse(output.toString('utf8')) as ChildResult
}

export async function benchStore(quick: boolean): Promise<void> {
  const articleCount = quick ? 1_000 : 10_000
  const perArticle = 10
  const importedAt = new Date('2026-01-01T00:00:00Z')
  const articles: Article[] = []
  const seen = new Set<string>()
  for (let i = 0; articles.length < articleCount; i++) {
    const article = buildArticle(syntheticArticle(i), { origin: { kind: 'file', name: `${i}.txt` }, importedAt })
    if (article === null || seen.has(article.id)) continue
    seen.add(article.id)
    articles.push(article)
  }
  const annotationsOf = (article: Article, a: number) =>
    Array.from({ length: perArticle }, (_, k) => syntheticAnnotation(article.id, article.blocks[0]!.text, a * perArticle + k))

  const storeDir = await mkdtemp(join(tmpdir(), 'bench-store-'))
  const setup = await LibraryStore.open(storeDir)
  await setup.addArticles(articles)
  for (const [a, article] of articles.entries()) await setup.setAnnotations(article.id, annotationsOf(article, a))
  await setup.close()

  const lowdbDir = await mkdtemp(join(tmpdir(), 'bench-lowdb-'))
  const lowdbFile = join(lowdbDir, 'db.json')
  await new Low<SingleFileLibrary>(new JSONFile(lowdbFile), { articles, annotations: articles.flatMap(annotationsOf) }).write()

  const ours = child('store', storeDir, quick ? 100 : 300)
  const lowdb = child('lowdb', lowdbFile, quick ? 8 : 10)
  const p95 = (result: ChildResult) => percentile(result.times, 95)
  const rows: Row[] = [
    { benchmark: 'open → library list ready, ms', 'this store': ours.openMs, 'single-file lowdb': lowdb.openMs, goal: '≤ 300' },
    { benchmark: 'save one annotation (durable), p50 ms', 'this store': percentile(ours.times, 50), 'single-file lowdb': percentile(lowdb.times, 50), goal: '' },
    { benchmark: 'save one annotation (durable), p95 ms', 'this store': p95(ours), 'single-file lowdb': p95(lowdb), goal: '≤ 20, ≥ 25× faster' },
    // The second copy (mirror/) is written beside the file at the same time: its own durable write, alone.
    { benchmark: '  second copy alone: one durable write, p50 ms', 'this store': percentile(ours.copyTimes ?? [], 50), 'single-file lowdb': 'n/a', goal: '' },
    { benchmark: '  second copy alone: one durable write, p95 ms', 'this store': percentile(ours.copyTimes ?? [], 95), 'single-file lowdb': 'n/a', goal: '' },
    { benchmark: '  second copies on disk, MB (library without them)', 'this store': `${(await folderBytes(join(storeDir, 'mirror')) / 2 ** 20).toFixed(0)} (${((await folderBytes(storeDir)) / 2 ** 20 - (await folderBytes(join(storeDir, 'mirror'))) / 2 ** 20).toFixed(0)})`, 'single-file lowdb': 'n/a', goal: '' },
    { benchmark: 'longest event-loop block while saving, ms', 'this store': ours.maxBlockMs, 'single-file lowdb': lowdb.maxBlockMs, goal: '≤ 5' },
    // Same histogram, same child, an equally long stretch doing nothing: what the OS alone causes.
    { benchmark: '  same, idle for as long (noise floor), ms', 'this store': ours.idleMaxBlockMs, 'single-file lowdb': lowdb.idleMaxBlockMs, goal: '' },
    // The same blocks in this thread's CPU time: what the saves cost the loop, OS preemption left out.
    { benchmark: '  same in CPU time (no preemption), ms', 'this store': ours.maxCpuBlockMs ?? 'n/a', 'single-file lowdb': lowdb.maxCpuBlockMs ?? 'n/a', goal: '≤ 5' },
    { benchmark: '  same in CPU time, idle for as long, ms', 'this store': ours.idleMaxCpuBlockMs ?? 'n/a', 'single-file lowdb': lowdb.idleMaxCpuBlockMs ?? 'n/a', goal: '' },
    { benchmark: 'memory (RSS) after opening, MB', 'this store': ours.rssMb, 'single-file lowdb': lowdb.rssMb, goal: '≤ 250' },
    { benchmark: 'peak memory (max RSS), MB', 'this store': ours.maxRssMb, 'single-file lowdb': lowdb.maxRssMb, goal: '' },
  ]
  printTable(
    `Store: ${articleCount.toLocaleString('en-US')} articles, ${(articleCount * perArticle).toLocaleString('en-US')} annotations — save p95 ${(p95(lowdb) / p95(ours)).toFixed(0)}× faster than single-file lowdb (which does not even fsync)`,
    rows,
  )
  await rm(storeDir, { recursive: true, force: true })
  await rm(lowdbDir, { recursive: true, force: true })
}

/** Bytes of every file under `folder`, generations and backups included. */
async function folderBytes(folder: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size
  }
  return total
}
