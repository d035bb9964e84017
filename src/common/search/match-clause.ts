import { clauseMatch, EMPTY_MATCH, type ClauseMatch } from './clause-match'
import { phraseMatch } from './phrase-match'
import type { QueryClause } from './query'
import type { SearchIndex } from './search-index'
import { wordCost, wordMatch } from './word-match'

/**
 * The match of one clause: a word, or a phrase whose last word may be a prefix. `within` limits it
 * to those article slots (flagged 1), the candidates an AND query has left.
 *
 * A phrase's words are matched rarest first, each within the articles holding the ones before:
 * "an ninh hàng hải" decodes the common "an" only where "hàng hải" occurs.
 */
export function matchClause(index: SearchIndex, clause: QueryClause, averages: Float64Array, within: Uint8Array | null = null): ClauseMatch {
  const last = clause.terms.length - 1
  const prefixAt = (i: number) => clause.prefix && i === last
  if (clause.terms.length === 1) return wordMatch(index, clause.terms[0]!, prefixAt(0), averages, within)
  const order = clause.terms.map((term, i) => ({ i, cost: wordCost(index, term, prefixAt(i)) })).sort((a, b) => a.cost - b.cost || a.i - b.i)
  const parts: ClauseMatch[] = new Array<ClauseMatch>(clause.terms.length)
  let candidates = within
  for (const { i } of order) {
    const part = wordMatch(index, clause.terms[i]!, prefixAt(i), averages, candidates)
    if (part.count === 0) return clauseMatch(0, EMPTY_MATCH.units, EMPTY_MATCH.scores, 0, clause.terms.length, [])
    parts[i] = part
    candidates = articleSlots(index, part)
  }
  return phraseMatch(index, parts, averages)
}

/** The article slots a match has units in, flagged 1. */
export function articleSlots(index: SearchIndex, match: ClauseMatch): Uint8Array {
  const slots = new Uint8Array(index.articles.length)
  const unitArticle = index.units.article
  for (let k = 0; k < match.count; k++) slots[unitArticle[match.units[k]!]!] = 1
  return slots
}

/** What matching the clause reads, to match a query's clauses rarest first. */
export function clauseCost(index: SearchIndex, clause: QueryClause): number {
  const last = clause.terms.length - 1
  return Math.min(...clause.terms.map((term, i) => wordCost(index, term, clause.prefix && i === last)))
}
