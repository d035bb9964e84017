import { clauseMatch, EMPTY_MATCH, type ClauseMatch, type Source } from './clause-match'
import { isAccented } from './fold'
import type { PostingList } from './posting-list'
import type { QueryTerm } from './query'
import { queryMemory } from './query-memory'
import { EXACT_BOOST, FIELD_WEIGHTS, inverseDocumentFrequency, K1, lengthNorms, PREFIX_WEIGHT, prefixExpansions } from './ranking'
import type { SearchIndex, Term } from './search-index'

/**
 * Matching one query word: its folded key, the forms a number can take, and while the user types
 * the completions of its prefix. Every spelling of each key is a posting list; the lists are read
 * without their positions and scored per unit (BM25, exact-accent occurrences counting double
 * when the word was typed with diacritics).
 */

export interface Key {
  readonly term: Term
  readonly weight: number
  /** Which spellings count as typed exactly; null when the query word has no diacritics. */
  readonly exact: ((spelling: string) => boolean) | null
}

/** Dense per-unit arrays reused from query to query (searching is synchronous). */
export class Scratch {
  readonly score: Float64Array
  readonly seen: Uint8Array
  readonly tf: Int32Array
  readonly exact: Int32Array

  constructor(readonly size: number) {
    this.score = new Float64Array(size)
    this.seen = new Uint8Array(size)
    this.tf = new Int32Array(size)
    this.exact = new Int32Array(size)
  }
}

const scratches = new WeakMap<SearchIndex, Scratch>()

export function scratchFor(index: SearchIndex): Scratch {
  let scratch = scratches.get(index)
  if (scratch === undefined || scratch.size < index.units.count) {
    scratch = new Scratch(Math.max(1024, index.units.count * 2))
    scratches.set(index, scratch)
  }
  return scratch
}

/** Completions of `prefix` in the vocabulary, the most frequent first. */
function completions(index: SearchIndex, prefix: string): Term[] {
  const keys = index.keys()
  let low = 0
  let high = keys.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (keys[middle]! < prefix) low = middle + 1
    else high = middle
  }
  const found: Term[] = []
  for (let i = low; i < keys.length && keys[i]!.startsWith(prefix); i++) {
    const term = index.terms.get(keys[i]!)
    if (term !== undefined && term.key !== prefix && term.df > 0) found.push(term)
  }
  found.sort((a, b) => b.df - a.df || (a.key < b.key ? -1 : 1))
  return found.slice(0, prefixExpansions(prefix.length))
}

export function keysOf(index: SearchIndex, word: QueryTerm, prefix: boolean): Key[] {
  const accented = isAccented(word)
  const keys: Key[] = []
  const add = (term: Term | undefined, weight: number, exact: Key['exact']) => {
    if (term !== undefined && term.df > 0) keys.push({ term, weight, exact })
  }
  add(index.terms.get(word.folded), 1, accented ? (spelling) => spelling === word.exact : null)
  for (const alternative of word.alternatives) add(index.terms.get(alternative), 1, null)
  if (prefix) {
    for (const term of completions(index, word.folded)) add(term, PREFIX_WEIGHT, accented ? (spelling) => spelling.startsWith(word.exact) : null)
  }
  return keys
}

/**
 * Reads a list's entries (unit, count, offset of the positions), keeping those of the article
 * slots flagged in `within` (the candidates left by rarer words), or of every live article.
 */
function decodeEntries(index: SearchIndex, list: PostingList, flag: number, within: Uint8Array | null): Source {
  const memory = queryMemory(index)
  const units = memory.int32(list.entries)
  const counts = memory.int32(list.entries)
  const offsets = memory.int32(list.entries)
  const count = scanEntries(list.bytes, list.length, units, counts, offsets, within ?? index.aliveSlots(), index.units.article)
  return { list, flag, count, units, counts, offsets }
}

/**
 * Posting entries a word would read: cheap to know (no decoding), and what decides the order in
 * which a query's words are matched, rarest first.
 */
export function wordCost(index: SearchIndex, word: QueryTerm, prefix: boolean): number {
  let cost = 0
  for (const key of keysOf(index, word, prefix)) for (const variant of key.term.variants) cost += variant.postings.entries
  return cost
}

/**
 * The hot loop of every query, on its own: V8 compiles a long loop while it runs, and code after
 * the loop that has not run yet makes that compiled code bail out, call after call.
 */
