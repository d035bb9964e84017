import { adjacentPairs, type ClauseMatch } from './clause-match'
import { lowerBoundIn, PositionReader } from './position-reader'
import type { QueryClause } from './query'
import { FIELD_WEIGHTS, PROXIMITY_WEIGHT, saturate } from './ranking'
import type { SearchIndex } from './search-index'

/**
 * Whether a query's words stand together in an article. Vietnamese words are often two or more
 * syllables ("viễn thông"), and typed without diacritics each syllable also matches other words
 * ("viên", "thống"): an article with "Tổng thống … thành viên" has both syllables of "vien thong"
 * but not the word. So consecutive single-word clauses form *pairs*, and a pair is *linked* in
 * an article when its two words occur one right after the other, in order, in one field (the
 * positions the posting lists store; a sentence end or a line break is never adjacency, see
 * tokenize.ts). An article's *tier* is how many of the query's pairs it links: results are
 * ranked by tier first (ranking.ts, rank.ts), and an article that does not link them all is
 * marked as having its words apart (`ArticleResult.scattered`).
 *
 * Reading positions costs a pass over the varints of each word's entry for the article, so it is
 * done only for the best-scored candidates (rank.ts) and for the page's results (article-hits.ts).
 */

/** Clauses i and i + 1 are single words: they form a pair (a quoted phrase is together by definition). */
export function isWordPair(clauses: readonly QueryClause[], i: number): boolean {
  return clauses[i]?.terms.length === 1 && clauses[i + 1]?.terms.length === 1
}

/** How many pairs the query has: the highest tier an article can reach. */
export function wordPairCount(clauses: readonly QueryClause[]): number {
  let pairs = 0
  for (let i = 0; i + 1 < clauses.length; i++) if (isWordPair(clauses, i)) pairs++
  return pairs
}

/** The score a unit earns for `pairs` adjacent occurrences of a pair: BM25 of a bigram, weighted by field. */
export function bigramBonus(index: SearchIndex, unit: number, pairs: number, idf: number, averages: Float64Array): number {
  const field = index.units.field[unit]!
  return PROXIMITY_WEIGHT * FIELD_WEIGHTS[field]! * idf * saturate(pairs, index.units.length[unit]!, averages[field]!)
}

export interface PairContext {
  readonly clauses: readonly QueryClause[]
  readonly matches: readonly ClauseMatch[]
  readonly averages: Float64Array
}

/**
 * For the article `slots` (ascending): adds each pair's bigram bonus to `score` and counts the
 * pairs the article links in `tiers`. Each article's units are found by binary search, from
 * where the previous article's ended, not by walking the lists.
 */
export function examineArticles(index: SearchIndex, context: PairContext, slots: ArrayLike<number>, score: Float64Array, tiers: Int32Array): void {
  const { clauses, matches, averages } = context
  for (let i = 0; i + 1 < clauses.length; i++) {
    if (!isWordPair(clauses, i)) continue
    const left = matches[i]!
    const right = matches[i + 1]!
    const leftReader = new PositionReader(left)
    const rightReader = new PositionReader(right)
    const idf = left.idf + right.idf
    let k = 0
    let m = 0
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s]!
      const record = index.articles[slot]!
      const end = record.firstUnit + record.unitCount
      let linked = false
      k = lowerBoundIn(left.units, left.count, record.firstUnit, k)
      for (; k < left.count && left.units[k]! < end; k++) {
        const unit = left.units[k]!
        m = lowerBoundIn(right.units, right.count, unit, m)
        if (m >= right.count) break
        if (right.units[m] !== unit) continue
        const pairs = adjacentPairs(leftReader, k, rightReader, m)
        if (pairs > 0) {
          score[slot]! += bigramBonus(index, unit, pairs, idf, averages)
          linked = true
        }
      }
      if (linked) tiers[slot]!++
    }
  }
}
