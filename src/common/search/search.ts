import { articleHits } from './article-hits'
import { parseQuery } from './parse-query'
import type { ParsedQuery } from './query'
import { rank } from './rank'
import type { SearchOptions, SearchOutcome, SearchResponse } from './results'
import type { SearchIndex } from './search-index'

/**
 * The entry point: a query string in, results grouped by article out (or a query error naming
 * the bad part). Pure and synchronous; plain data both ways, so the service's worker thread can
 * run it behind the search box and the CLI can print it as JSON.
 */
export const DEFAULT_LIMIT = 20
export const DEFAULT_HITS_PER_ARTICLE = 3
export const DEFAULT_SNIPPET_LENGTH = 160

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback
  return Math.min(max, Math.max(min, Math.floor(value)))
}

export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchOutcome {
  const parsed = parseQuery(query)
  if (!parsed.ok) return parsed
  return searchParsed(index, parsed.query, query, options)
}

export function searchParsed(index: SearchIndex, parsed: ParsedQuery, query: string, options: SearchOptions = {}): SearchResponse {
  const limit = clamp(options.limit, DEFAULT_LIMIT, 0, 10_000)
  const offset = clamp(options.offset, 0, 0, Number.MAX_SAFE_INTEGER)
  const hitOptions = {
    hitsPerArticle: clamp(options.hitsPerArticle, DEFAULT_HITS_PER_ARTICLE, 0, 100),
    snippetLength: clamp(options.snippetLength, DEFAULT_SNIPPET_LENGTH, 20, 2000),
  }
  const ranking = rank(index, parsed, offset, limit, options.prefix ?? true)
  return {
    ok: true,
    query,
    mode: ranking.mode,
    total: ranking.total,
    offset,
    results: ranking.slots.map((_, i) => articleHits(index, ranking, i, parsed.filters, hitOptions)),
  }
}
