import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { search } from '../src/common/search/search'
import { SearchIndex } from '../src/common/search/search-index'
import type { SearchableArticle } from '../src/common/search/searchable'
import { printTable, type Row } from './table'

/**
 * Search quality on a labelled set (test/fixtures/search/quality.json): short agency-style
 * articles with decoys that hold a word's syllables apart, and queries typed with and without
 * diacritics, each with the articles that contain it as a contiguous word. Prints, per form of
 * typing and overall:
 * - precision at 5: of the first k results, k = min(5, articles labelled for the query), the
 *   share that are labelled (a query with two true articles is judged on its first two results,
 *   since the articles with the syllables apart rightly follow them);
 * - first together: the share of queries whose first result is labelled and not marked as
 *   having its words apart.
 * Goals (issue 19): precision at 5 >= 0.9, first together 100 %.
 */
interface QualityQuery {
  readonly query: string
  readonly expected: readonly string[]
}

interface QualitySet {
  readonly articles: readonly SearchableArticle[]
  readonly queries: readonly QualityQuery[]
}

export interface QueryQuality {
  readonly query: string
  readonly precision: number
  readonly firstTogether: boolean
}

export function qualitySet(): QualitySet {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'test', 'fixtures', 'search', 'quality.json'), 'utf8')) as QualitySet
}

export function queryQuality(index: SearchIndex, entry: QualityQuery): QueryQuality {
  const outcome = search(index, entry.query, { limit: 5, prefix: false })
  if (!outcome.ok) throw new Error(`query ${JSON.stringify(entry.query)} failed: ${outcome.error.code}`)
  const wanted = new Set(entry.expected)
  const k = Math.min(5, entry.expected.length)
  const top = outcome.results.slice(0, k)
  const first = outcome.results[0]
  return {
    query: entry.query,
    precision: k === 0 ? 1 : top.filter((result) => wanted.has(result.articleId)).length / k,
    firstTogether: first !== undefined && wanted.has(first.articleId) && !first.scattered,
  }
}

function summary(name: string, results: readonly QueryQuality[]): Row {
  return {
    benchmark: name,
    queries: results.length,
    'precision@5': results.reduce((sum, result) => sum + result.precision, 0) / results.length,
    'first together %': (100 * results.filter((result) => result.firstTogether).length) / results.length,
  }
}

export function benchSearchQuality(): void {
  const set = qualitySet()
  const index = new SearchIndex()
  for (const article of set.articles) index.addArticle(article)
  const results = set.queries.map((entry) => queryQuality(index, entry))
  const accented = (query: string) => query.normalize('NFD') !== query.normalize('NFD').replace(/\p{M}/gu, '') || /đ/iu.test(query)
  printTable(`Search quality: ${set.queries.length} queries over ${set.articles.length} articles (goals: precision@5 >= 0.9, first together 100 %)`, [
    summary('typed with diacritics', results.filter((result) => accented(result.query))),
    summary('typed without diacritics', results.filter((result) => !accented(result.query))),
    summary('all', results),
  ])
  const misses = results.filter((result) => result.precision < 1 || !result.firstTogether)
  for (const miss of misses) console.log(`  ${miss.query}: precision ${miss.precision.toFixed(2)}${miss.firstTogether ? '' : ', first result not together'}`)
}
