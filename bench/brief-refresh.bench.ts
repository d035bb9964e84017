import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { passageFromAnnotation } from '../src/common/brief/passage-from-annotation'
import type { Article } from '../src/common/model/article'
import type { Brief } from '../src/common/model/brief'
import { refreshOf } from '../src/node/briefs/brief-refresh-source'
import { LibraryDossier } from '../src/node/dossier/library-dossier'
import { newRecordId } from '../src/node/briefs/new-record-id'
import { buildArticle } from '../src/node/library/build-article'
import { LibraryStore } from '../src/node/store/library-store'
import { syntheticArticle } from './corpus'
import { syntheticAnnotation } from './store-data'
import { percentile, type Row } from './table'

/**
 * A brief's Refresh on a library of 10,000 articles (1,000 with BENCH_QUICK=1), each with one
 * highlight; 50 articles' highlights carry the brief's theme, 40 of them are in the brief, 10 are
 * new. Refresh scans every highlight for the theme, reads the new passages' articles, and runs the
 * dossier over the 50 source articles: their extractions come from the library dossier's log (the
 * library's People view was used once, as in a library in use), one record each; later refreshes
 * reuse them (kept per article revision). Goal: ≤ 100 ms, the first one included.
 */
export async function benchBriefRefresh(quick: boolean): Promise<Row[]> {
  const count = quick ? 1_000 : 10_000
  const importedAt = new Date('2026-01-01T00:00:00Z')
  const articles: Article[] = []
  const seen = new Set<string>()
  for (let i = 0; articles.length < count; i++) {
    const article = buildArticle(syntheticArticle(i), { origin: { kind: 'file', name: `${i}.txt` }, importedAt })
    if (article === null || seen.has(article.id)) continue
    seen.add(article.id)
    articles.push(article)
  }
  const dir = await mkdtemp(join(tmpdir(), 'bench-refresh-'))
  const store = await LibraryStore.open(dir)
  try {
    const theme = 'tg_00000000000000a1'
    await store.setTags([{ id: theme, name: 'Trade', parentId: null, color: null, aliases: [], keywords: [] }])
    await store.addArticles(articles)
    const step = Math.floor(count / 50)
    const themed: { annotation: ReturnType<typeof syntheticAnnotation>; article: Article }[] = []
    for (const [index, article] of articles.entries()) {
      const annotation = { ...syntheticAnnotation(article.id, article.blocks[0]!.text, index), tagIds: index % step === 0 ? [theme] : [] }
      await store.setAnnotations(article.id, [annotation])
      if (index % step === 0) themed.push({ annotation, article })
    }
    // The library's dossier used once (its extraction log and offset table written at close), as in a library in use.
    const dossier = new LibraryDossier(store)
    await dossier.people()
    await dossier.close()
    const now = '2026-01-01T00:00:00.000Z'
    const brief: Brief = {
      id: newRecordId('brief'), title: 'Bench', occasion: '', date: null, audience: '', marking: '', templateId: null, lang: 'vi', themeIds: [theme],
      sections: [{ id: newRecordId('section'), heading: 'A', body: '', items: themed.slice(0, 40).map(({ annotation, article }) => passageFromAnnotation(annotation, article, newRecordId)) }],
      createdAt: now, updatedAt: now,
    }
    // Wall and CPU time (this process): on a loaded machine the CPU figure is the one that holds.
    const time = async (): Promise<{ ms: number; cpu: number }> => {
      const cpu = process.cpuUsage()
      const start = performance.now()
      const found = await refreshOf(store, brief, 'vi')
      if (found.passages.length !== 10) throw new Error(`expected 10 new passages, got ${found.passages.length}`)
      const used = process.cpuUsage(cpu)
      return { ms: performance.now() - start, cpu: (used.user + used.system) / 1000 }
    }
    // Every highlight read once (what a first Refresh reads besides its sources), timed apart.
    const cpuBefore = process.cpuUsage()
    const startAnnotations = performance.now()
    await store.allAnnotations()
    const usedAnnotations = process.cpuUsage(cpuBefore)
    const annotations = { ms: performance.now() - startAnnotations, cpu: (usedAnnotations.user + usedAnnotations.system) / 1000 }
    const first = await time()
    const runs: { ms: number; cpu: number }[] = []
    for (let round = 0; round < (quick ? 10 : 30); round++) runs.push(await time())
    const samples = runs.map((run) => run.ms)
    const cpu = runs.map((run) => run.cpu)
    const label = `${count.toLocaleString('en')} articles`
    return [
      { benchmark: `every highlight read once (the store's first allAnnotations), ${label}, ms`, value: annotations.ms, goal: '' },
      { benchmark: `the same, CPU ms`, value: annotations.cpu, goal: '' },
      { benchmark: `brief refresh, first after that (sources read from the dossier's log), ${label}, ms`, value: first.ms, goal: '≤ 100' },
      { benchmark: `brief refresh, first, ${label}, CPU ms`, value: first.cpu, goal: '≤ 100' },
      { benchmark: `brief refresh, p50, ${label}, ms`, value: percentile(samples, 50), goal: '≤ 100' },
      { benchmark: `brief refresh, p95, ${label}, ms`, value: percentile(samples, 95), goal: '≤ 100' },
      { benchmark: `brief refresh, CPU p50, ${label}, ms`, value: percentile(cpu, 50), goal: '≤ 100' },
      { benchmark: `brief refresh, CPU p95, ${label}, ms`, value: percentile(cpu, 95), goal: '≤ 100' },
    ]
  } finally {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  }
}
