import { articleTotal } from './article-totals'
import { bufferPool } from './buffer-pool'
import type { ResolvedClause } from './clause-cache'
import { clauseMatch, type Source } from './clause-match'
import type { MergedPostings } from './merged-postings'
import type { QueryTerm } from './query'
import { EXACT_BOOST, EXTRA_UNIT_WEIGHT, FIELD_WEIGHTS, inverseDocumentFrequency, K1, lengthNorms } from './ranking'
import type { SearchIndex } from './search-index'
import { FIELD_COUNT } from './unit-table'
import { keysOf, scanEntries, scratchFor, type Key } from './word-match'

/**
 * A word matched over the whole library, the way a query meets a word it has not searched
 * before (the clause cache's miss): its per-unit scores and its per-article totals in one pass.
 *
 * wordMatch + articleTotals would read the same entries four times (decode; spread over dense
 * per-unit arrays; sweep the whole unit range back into order; walk the units again per article)
 * and then copy them out of the query's working memory for the cache. Here each spelling's list
 * is decoded once, straight into the arrays the cache keeps; a word of one spelling is scored in
 * list order; one of several spellings is scored from its merged list (merged-postings.ts), also
 * in unit order, without decoding its spellings' lists (positions are looked up in them unit by
 * unit, for the few articles that need them: clause-match.ts); each unit is added to its
 * article's total as it comes. All of the clause's arrays are views of one buffer from the pool
 * (buffer-pool.ts), which the cache gives back when it drops the clause.
 *
 * The arithmetic is wordMatch's and articleTotals', operation for operation, so the numbers are
 * the same to the bit (test/search/whole-word-match.test.ts; bench/search-results-dump.ts
 * compares old and new code on the 10,000-article corpus).
 *
 * Only a word with one folded key (no number forms, no completions); null otherwise, and the
 * caller takes the general path.
 */
export function wholeWordMatch(index: SearchIndex, word: QueryTerm, prefix: boolean, averages: Float64Array): ResolvedClause | null {
  const keys = keysOf(index, word, prefix)
  if (keys.length !== 1) return null
  const key = keys[0]!
  const base = key.weight * inverseDocumentFrequency(key.term.df, index.liveArticles)
  const merged = key.term.merged
  if (merged !== null) return mergedWordMatch(index, key, merged, base, averages)
  const alive = index.aliveSlots()
  const unitArticle = index.units.article
  const variants = key.term.variants
  const entries = variants.reduce((sum, variant) => sum + variant.postings.entries, 0)
  // Upper bounds: units matched, articles holding them.
  const unitBound = Math.min(entries, index.units.count)
  const articleBound = Math.min(unitBound, index.articles.length)
  const several = variants.length > 1
  const buffer = bufferPool(index).take(8 * (unitBound + articleBound) + 4 * (3 * entries + (several ? unitBound : 0) + articleBound))
  const carve = carver(buffer)
  // Float64 views first: they need 8-byte alignment.
  const scores = carve.float64(unitBound)
  const totals = carve.float64(articleBound)
  const slots = carve.int32(articleBound)
  const sources: Source[] = []
  for (const variant of variants) {
    const list = variant.postings
    const units = carve.int32(list.entries)
    const counts = carve.int32(list.entries)
    const offsets = carve.int32(list.entries)
    const count = scanEntries(list.bytes, list.length, units, counts, offsets, alive, unitArticle)
    if (count === 0) continue
    const flag = key.exact?.(variant.exact) === true ? 1 : 0
    // Dead articles' entries were skipped: only what was filled.
    sources.push({ list, flag, count, units: units.subarray(0, count), counts: counts.subarray(0, count), offsets: offsets.subarray(0, count) })
  }
  const units = several ? carve.int32(unitBound) : EMPTY_UNITS
  const found = new Int32Array(2)
  if (sources.length > 0) mergeAndScore(index, sources, base, averages, { units, scores, slots, totals, found })
  const [unitCount = 0, articleCount = 0] = found
  // One list: its entries are the units (scoreOneList does not copy them).
  const matchUnits = sources.length === 1 ? sources[0]!.units : units.subarray(0, unitCount)
  return {
    match: clauseMatch(unitCount, matchUnits, scores.subarray(0, unitCount), base, 1, sources),
    totals: { count: articleCount, slots: slots.subarray(0, articleCount), totals: totals.subarray(0, articleCount) },
    buffer,
  }
}

const EMPTY_UNITS = new Int32Array(0)

