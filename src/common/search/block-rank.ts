import { articleTotal } from './article-totals'
import { BLOCK_ARTICLES, BLOCK_WORDS, blockBound, currentBlocks, growthOf, shareWorth, type TermBlocks } from './block-bounds'
import { clauseCache, clauseKey } from './clause-cache'
import { clauseMatch, type ClauseMatch } from './clause-match'
import type { MergedPostings } from './merged-postings'
import type { PostingList } from './posting-list'
import type { QueryClause } from './query'
import type { QueryMemory } from './query-memory'
import { EXACT_BOOST, EXTRA_UNIT_WEIGHT, FIELD_WEIGHTS, inverseDocumentFrequency, K1, lengthNorms } from './ranking'
import type { SearchIndex, Term } from './search-index'
import { FIELD_COUNT } from './unit-table'
import { keysOf } from './word-match'

/**
 * A query of common words ranked without reading most of the library (block-max): each word's
 * blocks (block-bounds.ts) give, per block of articles, which articles hold it and a bound on
 * what it adds to any of their scores. The total (articles holding every word) is an AND of
 * bitmaps and a count of bits; then blocks are scored in order of their bound, summed over the
 * words, and scoring stops at the first block whose bound is below the `depth`-th best score
 * found so far (no article in it or after it can be among the best `depth`).
 *
 * Exactness: an article scores exactly what the general path gives it (the same arithmetic in
 * the same order as whole-word-match.ts and rank.ts, operation for operation), every article
 * scoring at least the depth-th best is among the candidates returned, and the matches hold every
 * unit of the articles scored (in unit order), so adjacency, tiers and snippets of those articles
 * read what they would read from matches over the whole library.
 *
 * Only for a query whose clauses are all plain words (one folded key, no number forms, not
 * being typed) with blocks, no filters, and not every clause in the clause cache (the cache then
 * answers without decoding anything); null otherwise, and when no article holds every word (the
 * general path then ranks articles with some of them).
 */

interface Word {
  readonly term: Term
  readonly blocks: TermBlocks
  readonly list: PostingList | MergedPostings
  readonly merged: boolean
  /** The clause's weight: IDF times the key's weight (the match's idf). */
  readonly base: number
  readonly factor: Float64Array
  /** One spelling: 1 + EXACT_BOOST when it matches the query's accents, else 1. */
  readonly boost: number
  /** Several spellings: the bits of those matching the query's accents. */
  readonly exactMask: number
  readonly flags: readonly number[]
  readonly found: Found
}

/** The entries a word's scored blocks hold, appended block after block, and where each block's lie. */
class Found {
  count = 0
  units = new Int32Array(1024)
  scores = new Float64Array(1024)
  /** One spelling: entry counts and position offsets; several: the spellings' masks (in `counts`). */
  counts = new Int32Array(1024)
  offsets = new Int32Array(1024)

  reserve(extra: number): void {
    if (this.count + extra <= this.units.length) return
    const size = Math.max(2 * this.units.length, this.count + extra)
    const grow = <T extends Int32Array | Float64Array>(array: T, make: (size: number) => T): T => {
      const grown = make(size)
      grown.set(array.subarray(0, this.count) as never)
      return grown
    }
    this.units = grow(this.units, (n) => new Int32Array(n))
    this.scores = grow(this.scores, (n) => new Float64Array(n))
    this.counts = grow(this.counts, (n) => new Int32Array(n))
    this.offsets = grow(this.offsets, (n) => new Int32Array(n))
  }
}

/**
 * The Found of a query's `w`-th word, emptied: kept per index between queries, so that a query
 * does not grow its arrays again from small (the growing was a tenth of a query's time at
 * 100,000 articles). Safe to reuse: a query's matches are copies (BlockScorer.matches), and
 * queries of one index run one at a time.
 */
const foundPool = new WeakMap<SearchIndex, Found[]>()

function foundFor(index: SearchIndex, w: number): Found {
  let pool = foundPool.get(index)
  if (pool === undefined) foundPool.set(index, (pool = []))
  const found = (pool[w] ??= new Found())
  found.count = 0
  return found
}

