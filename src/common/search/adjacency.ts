import type { ClauseMatch } from './clause-match'
import { PositionReader, seek } from './position-reader'
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
 * About a microsecond per article and pair for the words of the 10,000-article benchmark.
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
 * One pair's two matches, walked article by article in slot order: each article's units are
 * found by galloping on from where the previous article's ended, not by walking the lists.
 */
class PairWalker {
  private k = 0
  private m = 0
  /** Per position of the unit being checked, the check that last saw the right word there (see linkedPairs). */
  private stamps: Int32Array = new Int32Array(1024)
  private stamp = 0
  private readonly leftReader: PositionReader
  private readonly rightReader: PositionReader
  private readonly idf: number

  constructor(
    private readonly index: SearchIndex,
    private readonly left: ClauseMatch,
    private readonly right: ClauseMatch,
    private readonly averages: Float64Array,
  ) {
    this.leftReader = new PositionReader(left)
    this.rightReader = new PositionReader(right)
    this.idf = left.idf + right.idf
  }

  /** The bigram bonus the article earns from the pair, or -1 when its two words stand side by side in none of its units. */
  bonus(slot: number): number {
    const { index, left, right } = this
    const record = index.articles[slot]!
    const end = record.firstUnit + record.unitCount
    let k = seek(left.units, left.count, this.k, record.firstUnit)
    let m = this.m
    let bonus = -1
    for (; k < left.count && left.units[k]! < end; k++) {
      const unit = left.units[k]!
      m = seek(right.units, right.count, m, unit)
      if (m >= right.count) break
      if (right.units[m] !== unit) continue
      const pairs = this.linkedPairs(k, m)
      if (pairs > 0) bonus = Math.max(bonus, 0) + bigramBonus(index, unit, pairs, this.idf, this.averages)
    }
    this.k = k
    this.m = m
    return bonus
  }

  /**
   * adjacentPairs without sorting: the positions of a word of several spellings come list by
   * list, so instead of merging them, the right word's positions are stamped and each of the left
   * word's looks at the position after it.
   */
  private linkedPairs(k: number, m: number): number {
    const rightCount = this.rightReader.readUnsorted(m)
    const right = this.rightReader.buffer
    const stamp = ++this.stamp
    let stamps = this.stamps
    for (let q = 0; q < rightCount; q++) {
      const position = right[q]! >>> 1
      if (position >= stamps.length) stamps = this.grow(position)
      stamps[position] = stamp
    }
    const leftCount = this.leftReader.readUnsorted(k)
    const left = this.leftReader.buffer
    let pairs = 0
    for (let p = 0; p < leftCount; p++) {
      const next = (left[p]! >>> 1) + 1
      if (next < stamps.length && stamps[next] === stamp) pairs++
    }
    return pairs
  }

  private grow(position: number): Int32Array {
    const grown = new Int32Array(Math.max(2 * this.stamps.length, position + 1))
    grown.set(this.stamps)
    this.stamps = grown
    return grown
  }
}

function walkers(index: SearchIndex, context: PairContext): PairWalker[] {
  const { clauses, matches, averages } = context
  const found: PairWalker[] = []
  for (let i = 0; i + 1 < clauses.length; i++) if (isWordPair(clauses, i)) found.push(new PairWalker(index, matches[i]!, matches[i + 1]!, averages))
  return found
}

/**
 * For the article `slots` (ascending): adds each pair's bigram bonus to `score` and counts the
 * pairs each article links in `tiers`. Returns, per pair, how many of the articles link it.
 */
export function examineArticles(index: SearchIndex, context: PairContext, slots: ArrayLike<number>, score: Float64Array, tiers: Int32Array): Int32Array {
  const pairs = walkers(index, context)
  const linking = new Int32Array(pairs.length)
  pairs.forEach((pair, p) => {
    for (let s = 0; s < slots.length; s++) {
      const slot = slots[s]!
      const bonus = pair.bonus(slot)
      if (bonus < 0) continue
      score[slot]! += bonus
      tiers[slot]!++
      linking[p]!++
    }
  })
  return linking
}

/**
 * For the article `slots` (ascending): finds those that link every pair, and only those, in the
 * pairs' `order` (the rarest linked first: most articles fail on it and are left at once). Such
 * an article gets the top tier and its bonuses; the others are left as they are. Returns how
 * many it found.
 */
export function findTogether(index: SearchIndex, context: PairContext, order: readonly number[], slots: ArrayLike<number>, score: Float64Array, tiers: Int32Array): number {
  const pairs = walkers(index, context)
  let found = 0
  outer: for (let s = 0; s < slots.length; s++) {
    const slot = slots[s]!
    let bonus = 0
    for (let o = 0; o < order.length; o++) {
      const pairBonus = pairs[order[o]!]!.bonus(slot)
      if (pairBonus < 0) continue outer
      bonus += pairBonus
    }
    score[slot]! += bonus
    tiers[slot] = pairs.length
    found++
  }
  return found
}
