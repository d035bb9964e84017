import type { ClauseMatch } from './clause-match'
import { EXTRA_UNIT_WEIGHT } from './ranking'
import type { SearchIndex } from './search-index'
import { FIELD_COUNT } from './unit-table'

/**
 * A clause's score per article, from its per-unit scores: per field, the best unit fully and the
 * others a quarter (ranking.ts). Kept beside a cached match (clause-cache.ts), so that a query
 * whose words were seen before adds one number per article instead of walking every unit again.
 */
export interface ArticleTotals {
  readonly count: number
  /** Article slots, ascending (a match's units are in article order). */
  readonly slots: Int32Array
  readonly totals: Float64Array
}

/** Fills `slots` and `totals` (each at least match.count long) and returns how many articles. */
export function articleTotals(index: SearchIndex, match: ClauseMatch, slots: Int32Array, totals: Float64Array): ArticleTotals {
  const unitArticle = index.units.article
  const unitField = index.units.field
  // Imported constants read into locals: read in the loop, a module binding costs this loop 4x (measured).
  const fieldCount = FIELD_COUNT
  const extraWeight = EXTRA_UNIT_WEIGHT
  const best = new Float64Array(fieldCount)
  const sum = new Float64Array(fieldCount)
  const { count, units, scores } = match
  let n = 0
  let k = 0
  while (k < count) {
    const slot = unitArticle[units[k]!]!
    // The units of one article are contiguous.
    for (; k < count && unitArticle[units[k]!] === slot; k++) {
      const field = unitField[units[k]!]!
      const value = scores[k]!
      sum[field]! += value
      if (value > best[field]!) best[field] = value
    }
    slots[n] = slot
    totals[n] = articleTotal(best, sum, fieldCount, extraWeight)
    n++
  }
  return { count: n, slots, totals }
}

/** An article's total from its per-field sums and bests, which it resets for the next article. */
export function articleTotal(best: Float64Array, sum: Float64Array, fieldCount: number, extraWeight: number): number {
  let total = 0
  for (let field = 0; field < fieldCount; field++) {
    if (sum[field] === 0) continue
    total += best[field]! + extraWeight * (sum[field]! - best[field]!)
    best[field] = 0
    sum[field] = 0
  }
  return total
}

/**
 * Adds the totals to the per-slot `score`, counting clauses per slot in `matched`; new slots are
 * written to `touched` from `touchedCount` on. Returns the new count. (A typed array from the
 * query's memory rather than a growing array: a query touches up to every article, and the
 * garbage of growing arrays made the collector pause queries.)
 */
export function addTotals(totals: ArticleTotals, score: Float64Array, matched: Int32Array, touched: Int32Array, touchedCount: number): number {
  const { count, slots } = totals
  const values = totals.totals
  let n = touchedCount
  for (let i = 0; i < count; i++) {
    const slot = slots[i]!
    if (matched[slot] === 0) touched[n++] = slot
    matched[slot]!++
    score[slot]! += values[i]!
  }
  return n
}