function wordsOf(index: SearchIndex, clauses: readonly QueryClause[]): Word[] | null {
  const cache = clauseCache(index)
  let cached = 0
  const words: Word[] = []
  for (const clause of clauses) {
    if (clause.terms.length !== 1 || clause.prefix) return null
    const keys = keysOf(index, clause.terms[0]!, false)
    if (keys.length !== 1) return null
    const key = keys[0]!
    const blocks = currentBlocks(key.term)
    if (blocks === null || (words.length > 0 && blocks.articles !== words[0]!.blocks.articles)) return null
    if (cache.has(index, clauseKey(clause))) cached++
    const base = key.weight * inverseDocumentFrequency(key.term.df, index.liveArticles)
    const flags = key.term.variants.map((variant) => (key.exact?.(variant.exact) === true ? 1 : 0))
    const merged = key.term.merged !== null
    words.push({
      term: key.term,
      blocks,
      list: blocks.list,
      merged,
      base,
      factor: Float64Array.from(FIELD_WEIGHTS, (weight) => base * weight * (K1 + 1)),
      boost: merged ? 1 : 1 + EXACT_BOOST * flags[0]!,
      exactMask: flags.reduce((mask: number, flag, slot) => mask | (flag << slot), 0),
      flags,
      found: foundFor(index, words.length),
    })
  }
  return cached === words.length ? null : words
}

function bitCount(bits: number): number {
  let n = bits - ((bits >>> 1) & 0x55555555)
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333)
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

/** A min-heap of the best `size` scores so far: its root is the threshold a block's bound must reach. */
class BestScores {
  private readonly heap: Float64Array
  private filled = 0

  constructor(private readonly size: number) {
    this.heap = new Float64Array(Math.max(1, size))
  }

  /** The score a candidate must reach to be among the best `size` so far; -Infinity until there are `size`. */
  get threshold(): number {
    if (this.size === 0) return Number.POSITIVE_INFINITY
    return this.filled < this.size ? Number.NEGATIVE_INFINITY : this.heap[0]!
  }

  add(score: number): void {
    const heap = this.heap
    if (this.filled < this.size) {
      let i = this.filled++
      while (i > 0 && heap[(i - 1) >> 1]! > score) {
        heap[i] = heap[(i - 1) >> 1]!
        i = (i - 1) >> 1
      }
      heap[i] = score
      return
    }
    if (this.size === 0 || score <= heap[0]!) return
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= this.size) break
      const right = left + 1
      const child = right < this.size && heap[right]! < heap[left]! ? right : left
      if (heap[child]! >= score) break
      heap[i] = heap[child]!
      i = child
    }
    heap[i] = score
  }
}

/**
 * Starts ranking a query of common words by blocks (see above): counts the total and scores the
 * articles added since the base; `deepen` then scores blocks until the candidates hold the best
 * `depth`. Null when the query cannot be ranked so (see above).
 */
export function rankByBlocks(index: SearchIndex, clauses: readonly QueryClause[], averages: Float64Array, score: Float64Array, memory: QueryMemory): BlockRanking | null {
  const words = wordsOf(index, clauses)
  if (words === null) return null
  const ranking = new BlockRanking(index, words, averages, score, memory)
  return ranking.total === 0 ? null : ranking
}

export class BlockRanking {
  readonly total: number
  /** Whether blocks are bounded by their articles' own bounds (several words, a version 5 base): tight enough for word pairs. */
  readonly articleBounds: boolean
  private readonly candidates: Int32Array
  private candidateCount = 0
  private readonly scorer: BlockScorer
  /** Blocks holding candidates, highest bound first, and their bounds; `next` is the first not scored. */
  private readonly order: number[] = []
  private readonly bounds: Float64Array
  private next = 0
  /** The blocks scored, in the order scored (the articles past the blocks as block `blockCount`). */
  private readonly segments: number[] = []
  private depth = -1

