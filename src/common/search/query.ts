import type { HighlightColor } from '../model/annotation'
import type { LanguageCode } from '../model/article'
import type { DayRange } from './date-range'

/** A parsed search query: what to look for (clauses) and where (filters). Plain data. */

export interface QueryTerm {
  /** The accent-exact key, as typed (tone placement normalised). */
  readonly exact: string
  /** The folded key: what must match. */
  readonly folded: string
  /** Other folded keys that count as the same term: "30000" also finds "30.000" and back. */
  readonly alternatives: readonly string[]
}

/**
 * A word (one term) or a phrase (several, adjacent and in order). A quoted phrase is `quoted`;
 * a word that the tokenizer splits ("Covid-19", "Peru's") is an unquoted phrase. `prefix`: the
 * last term may be the beginning of a longer word (search as you type).
 */
export interface QueryClause {
  readonly terms: readonly QueryTerm[]
  readonly quoted: boolean
  readonly prefix: boolean
  /** Offsets of the clause in the query string. */
  readonly start: number
  readonly end: number
}

export const HAS_VALUES = ['note', 'tag', 'highlight'] as const
export type HasValue = (typeof HAS_VALUES)[number]

/**
 * Article filters (languages, sources, dates) and annotation filters (tags, colours, has): an
 * article passes when it passes the first and one of its annotations passes all of the second.
 */
export interface QueryFilters {
  /** Any of these languages (empty: any language). */
  readonly languages: readonly LanguageCode[]
  /** Any of these, each a folded fragment of the source ("ttxvn", "nhan dan"). */
  readonly sources: readonly string[]
  /** Every date filter intersected; null when there is none. */
  readonly dates: DayRange | null
  /** Folded tag names, all carried by the same annotation (a name, an alias or an ancestor's). */
  readonly tags: readonly string[]
  /** Any of these colours. */
  readonly colors: readonly HighlightColor[]
  /** All of these, on the same annotation. */
  readonly has: readonly HasValue[]
}

export interface ParsedQuery {
  readonly clauses: readonly QueryClause[]
  readonly filters: QueryFilters
}

export type QueryErrorCode =
  | 'search.unknownFilter'
  | 'search.emptyFilter'
  | 'search.badLanguage'
  | 'search.badColor'
  | 'search.badHas'
  | 'search.badDate'
  | 'search.badDateRange'
  | 'search.tooLong'

/**
 * A query the parser refuses, as plain data: a code for the message catalogue ("error." + code),
 * its parameters, and the offending part of the query with its offsets (for underlining it).
 */
export interface QueryError {
  readonly code: QueryErrorCode
  readonly params: Readonly<Record<string, string | number>>
  readonly part: string
  readonly start: number
  readonly end: number
}

export type ParseResult = { readonly ok: true; readonly query: ParsedQuery } | { readonly ok: false; readonly error: QueryError }

export function hasFilters(filters: QueryFilters): boolean {
  return hasArticleFilters(filters) || hasAnnotationFilters(filters)
}

export function hasArticleFilters(filters: QueryFilters): boolean {
  return filters.languages.length > 0 || filters.sources.length > 0 || filters.dates !== null
}

export function hasAnnotationFilters(filters: QueryFilters): boolean {
  return filters.tags.length > 0 || filters.colors.length > 0 || filters.has.length > 0
}
