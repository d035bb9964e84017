import type { ClauseMatch } from './clause-match'
import { phraseMatch } from './phrase-match'
import type { QueryClause } from './query'
import type { SearchIndex } from './search-index'
import { wordMatch } from './word-match'

/** The match of one clause: a word, or a phrase whose last word may be a prefix. */
export function matchClause(index: SearchIndex, clause: QueryClause, averages: Float64Array): ClauseMatch {
  const parts = clause.terms.map((term, i) => wordMatch(index, term, clause.prefix && i === clause.terms.length - 1, averages))
  return parts.length === 1 ? parts[0]! : phraseMatch(index, parts, averages)
}