/** A word of several spellings, from their merged list: units, scores and totals in one read, in arrays of one pooled buffer. */
function mergedWordMatch(index: SearchIndex, key: Key, merged: MergedPostings, base: number, averages: Float64Array): ResolvedClause {
  const unitBound = Math.min(merged.entries, index.units.count)
  const articleBound = Math.min(unitBound, index.articles.length)
  const buffer = bufferPool(index).take(8 * (unitBound + articleBound) + 4 * (2 * unitBound + articleBound))
  const carve = carver(buffer)
  const scores = carve.float64(unitBound)
  const totals = carve.float64(articleBound)
  const slots = carve.int32(articleBound)
  const units = carve.int32(unitBound)
  const masks = carve.int32(unitBound)
  const variants = key.term.variants
  const flags = variants.map((variant) => (key.exact?.(variant.exact) === true ? 1 : 0))
  const exactMask = flags.reduce((mask: number, flag, slot) => mask | (flag << slot), 0)
  const found = new Int32Array(2)
  scoreMerged(index, merged, exactMask, index.aliveSlots(), scoring(base, averages), { units, scores, slots, totals, found }, masks)
  const [unitCount = 0, articleCount = 0] = found
  const spellings = { lists: variants.map((variant) => variant.postings), flags, masks: masks.subarray(0, unitCount) }
  return {
    match: clauseMatch(unitCount, units.subarray(0, unitCount), scores.subarray(0, unitCount), base, 1, [], null, null, spellings),
    totals: { count: articleCount, slots: slots.subarray(0, articleCount), totals: totals.subarray(0, articleCount) },
    buffer,
  }
}

/** Consecutive typed views of one buffer. */
function carver(buffer: ArrayBuffer): { float64(length: number): Float64Array; int32(length: number): Int32Array } {
  let at = 0
  return {
    float64(length) {
      const view = new Float64Array(buffer, at, length)
      at += 8 * length
      return view
    },
    int32(length) {
      const view = new Int32Array(buffer, at, length)
      at += 4 * length
      return view
    },
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
 * Several spellings without a merged list (more than MAX_MERGED_SPELLINGS, see
 * merged-postings.ts): their counts are added up per unit in dense per-unit arrays, then the
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

/**
 * Several spellings, from their merged list: each entry is a unit with the count of each spelling
 * in it, in unit order. The per-unit arithmetic is sweep's (below), so the scores are the same to
 * the bit, without the dense arrays and the sweep over the whole unit range.
 */
function scoreMerged(index: SearchIndex, merged: MergedPostings, exactMask: number, keep: Uint8Array | null, { factor, a, c }: Scoring, out: Output, masks: Int32Array): void {
  const bytes = merged.bytes
  const end = merged.length
  const unitArticle = index.units.article
  const unitField = index.units.field
  const unitLength = index.units.length
  const exactBoost = EXACT_BOOST
  const extraWeight = EXTRA_UNIT_WEIGHT
  const fieldCount = FIELD_COUNT
  const best = new Float64Array(fieldCount)
  const sum = new Float64Array(fieldCount)
  const { units, scores, slots, totals, found } = out
  let offset = 0
  let unit = -1
  let n = 0
  let articles = 0
  let slot = -1
  for (;;) {
    let article = -2
    let tf = 0
    let exact = 0
    let present = 0
    if (offset < end) {
      let byte: number
      let value = 0
      let shift = 0
      do {
        byte = bytes[offset++]!
        value |= (byte & 0x7f) << shift
        shift += 7
      } while (byte & 0x80)
      unit += value
      let mask = 0
      shift = 0
      do {
        byte = bytes[offset++]!
        mask |= (byte & 0x7f) << shift
        shift += 7
      } while (byte & 0x80)
      present = mask
      for (; mask !== 0; mask &= mask - 1) {
        let count = 0
        shift = 0
        do {
          byte = bytes[offset++]!
          count |= (byte & 0x7f) << shift
          shift += 7
        } while (byte & 0x80)
        tf += count
        if ((mask & -mask & exactMask) !== 0) exact += count
      }
      article = unitArticle[unit]!
      // A removed article's units stay in the lists until compaction.
      if (keep !== null && keep[article] !== 1) continue
    }
    if (article !== slot) {
      // A new article, or the end: the previous one is complete.
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
    const boosted = tf + exactBoost * exact
    const score = (factor[field]! * boosted) / (boosted + a[field]! + c[field]! * unitLength[unit]!)
    units[n] = unit
    scores[n] = score
    masks[n] = present
    n++
    sum[field]! += score
    if (score > best[field]!) best[field] = score
  }
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
