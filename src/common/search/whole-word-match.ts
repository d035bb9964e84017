import type { ArticleTotals } from './article-totals'
import type { ResolvedClause } from './clause-cache'
import { clauseMatch, type Source } from './clause-match'
import type { QueryTerm } from './query'
import { queryMemory } from './query-memory'
import { EXACT_BOOST, EXTRA_UNIT_WEIGHT, FIELD_WEIGHTS, inverseDocumentFrequency, K1, lengthNorms } from './ranking'
import type { SearchIndex } from './search-index'
import { FIELD_COUNT } from './unit-table'
import { keysOf, scanEntries, scratchFor } from './word-match'

/**
 * A word matched over the whole library, the way a query meets a word it has not searched
 * before (the clause cache's miss): its per-unit scores and its per-article totals in one pass.
 *
 * wordMatch + articleTotals would read the same entries four times (decode; spread over dense
 * per-unit arrays; sweep the whole unit range back into order; walk the units again per article)
 * and then copy them out of the query's working memory for the cache. Here each spelling's list
 * is decoded once into arrays the cache keeps, the spellings are merged in unit order (their
 * lists are sorted), and each unit is scored and added to its article's total as it comes.
 *
 * The arithmetic is wordMatch's and articleTotals', operation for operation, so the numbers are
 * the same to the bit (bench/search-results-dump.ts compares old and new code).
 *
 * Only a word with one folded key (no number forms, no completions); null otherwise, and the
 * caller takes the general path.
 */
export function wholeWordMatch(index: SearchIndex, word: QueryTerm, prefix: boolean, averages: Float64Array): ResolvedClause | null {
  const keys = keysOf(index, word, prefix)
  if (keys.length !== 1) return null
  const key = keys[0]!
  const base = key.weight * inverseDocumentFrequency(key.term.df, index.liveArticles)
  const alive = index.aliveSlots()
  const unitArticle = index.units.article
  const sources: Source[] = []
  let bound = 0
  for (const variant of key.term.variants) {
    const list = variant.postings
    const units = new Int32Array(list.entries)
    const counts = new Int32Array(list.entries)
    const offsets = new Int32Array(list.entries)
    const count = scanEntries(list.bytes, list.length, units, counts, offsets, alive, unitArticle)
    if (count === 0) continue
    const flag = key.exact?.(variant.exact) === true ? 1 : 0
    // Dead articles' entries were skipped: keep only what was filled.
    const fit = (array: Int32Array) => (count === array.length ? array : array.slice(0, count))
    sources.push({ list, flag, count, units: fit(units), counts: fit(counts), offsets: fit(offsets) })
    bound += count
  }
  const memory = queryMemory(index)
  const units = memory.int32(bound)
  const scores = memory.float64(bound)
  const slots = memory.int32(bound)
  const totals = memory.float64(bound)
  const found = new Int32Array(2)
  if (sources.length > 0) mergeAndScore(index, sources, base, averages, { units, scores, slots, totals, found })
  const [unitCount = 0, articleCount = 0] = found
  const owned: ArticleTotals = { count: articleCount, slots: slots.slice(0, articleCount), totals: totals.slice(0, articleCount) }
  // One list: its entries are the units (scoreOneList does not copy them).
  const only = sources.length === 1
  return {
    match: clauseMatch(unitCount, only ? sources[0]!.units : units.slice(0, unitCount), scores.slice(0, unitCount), base, 1, sources),
    totals: owned,
  }
}

/**
 * The scoring loops below are hot and each on its own (see scanEntries in word-match.ts): V8
 * compiles a loop while it runs (on-stack replacement), and any code after the loop that has not
 * run yet throws that compiled code away, again and again. So the last article is added inside
 * the loop, the counts go out through `found` (units, articles), and nothing follows the loop.
 * Imported constants are copied into locals first: a module binding read in a loop costs too.
 */
interface Output {
  readonly units: Int32Array
  readonly scores: Float64Array
  readonly slots: Int32Array
  readonly totals: Float64Array
  /** [units, articles] written. */
  readonly found: Int32Array
}

interface Scoring {
  readonly factor: Float64Array
  readonly a: Float64Array
  readonly c: Float64Array
}

function scoring(base: number, averages: Float64Array): Scoring {
  return { factor: Float64Array.from(FIELD_WEIGHTS, (weight) => base * weight * (K1 + 1)), ...lengthNorms(averages) }
}

function mergeAndScore(index: SearchIndex, sources: readonly Source[], base: number, averages: Float64Array, out: Output): void {
  if (sources.length === 1) scoreOneList(index, sources[0]!, scoring(base, averages), out)
  else scoreSeveralLists(index, sources, scoring(base, averages), out)
}