export function scanEntries(
  bytes: Uint8Array,
  end: number,
  units: Int32Array,
  counts: Int32Array,
  offsets: Int32Array,
  keep: Uint8Array | null,
  unitArticle: Int32Array,
): number {
  let offset = 0
  let unit = -1
  let n = 0
  while (offset < end) {
    let delta = 0
    let shift = 0
    let byte: number
    do {
      byte = bytes[offset++]!
      delta |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    let count = 0
    shift = 0
    do {
      byte = bytes[offset++]!
      count |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    let blockBytes = 0
    shift = 0
    do {
      byte = bytes[offset++]!
      blockBytes |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    unit += delta
    if (keep === null || keep[unitArticle[unit]!] === 1) {
      units[n] = unit
      counts[n] = count
      offsets[n] = offset
      n++
    }
    offset += blockBytes
  }
  return n
}

/**
 * A word: its spellings, completions and alternative forms, scored per unit; only in the article
 * slots flagged in `within` when given (an AND query's candidates so far).
 */
export function wordMatch(index: SearchIndex, word: QueryTerm, prefix: boolean, averages: Float64Array, within: Uint8Array | null = null): ClauseMatch {
  const keys = keysOf(index, word, prefix)
  if (keys.length === 0) return EMPTY_MATCH
  const articleCount = index.liveArticles
  const unitField = index.units.field
  const unitLength = index.units.length
  const idf = Math.max(...keys.map((key) => key.weight * inverseDocumentFrequency(key.term.df, articleCount)))
  const only = keys.length === 1 && keys[0]!.term.variants.length === 1 ? keys[0]! : null
  if (only !== null) {
    // One list: score straight from it.
    const variant = only.term.variants[0]!
    const source = decodeEntries(index, variant.postings, only.exact?.(variant.exact) === true ? 1 : 0, within)
    const scores = queryMemory(index).float64(source.count)
    const base = only.weight * inverseDocumentFrequency(only.term.df, articleCount)
    const factor = Float64Array.from(FIELD_WEIGHTS, (weight) => base * weight * (K1 + 1))
    const { a, c } = lengthNorms(averages)
    const boost = 1 + EXACT_BOOST * source.flag
    const { units, counts } = source
    for (let k = 0; k < source.count; k++) {
      const unit = units[k]!
      const field = unitField[unit]!
      const tf = counts[k]! * boost
      // = base * FIELD_WEIGHTS[field] * saturate(tf, length, average), inlined.
      scores[k] = (factor[field]! * tf) / (tf + a[field]! + c[field]! * unitLength[unit]!)
    }
    return clauseMatch(source.count, source.units.subarray(0, source.count), scores, idf, 1, [source])
  }
  const scratch = scratchFor(index)
  const { score, seen, tf, exact } = scratch
  const { a, c } = lengthNorms(averages)
  let touched = 0
  let low = Number.MAX_SAFE_INTEGER
  let high = -1
  const sources: Source[] = []
  // A local, not the imported binding, in the loop below (see article-totals.ts).
  const exactBoost = EXACT_BOOST
  for (const key of keys) {
    const base = key.weight * inverseDocumentFrequency(key.term.df, articleCount)
    const factor = Float64Array.from(FIELD_WEIGHTS, (weight) => base * weight * (K1 + 1))
    // Units this key was found in, each once: at most the entries of its lists.
    const keyUnits = queryMemory(index).int32(key.term.variants.reduce((sum, variant) => sum + variant.postings.entries, 0))
    let keyCount = 0
    for (const variant of key.term.variants) {
      const source = decodeEntries(index, variant.postings, key.exact?.(variant.exact) === true ? 1 : 0, within)
      if (source.count === 0) continue
      sources.push(source)
      for (let k = 0; k < source.count; k++) {
        const unit = source.units[k]!
        if (tf[unit] === 0) keyUnits[keyCount++] = unit
        tf[unit]! += source.counts[k]!
        if (source.flag === 1) exact[unit]! += source.counts[k]!
      }
    }
    for (let u = 0; u < keyCount; u++) {
      const unit = keyUnits[u]!
      const field = unitField[unit]!
      const boosted = tf[unit]! + exactBoost * exact[unit]!
      score[unit]! += (factor[field]! * boosted) / (boosted + a[field]! + c[field]! * unitLength[unit]!)
      tf[unit] = 0
      exact[unit] = 0
      if (seen[unit] === 0) {
        seen[unit] = 1
        touched++
        if (unit < low) low = unit
        if (unit > high) high = unit
      }
    }
  }
  // Collect in unit order by sweeping the touched range: no sort needed.
  const memory = queryMemory(index)
  const units = memory.int32(touched)
  const scores = memory.float64(touched)
  let k = 0
  for (let unit = low; unit <= high; unit++) {
    if (seen[unit] === 0) continue
    units[k] = unit
    scores[k] = score[unit]!
    score[unit] = 0
    seen[unit] = 0
    k++
  }
  return clauseMatch(touched, units, scores, idf, 1, sources)
}