  constructor(
    index: SearchIndex,
    private readonly words: readonly Word[],
    averages: Float64Array,
    private readonly score: Float64Array,
    memory: QueryMemory,
  ) {
    const covered = words[0]!.blocks.articles
    const blockCount = Math.ceil(covered / BLOCK_ARTICLES)
    const slotCount = index.articles.length
    const alive = index.aliveSlots()
    const rows = words.map((word) => word.blocks.data)
    const strides = words.map((word) => word.blocks.stride)
    // Per block: how many of its articles hold every word (and are alive), and which.
    const counts = memory.int32(blockCount)
    const holders = memory.int32(blockCount)
    let total = 0
    for (let b = 0; b < blockCount; b++) {
      let bits = -1
      for (let c = 0; c < rows.length; c++) bits &= rows[c]![b * strides[c]! + 2]!
      if (alive !== null) {
        for (let rest = bits; rest !== 0; rest &= rest - 1) {
          const lowest = rest & -rest
          if (alive[b * BLOCK_ARTICLES + 31 - Math.clz32(lowest)] !== 1) bits &= ~lowest
        }
      }
      const n = bitCount(bits)
      counts[b] = n
      holders[b] = bits
      total += n
    }
    this.candidates = memory.int32(slotCount)
    this.scorer = new BlockScorer(index, words, averages, alive, score)
    // Articles added since the base (past its blocks) have no bound: always scored, first.
    if (slotCount > covered) {
      const found = this.scorer.scoreRange(covered, slotCount, -1, this.candidates, 0)
      total += found
      this.candidateCount = found
      this.segments.push(blockCount)
    }
    this.total = total
    this.articleBounds = words.length > 1 && words.every((word) => word.blocks.articleBounds)
    this.bounds = memory.float64(blockCount)
    // The blocks' bounds and order: at the first deepen, so that a ranking rank.ts declines costs only the count.
    this.orderBlocks = () => this.boundBlocks(averages, blockCount, counts, holders, strides)
  }

  private orderBlocks: (() => void) | null

  /** Each block's bound (see above), and the blocks holding candidates highest bound first. */
  private boundBlocks(averages: Float64Array, blockCount: number, counts: Int32Array, holders: Int32Array, strides: readonly number[]): void {
    const words = this.words
    const floats = words.map((word) => word.blocks.floats)
    const growth = growthOf(words[0]!.blocks.averages, averages)
    const boosted = words.map((word) => (word.merged ? word.exactMask !== 0 : word.boost !== 1))
    const worth = new Float64Array(words.length)
    const shares = this.articleBounds ? words.map((word) => word.blocks.bytes) : []
    const skips = Int32Array.from(words, (_, w) => 4 * BLOCK_WORDS + (boosted[w]! ? BLOCK_ARTICLES : 0))
    for (let b = 0; b < blockCount; b++) {
      if (counts[b] === 0) continue
      let bound = 0
      if (this.articleBounds) {
        // The best sum over the block's articles that hold every word, each word bounded per article.
        for (let w = 0; w < words.length; w++) worth[w] = shareWorth(floats[w]!, b * strides[w]!, words[w]!.base, growth, boosted[w]!)
        bound = articleBound(holders[b]!, b, shares, strides, skips, worth)
      } else {
        for (let w = 0; w < words.length; w++) bound += blockBound(floats[w]!, b * strides[w]!, words[w]!.base, growth, boosted[w]!)
      }
      this.bounds[b] = bound
      this.order.push(b)
    }
    const bounds = this.bounds
    this.order.sort((x, y) => bounds[y]! - bounds[x]! || x - y)
  }

  /**
   * Scores blocks, highest bound first, until no block left can hold an article among the best
   * `depth` (its bound is below the depth-th best score found): then every candidate scoring at
   * least the depth-th best of all is among those returned. A view of the query's memory.
   */
  deepen(depth: number): Int32Array {
    if (this.orderBlocks !== null) {
      this.orderBlocks()
      this.orderBlocks = null
    }
    if (depth > this.depth) {
      this.depth = depth
      const best = new BestScores(depth)
      const { candidates, score, order, bounds } = this
      for (let i = 0; i < this.candidateCount; i++) best.add(score[candidates[i]!]!)
      for (; this.next < order.length; this.next++) {
        const b = order[this.next]!
        if (bounds[b]! < best.threshold) break
        const from = b * BLOCK_ARTICLES
        const found = this.scorer.scoreRange(from, Math.min(from + BLOCK_ARTICLES, this.words[0]!.blocks.articles), b, candidates, this.candidateCount)
        for (let i = this.candidateCount; i < found; i++) best.add(score[candidates[i]!]!)
        this.candidateCount = found
        this.segments.push(b)
      }
    }
    return this.candidates.subarray(0, this.candidateCount)
  }

  /** Per word, its match over the blocks scored so far (see BlockScorer.matches). */
  matches(): ClauseMatch[] {
    return this.scorer.matches(this.segments)
  }
}