/** One spelling (most words): its entries are the match's units, in order. */
function scoreOneList(index: SearchIndex, source: Source, { factor, a, c }: Scoring, out: Output): void {
  const unitArticle = index.units.article
  const unitField = index.units.field
  const unitLength = index.units.length
  const extraWeight = EXTRA_UNIT_WEIGHT
  const fieldCount = FIELD_COUNT
  // wordMatch's one-list arithmetic: tf * (1 + boost) rather than tf + boost * tf (equal for integers).
  const boost = 1 + EXACT_BOOST * source.flag
  const best = new Float64Array(fieldCount)
  const sum = new Float64Array(fieldCount)
  const { units, counts, count } = source
  const { scores, slots, totals, found } = out
  let articles = 0
  let slot = -1
  for (let k = 0; ; k++) {
    const unit = k < count ? units[k]! : 0
    const article = k < count ? unitArticle[unit]! : -2
    if (article !== slot) {
      // A new article, or the end: the previous one is complete.
      if (slot !== -1) totals[articles++] = articleTotal(best, sum, fieldCount, extraWeight)
      if (article === -2) {
        found[0] = count
        found[1] = articles
        return
      }
      slots[articles] = article
      slot = article
    }
    const field = unitField[unit]!
    const tf = counts[k]! * boost
    const score = (factor[field]! * tf) / (tf + a[field]! + c[field]! * unitLength[unit]!)
    scores[k] = score
    // articleTotals' sum and best, in the same order.
    sum[field]! += score
    if (score > best[field]!) best[field] = score
  }
}

/**
 * Several spellings: their counts are added up per unit in dense per-unit arrays, then the
 * touched range of units is swept in order (cheaper than merging the lists entry by entry).
 */
function scoreSeveralLists(index: SearchIndex, sources: readonly Source[], { factor, a, c }: Scoring, out: Output): void {
  const { tf, exact } = scratchFor(index)
  let low = 0x7fffffff
  let high = -1
  for (const source of sources) {
    addCounts(source.units, source.counts, source.count, source.flag, tf, exact)
    if (source.count > 0) {
      low = Math.min(low, source.units[0]!)
      high = Math.max(high, source.units[source.count - 1]!)
    }
  }
  sweep(index, low, high, tf, exact, factor, a, c, out)
}

function addCounts(units: Int32Array, counts: Int32Array, count: number, flag: number, tf: Int32Array, exact: Int32Array): void {
  for (let k = 0; k < count; k++) {
    const unit = units[k]!
    tf[unit]! += counts[k]!
    if (flag === 1) exact[unit]! += counts[k]!
  }
}

function sweep(index: SearchIndex, low: number, high: number, tf: Int32Array, exact: Int32Array, factor: Float64Array, a: Float64Array, c: Float64Array, out: Output): void {
  const unitArticle = index.units.article
  const unitField = index.units.field
  const unitLength = index.units.length
  const exactBoost = EXACT_BOOST
  const extraWeight = EXTRA_UNIT_WEIGHT
  const fieldCount = FIELD_COUNT
  const best = new Float64Array(fieldCount)
  const sum = new Float64Array(fieldCount)
  const { units, scores, slots, totals, found } = out
  let n = 0
  let articles = 0
  let slot = -1
  for (let unit = low; ; unit++) {
    const end = unit > high
    if (!end && tf[unit] === 0) continue
    const article = end ? -2 : unitArticle[unit]!
    if (article !== slot) {
      if (slot !== -1) totals[articles++] = articleTotal(best, sum, fieldCount, extraWeight)
      if (article === -2) {
        found[0] = n
        found[1] = articles
        return
      }
      slots[articles] = article
      slot = article
    }
    const field = unitField[unit]!
    // wordMatch's several-list arithmetic, the dense arrays left zeroed for the next query.
    const boosted = tf[unit]! + exactBoost * exact[unit]!
    tf[unit] = 0
    exact[unit] = 0
    const score = (factor[field]! * boosted) / (boosted + a[field]! + c[field]! * unitLength[unit]!)
    units[n] = unit
    scores[n] = score
    n++
    sum[field]! += score
    if (score > best[field]!) best[field] = score
  }
}

/** An article's total from its per-field sums and bests (see articleTotals), which it resets. */
function articleTotal(best: Float64Array, sum: Float64Array, fieldCount: number, extraWeight: number): number {
  let total = 0
  for (let field = 0; field < fieldCount; field++) {
    if (sum[field] === 0) continue
    total += best[field]! + extraWeight * (sum[field]! - best[field]!)
    best[field] = 0
    sum[field] = 0
  }
  return total
}
