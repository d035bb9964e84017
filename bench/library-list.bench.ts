import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { summarize, type ArticleSummary } from '../src/common/model/article'
import { foldText } from '../src/common/search/tokenize'
import { newestFirst } from '../src/node/library/article-order'
import { generatedArticle } from './library-generator'
import { percentile, printTable } from './table'

/**
 * The library list at 10,000 and 100,000 articles (BENCH_SCALE picks the larger size): ordering
 * the summaries as `listArticles` does (newest first, then by title in Vietnamese order), against
 * the per-call `localeCompare` it used before; and filtering them by a word of the title, folded
 * (no accents), as a filter box would. Goal: ≤ 50 ms at 100,000. Five runs each, p50 and max.
 */
function runs(count: number, run: () => void): number[] {
  return Array.from({ length: count }, () => {
    const start = performance.now()
    run()
    return performance.now() - start
  })
}

export function benchLibraryList(quick: boolean): void {
  const scale = Number(process.env['BENCH_SCALE'] ?? '')
  const sizes = quick ? [1_000] : [10_000, Number.isInteger(scale) && scale > 10_000 ? scale : 100_000]
  const rows = sizes.flatMap((size) => {
    const summaries: ArticleSummary[] = Array.from({ length: size }, (_, i) => summarize(generatedArticle(i, 120)))
    const folded = summaries.map((summary) => foldText(summary.title))
    const sortNow = runs(5, () => newestFirst([...summaries]))
    const sortBefore = runs(2, () => [...summaries].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.title.localeCompare(b.title, 'vi')))
    const filter = runs(5, () => {
      const word = foldText('Hợp tác')
      summaries.filter((_, i) => folded[i]!.includes(word))
    })
    const label = size.toLocaleString('en-US')
    return [
      { benchmark: `order newest first (Intl.Collator), ${label}`, 'p50 ms': percentile(sortNow, 50), 'max ms': Math.max(...sortNow) },
      { benchmark: `order newest first (localeCompare per call, before), ${label}`, 'p50 ms': percentile(sortBefore, 50), 'max ms': Math.max(...sortBefore) },
      { benchmark: `filter by a folded title word, ${label}`, 'p50 ms': percentile(filter, 50), 'max ms': Math.max(...filter) },
    ]
  })
  printTable(`Library list: ordering and filtering the summaries (goal ≤ 50 ms at 100,000; load average ${loadavg().map((value) => value.toFixed(1)).join(' ')})`, rows)
}
