import type { QueryError } from './query'
import type { SearchField } from './searchable'
import type { Span } from './snippet'

/** What a search returns: plain data, ready for a worker message, IPC or `--json`. */

export interface SearchOptions {
  /** Articles per page (default 20). */
  readonly limit?: number
  /** Articles to skip (default 0). */
  readonly offset?: number
  /** Hits listed per article, best first (default 3); `hitCount` tells how many there are. */
  readonly hitsPerArticle?: number
  /** Approximate snippet length in characters (default 160). */
  readonly snippetLength?: number
  /**
   * Search as you type: the last word, unless followed by a space, also finds longer words it
   * begins (default true; the CLI passes false).
   */
  readonly prefix?: boolean
}

export interface SearchHit {
  readonly field: SearchField
  /** The annotation the quote, note or tag belongs to; null for the title and the body. */
  readonly annotationId: string | null
  /** For a tag hit, the tag. */
  readonly tagId: string | null
  readonly score: number
  /** An exact slice of the field's text: text.slice(snippetStart, snippetEnd). */
  readonly snippet: string
  readonly snippetStart: number
  readonly snippetEnd: number
  readonly truncatedStart: boolean
  readonly truncatedEnd: boolean
  /** Hits in the snippet, offsets into `snippet`. */
  readonly snippetMarks: readonly Span[]
  /**
   * The same hits as offsets into the field's full text (UTF-16 code units). For the body these
   * are offsets into bodyText(blocks), the unit of annotation selectors.
   */
  readonly marks: readonly Span[]
}

export interface ArticleResult {
  readonly articleId: string
  readonly score: number
  /** Units (fields, per annotation) that matched; `hits` lists the best few. */
  readonly hitCount: number
  /**
   * The query's consecutive words (syllables of a Vietnamese word, typed with or without
   * diacritics) do not all stand side by side, in order, anywhere in the article: it has them
   * apart ("Tổng thống … thành viên" for "vien thong"). Such articles rank after those that
   * have them together (adjacency.ts); the UI marks them. Always false for a single word, a
   * quoted phrase, or filters only.
   */
  readonly scattered: boolean
  readonly hits: readonly SearchHit[]
}

/**
 * `all`: every word and phrase occurs in each result. `any`: no article has them all, so these
 * have some of them (more first); the UI should say so. `filters`: the query has filters only;
 * results are newest first.
 */
export type MatchMode = 'all' | 'any' | 'filters'

export interface SearchResponse {
  readonly ok: true
  readonly query: string
  readonly mode: MatchMode
  /** Matching articles in all (results holds one page of them). */
  readonly total: number
  readonly offset: number
  readonly results: readonly ArticleResult[]
}

export type SearchOutcome = SearchResponse | { readonly ok: false; readonly error: QueryError }
