import type { ArticleResult, MatchMode } from './results'

/** One article of a search result, with what the result list shows about it. */
export interface ArticleSearchResult extends ArticleResult {
  readonly title: string
  readonly source: string | null
  readonly published: string | null
  readonly language: string
}

/** The `search` API method's result: one page of articles, best first. */
export interface LibrarySearchResult {
  readonly query: string
  readonly mode: MatchMode
  readonly total: number
  readonly offset: number
  readonly results: ArticleSearchResult[]
}