/**
 * The largest bound of an article of block `b` among `bits` (those holding every word): per
 * word, its per-article byte times what a byte is worth in the block (`worth`, shareWorth).
 * Word w's bytes are `shares[w]`, its rows `strides[w]` int32s long, its bytes `skips[w]` bytes
 * into a row (past the row's head, and past the counted bytes when boosted).
 */
function articleBound(bits: number, b: number, shares: readonly Uint8Array[], strides: readonly number[], skips: Int32Array, worth: Float64Array): number {
  let bound = 0
  const wordCount = shares.length
  for (let rest = bits; rest !== 0; rest &= rest - 1) {
    const k = 31 - Math.clz32(rest & -rest)
    let sum = 0
    for (let w = 0; w < wordCount; w++) sum += worth[w]! * shares[w]![4 * b * strides[w]! + skips[w]! + k]!
    if (sum > bound) bound = sum
  }
  return bound
}

/** Scores the articles of a range of slots for every word, from each word's entry for the range's first article. */
class BlockScorer {
  private readonly a: Float64Array
  private readonly c: Float64Array
  /** Per range scored, in the order scored, per word: [first, end) of its entries in the word's Found. */
  private readonly spans: number[] = []
  private totals = new Float64Array(0)
  private present = new Int32Array(0)

  constructor(
    private readonly index: SearchIndex,
    private readonly words: readonly Word[],
    averages: Float64Array,
    private readonly alive: Uint8Array | null,
    private readonly scores: Float64Array,
  ) {
    const norms = lengthNorms(averages)
    this.a = norms.a
    this.c = norms.c
  }

