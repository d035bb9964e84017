import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Article } from '../src/common/model/article'
import { buildArticle } from '../src/node/library/build-article'
import { LibraryStore } from '../src/node/store/library-store'
import { syntheticArticle } from './corpus'
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

async function benchLibrary(size: number): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-index-write-'))
  try {
    const setup = await LibraryStore.open(dir)
    await setup.addArticles(articlesFor(size, 0))
    await setup.close()

    const store = await LibraryStore.open(dir)
    const extra = articlesFor(REPEATS + 1, size)
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

    // The first write after opening when it is an edit (a journal holding the whole index) or a deletion.
    const forEdit = await LibraryStore.open(dir)
    const listed = forEdit.listArticles()[0]!
    const editFirst = await measure(async () => {
      const article = (await forEdit.getArticle(listed.id))!
      await forEdit.commit({ articles: [{ ...article, title: 'Tiêu đề sửa ngay khi mở', revision: article.revision + 1 }] })
    })
    await forEdit.close()
    const forDelete = await LibraryStore.open(dir)
    const deleteFirst = await measure(() => forDelete.deleteArticle(extra[0]!.id))
    await forDelete.close()

    const label = size.toLocaleString('en-US')
    const row = (benchmark: string, samples: { cpuMs: number; wallMs: number }[]): Row => ({
      benchmark: `${benchmark}, ${label}-article library`,
      'main-thread CPU p50 ms': percentile(samples.map((s) => s.cpuMs), 50),
      'CPU max ms': Math.max(...samples.map((s) => s.cpuMs)),
      'wall p50 ms': percentile(samples.map((s) => s.wallMs), 50),
    })
    return [
      row('first write after opening (add one article)', [first]),
      row('index write: add one article', adds),
      row('index write: edit one article (commit)', edits),
      row('index write: delete one article', deletes),
      row('first write after opening (edit one article)', [editFirst]),
      row('first write after opening (delete one article)', [deleteFirst]),
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function benchIndexWrite(quick: boolean): Promise<void> {
  const rows: Row[] = []
  for (const size of quick ? [1_000] : [1_000, 10_000]) rows.push(...(await benchLibrary(size)))
  printTable(`Index writes: main-thread CPU per write (${REPEATS} of each; the body and journal writes included)`, rows)
}
