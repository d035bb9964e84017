import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Article } from '../src/common/model/article'
import { buildArticle } from '../src/node/library/build-article'
import { LibraryStore } from '../src/node/store/library-store'
import { syntheticArticle } from './corpus'
import { generateLibraryFiles } from './library-generator'
import { threadCpuMs } from './loop-cpu-blocks'
import { percentile, printTable, type Row } from './table'

/**
 * What one index write costs the main thread as the library grows: adding one article (an import's
 * group save, here of one), editing one article's title (a journal commit) and deleting one, in a
 * library of 1,000 and of 10,000 articles (BENCH_QUICK: 1,000 only). The figure is the main
 * thread's own CPU time (Linux scheduler statistics), so the fsyncs' waiting and other processes on
 * a shared machine are left out; the wall time is shown beside it. The first write after opening
 * (an add, an edit, a deletion) is shown apart: it is the one that takes the summaries read at open
 * by their position in the bytes read (read-index-bytes.ts).
 *
 * Two designs side by side on the same library: the index log (library.log, one line per write,
 * folded into a new checkpoint at its bound) and the whole file rewritten by every write (the
 * design before the log, run here by a log bound of 0). BENCH_SCALE=100000 adds a library of that
 * size, generated straight into the store's format (bench/library-generator.ts).
 */
const REPEATS = 15
const importedAt = new Date('2026-01-01T00:00:00Z')

/** `count` distinct articles of realistic size: a few real ones, renumbered (building 10,000 takes long). */
function articlesFor(count: number, offset: number): Article[] {
  const bases: Article[] = []
  for (let i = 0; bases.length < 50; i++) {
    const built = buildArticle(syntheticArticle(i), { origin: { kind: 'file', name: `${i}.txt` }, importedAt })
    if (built !== null) bases.push(built)
  }
  return Array.from({ length: count }, (_, k) => {
    const n = offset + k
    const hash = createHash('sha256').update(`article ${n}`).digest('hex')
    const base = bases[n % bases.length]!
    return { ...base, id: hash.slice(0, 12), contentHash: hash, title: `${base.title} (${n})` }
  })
}

async function measure(run: () => Promise<void>): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu = threadCpuMs() ?? Number.NaN
  const wall = performance.now()
  await run()
  return { cpuMs: (threadCpuMs() ?? Number.NaN) - cpu, wallMs: performance.now() - wall }
}

type Variant = 'log' | 'whole'
const VARIANTS: Record<Variant, { label: string; options: { indexLogBytes?: number } }> = {
  // What the store does: one line of library.log per write, folded into a checkpoint at its bound.
  log: { label: 'log', options: {} },
  // The design before the log, for comparison: every index write rewrites library.json whole (and a
  // journal held the whole index), i.e. a checkpoint at every write.
  whole: { label: 'whole file', options: { indexLogBytes: 0 } },
}

/** A library of `size` articles in `dir`: through the store (groups of 5,000), or generated straight into its format above 20,000. */
async function makeLibrary(dir: string, size: number): Promise<void> {
  if (size > 20_000) {
    await generateLibraryFiles(dir, { count: size, bodyBytes: 2_000 })
    return
  }
  const setup = await LibraryStore.open(dir)
  for (let from = 0; from < size; from += 5_000) await setup.addArticles(articlesFor(Math.min(5_000, size - from), from))
  await setup.close()
}

async function benchLibrary(size: number, variant: Variant, dir: string): Promise<Row[]> {
  const { options, label: variantLabel } = VARIANTS[variant]
  const opening = await measure(async () => {
    const probe = await LibraryStore.open(dir, options)
    probe.listArticles()
    await probe.close()
  })
  const store = await LibraryStore.open(dir, options)
  const extra = articlesFor(REPEATS + 1, size + (variant === 'log' ? 0 : 1_000))
  const first = await measure(() => store.addArticles([extra[0]!]))
  const adds = []
  for (const article of extra.slice(1)) adds.push(await measure(() => store.addArticles([article])))
  const edits = []
  for (const [k, article] of extra.slice(1).entries()) {
    edits.push(await measure(() => store.commit({ articles: [{ ...article, title: `Tiêu đề đã sửa ${k}`, revision: 2 }] })))
  }
  const deletes = []
  for (const article of extra.slice(1)) deletes.push(await measure(() => store.deleteArticle(article.id)))
  await store.close()

  // The first write after opening when it is an edit or a deletion; the open itself, with the log the writes above left.
  let forEdit: LibraryStore | null = null
  const reopening = await measure(async () => {
    forEdit = await LibraryStore.open(dir, options)
    forEdit.listArticles()
  })
  const editing = forEdit! as LibraryStore
  const listed = editing.listArticles()[0]!
  const editFirst = await measure(async () => {
    const article = (await editing.getArticle(listed.id))!
    await editing.commit({ articles: [{ ...article, title: 'Tiêu đề sửa ngay khi mở', revision: article.revision + 1 }] })
  })
  await editing.close()
  const forDelete = await LibraryStore.open(dir, options)
  const deleteFirst = await measure(() => forDelete.deleteArticle(extra[0]!.id))
  // Folding the log into a new checkpoint (what a write past the log's bound, or a backup, does first).
  const folds = variant === 'log' ? [await measure(() => forDelete.initialize())] : []
  await forDelete.close()

  const label = `${size.toLocaleString('en-US')}-article library, ${variantLabel}`
  const row = (benchmark: string, samples: { cpuMs: number; wallMs: number }[]): Row => ({
    benchmark: `${benchmark}, ${label}`,
    'main-thread CPU p50 ms': percentile(samples.map((s) => s.cpuMs), 50),
    'CPU max ms': Math.max(...samples.map((s) => s.cpuMs)),
    'wall p50 ms': percentile(samples.map((s) => s.wallMs), 50),
  })
  return [
    row('open → list ready (checkpoint only)', [opening]),
    row('open → list ready after those 46 writes', [reopening]),
    row('first write after opening (add one article)', [first]),
    row('index write: add one article', adds),
    row('index write: edit one article (commit)', edits),
    row('index write: delete one article', deletes),
    row('first write after opening (edit one article)', [editFirst]),
    row('first write after opening (delete one article)', [deleteFirst]),
    ...(folds.length > 0 ? [row('fold the log into a new checkpoint', folds)] : []),
  ]
}

export async function benchIndexWrite(quick: boolean): Promise<void> {
  const scale = Number(process.env['BENCH_SCALE'] ?? '')
  const sizes = quick ? [1_000] : [1_000, 10_000, ...(Number.isInteger(scale) && scale > 10_000 ? [scale] : [])]
  const rows: Row[] = []
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-index-write-'))
    try {
      await makeLibrary(dir, size)
      // The log first: the other variant's first write folds the log into the checkpoint.
      for (const variant of ['log', 'whole'] as const) rows.push(...(await benchLibrary(size, variant, dir)))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  printTable(`Index writes: main-thread CPU per write (${REPEATS} of each; the body and journal writes included). Goals: one import-group index write ≤ 10 ms CPU at 10,000, ≤ 20 ms at 100,000; first write after opening ≤ 20 ms; open → list ready ≤ 300 ms at 10,000, ≤ 1 s at 100,000`, rows)
}