  /**
   * Scores slots [from, to) for every word, from each word's first entry of `block` (-1: the
   * articles past the blocks, from where the base's list ended), and writes the slots holding every word, alive, to `candidates` from `at` on,
   * their scores to `score`. Returns the new end of `candidates`.
   */
  scoreRange(from: number, to: number, block: number, candidates: Int32Array, at: number): number {
    const span = to - from
    const words = this.words
    if (this.present.length < span) {
      this.present = new Int32Array(span)
      this.totals = new Float64Array(span * words.length)
    } else this.present.fill(0, 0, span)
    const spans = this.spans
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!
      spans.push(word.found.count)
      const rows = word.blocks.data
      const stride = word.blocks.stride
      const offset = block < 0 ? word.blocks.endOffset : rows[block * stride]!
      const unit = block < 0 ? word.blocks.endUnit : rows[block * stride + 1]!
      if (word.merged) this.scoreMerged(word, w, from, to, offset, unit, span)
      else this.scoreOne(word, w, from, to, offset, unit, span)
      spans.push(word.found.count)
    }
    const present = this.present
    const totals = this.totals
    const score = this.scores
    const wordCount = words.length
    let n = at
    for (let i = 0; i < span; i++) {
      if (present[i] !== wordCount) continue
      // rank.ts adds the clauses' totals in clause order, from 0.
      let sum = 0
      for (let w = 0; w < wordCount; w++) sum += totals[w * span + i]!
      score[from + i] = sum
      candidates[n++] = from + i
    }
    return n
  }

  /** One spelling: scoreOneList's arithmetic (whole-word-match.ts). */
  private scoreOne(word: Word, w: number, from: number, to: number, start: number, unitBefore: number, span: number): void {
    const list = word.list
    const bytes = list.bytes
    const end = list.length
    const unitArticle = this.index.units.article
    const unitField = this.index.units.field
    const unitLength = this.index.units.length
    const alive = this.alive
    const { factor, boost, found } = word
    const { a, c, present, totals } = this
    const fieldCount = FIELD_COUNT
    const extraWeight = EXTRA_UNIT_WEIGHT
    const best = new Float64Array(fieldCount)
    const sum = new Float64Array(fieldCount)
    let offset = start
    let unit = unitBefore
    let slot = -1
    for (;;) {
      let article = -2
      let count = 0
      let positions = 0
      if (offset < end) {
        let byte: number
        let delta = 0
        let shift = 0
        do {
          byte = bytes[offset++]!
          delta |= (byte & 0x7f) << shift
          shift += 7
        } while (byte & 0x80)
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
        positions = offset
        offset += blockBytes
        unit += delta
        article = unitArticle[unit]!
        if (article >= to) article = -2
        else if (alive !== null && alive[article] !== 1) continue
      }
      if (article !== slot) {
        if (slot !== -1) {
          totals[w * span + slot - from] = articleTotal(best, sum, fieldCount, extraWeight)
          present[slot - from]!++
        }
        if (article === -2) return
        slot = article
      }
      const field = unitField[unit]!
      const tf = count * boost
      const value = (factor[field]! * tf) / (tf + a[field]! + c[field]! * unitLength[unit]!)
      if (found.count === found.units.length) found.reserve(1)
      const k = found.count++
      found.units[k] = unit
      found.scores[k] = value
      found.counts[k] = count
      found.offsets[k] = positions
      sum[field]! += value
      if (value > best[field]!) best[field] = value
    }
  }

  /** Several spellings, from the merged list: scoreMerged's arithmetic (whole-word-match.ts). */
  private scoreMerged(word: Word, w: number, from: number, to: number, start: number, unitBefore: number, span: number): void {
    const list = word.list
    const bytes = list.bytes
    const end = list.length
    const unitArticle = this.index.units.article
    const unitField = this.index.units.field
    const unitLength = this.index.units.length
    const alive = this.alive
    const { factor, exactMask, found } = word
    const { a, c, present, totals } = this
    const fieldCount = FIELD_COUNT
    const extraWeight = EXTRA_UNIT_WEIGHT
    const exactBoost = EXACT_BOOST
    const best = new Float64Array(fieldCount)
    const sum = new Float64Array(fieldCount)
    let offset = start
    let unit = unitBefore
    let slot = -1
    for (;;) {
      let article = -2
      let tf = 0
      let exact = 0
      let present_ = 0
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
        present_ = mask
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
        if (article >= to) article = -2
        else if (alive !== null && alive[article] !== 1) continue
      }
      if (article !== slot) {
        if (slot !== -1) {
          totals[w * span + slot - from] = articleTotal(best, sum, fieldCount, extraWeight)
          present[slot - from]!++
        }
        if (article === -2) return
        slot = article
      }
      const field = unitField[unit]!
      const boosted = tf + exactBoost * exact
      const value = (factor[field]! * boosted) / (boosted + a[field]! + c[field]! * unitLength[unit]!)
      if (found.count === found.units.length) found.reserve(1)
      const k = found.count++
      found.units[k] = unit
      found.scores[k] = value
      found.counts[k] = present_
      sum[field]! += value
      if (value > best[field]!) best[field] = value
    }
  }

  /**
   * Per word, the match over the blocks scored: their entries in unit order (blocks in slot
   * order; `segments` names the blocks in the order they were scored).
   */
  matches(segments: readonly number[]): ClauseMatch[] {
    const stride = 2 * this.words.length
    const scored = segments.map((block, order) => ({ block, spans: this.spans.slice(order * stride, (order + 1) * stride) })).sort((x, y) => x.block - y.block)
    return this.words.map((word, w) => {
      let count = 0
      for (const { spans } of scored) count += spans[2 * w + 1]! - spans[2 * w]!
      const units = new Int32Array(count)
      const scores = new Float64Array(count)
      const counts = new Int32Array(count)
      const offsets = word.merged ? null : new Int32Array(count)
      let at = 0
      const found = word.found
      // Element by element: a subarray per segment and array cost more than the copy (hundreds of segments).
      for (const { spans } of scored) at = copySpan(found, spans[2 * w]!, spans[2 * w + 1]!, units, scores, counts, offsets, at)
      if (word.merged) {
        const spellings = { lists: word.term.variants.map((variant) => variant.postings), flags: word.flags, masks: counts }
        return clauseMatch(count, units, scores, word.base, 1, [], null, null, spellings)
      }
      const source = { list: word.list as PostingList, flag: word.boost === 1 ? 0 : 1, count, units, counts, offsets: offsets! }
      return clauseMatch(count, units, scores, word.base, 1, count > 0 ? [source] : [])
    })
  }
}

/** Copies a word's found entries [first, end) to the match's arrays from `at`; returns the new end. */
function copySpan(found: Found, first: number, end: number, units: Int32Array, scores: Float64Array, counts: Int32Array, offsets: Int32Array | null, at: number): number {
  const fromUnits = found.units
  const fromScores = found.scores
  const fromCounts = found.counts
  const fromOffsets = found.offsets
  for (let k = first; k < end; k++, at++) {
    units[at] = fromUnits[k]!
    scores[at] = fromScores[k]!
    counts[at] = fromCounts[k]!
    if (offsets !== null) offsets[at] = fromOffsets[k]!
  }
  return at
}
