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
  /**
   * A newer query from the same search box replaced this one before it was answered: the
   * results are empty and mean nothing; the box shows the newer query's answer instead.
   */
  readonly superseded: boolean
  /**
   * The index was still catching up with the library (being built, or loaded from a cache file
   * older than the library): the results come from what it holds so far, and may lack articles
   * or changes. The search box says so and asks again.
   */
  readonly catchingUp: boolean
  readonly results: ArticleSearchResult[]
}
