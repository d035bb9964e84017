import { examineArticles, findTogether, wordPairCount, type PairContext } from './adjacency'
import { averageLengths, type ClauseMatch } from './clause-match'
import { addTotals } from './article-totals'
import { clauseCost } from './match-clause'
import { passesFilters } from './filters'
import { kthLargest } from './kth-largest'
import { hasFilters, type ParsedQuery, type QueryClause } from './query'
import { bufferPool } from './buffer-pool'
import { BLOCK_ARTICLES } from './block-bounds'
import { rankByBlocks } from './block-rank'
import { queryMemory, type QueryMemory } from './query-memory'
import { narrow, resolveClause, type Candidates } from './resolve-clause'
import type { MatchMode } from './results'
import type { ArticleRecord, SearchIndex } from './search-index'
import type { ResolvedClause } from './clause-cache'

/**
 * Ranks the articles for a parsed query. Every clause is matched once (match-clause.ts); an
 * article must have them all (`all`), or, when none does and there are several, some (`any`,
 * scaled by the share it has). Filters are checked only for articles the clauses found. The page
 * asked for is selected with a small heap, not a full sort: a common syllable matches every
 * article of the library.
 *
 * Consecutive words of the query that an article has side by side (adjacency.ts) put it in a
 * higher tier: tier first, score second. Adjacency needs positions, so it is read in rounds for
 * the best-scored candidates only (see examineInRounds).
 */
export interface Ranking {
  readonly mode: MatchMode
  readonly total: number
  /** Article slots of the requested page, best first, and their scores. */
  readonly slots: readonly number[]
  readonly scores: readonly number[]
  readonly clauses: readonly QueryClause[]
  readonly matches: readonly ClauseMatch[]
  readonly averages: Float64Array
}

function sortDay(record: ArticleRecord): number {
  return record.days?.from ?? -1
}

/**
 * Best first: higher tier (when `tiers` is given), then higher score, then newer, then smaller
 * id. A total order, so pages are stable.
 */
function comparator(index: SearchIndex, score: Float64Array, tiers: Int32Array | null = null): (a: number, b: number) => number {
  return (a, b) => {
    if (tiers !== null) {
      const byTier = tiers[b]! - tiers[a]!
      if (byTier !== 0) return byTier
    }
    const byScore = score[b]! - score[a]!
    if (byScore !== 0) return byScore
    const recordA = index.articles[a]!
    const recordB = index.articles[b]!
    const byDay = sortDay(recordB) - sortDay(recordA)
    if (byDay !== 0) return byDay
    return recordA.id < recordB.id ? -1 : recordA.id > recordB.id ? 1 : 0
  }
}

/** The first `count` of `candidates` in `compare` order (which sorts by `tiers` first when given, then by `score`). */
function topOf(candidates: ArrayLike<number>, count: number, compare: (a: number, b: number) => number, score: Float64Array, tiers: Int32Array | null = null): number[] {
  if (count <= 0) return []
  if (candidates.length <= count * 4) return Array.from(candidates).sort(compare).slice(0, count)
  // A heap whose root is the worst kept candidate.
  const heap: number[] = []
  const worse = (i: number, j: number) => compare(heap[i]!, heap[j]!) > 0
  const swap = (i: number, j: number) => {
    const t = heap[i]!
    heap[i] = heap[j]!
    heap[j] = t
  }
  let floor = Number.NEGATIVE_INFINITY
  let floorTier = -1
  // Indexed, not for-of: until V8 optimises this, for-of allocates an iterator result per element.
  for (let c = 0; c < candidates.length; c++) {
    const slot = candidates[c]!
    // Strictly below the worst kept tier, or score in its tier: cannot enter (ties go to the comparator).
    if (tiers === null ? score[slot]! < floor : tiers[slot]! < floorTier || (tiers[slot] === floorTier && score[slot]! < floor)) continue
    if (heap.length < count) {
      heap.push(slot)
      let i = heap.length - 1
      while (i > 0 && worse(i, (i - 1) >> 1)) {
        swap(i, (i - 1) >> 1)
        i = (i - 1) >> 1
      }
    } else if (compare(slot, heap[0]!) < 0) {
      heap[0] = slot
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let top = i
        if (left < heap.length && worse(left, top)) top = left
        if (right < heap.length && worse(right, top)) top = right
        if (top === i) break
        swap(i, top)
        i = top
      }
    }
    if (heap.length === count) {
      floor = score[heap[0]!]!
      if (tiers !== null) floorTier = tiers[heap[0]!]!
    }
  }
  return heap.sort(compare)
}

/** Candidates whose adjacency is read first (and their bigram bonuses added): this many, or four pages, whichever is more. */
export const RERANK_DEPTH = 100
/**
 * Candidates whose adjacency is read at most (or four pages, if more): the bound on what a query
 * spends on positions when the words it has stand together in few articles.
 */
export const ADJACENCY_DEPTH = 500

/** How many of the best-scored candidates examineInRounds reads at most, of `total`. */
function adjacencyCap(total: number, wanted: number): number {
  return Math.min(total, Math.max(ADJACENCY_DEPTH, 4 * wanted))
}

/**
 * Whether ranking by blocks pays for a query that may need the best `depth` of `total`
 * candidates: they may lie in as many blocks, so it pays only when those are a small share of the
 * library. Measured (CPU, loaded): for the page of one common word, 2-4 times faster at 10,000
 * and 100,000 articles. Words in pairs: with blocks bounded per article (a version 5 base), the
 * depth is adjacency's first round (most queries stop there), and at 100,000 articles such
 * queries are 2-3 times faster than the general path, at 10,000 slower (so with this ratio they
 * take blocks from 25,600 articles on); with block bounds alone (a version 4 base: the bound
 * adds up each word's best) the depth is adjacency's cap, 500, and blocks were slower at both.
 * See docs/themes-and-search.md.
 */
function blocksPay(total: number, depth: number): boolean {
  return blockPolicy.articlesPerDepth * depth <= total
}

/** blocksPay's ratio; tests set it to 0 to rank every query they can by blocks, on small libraries. */
export const blockPolicy = { articlesPerDepth: 8 * BLOCK_ARTICLES }

/** How many of the best-scored candidates examineInRounds reads in its first round. */
function firstRoundDepth(cap: number, wanted: number): number {
  return Math.min(cap, Math.max(RERANK_DEPTH, 4 * wanted))
}

/**
 * Reads adjacency (adjacency.ts) into `tiers`, adding bigram bonuses to `score`:
 * - for the best-scored RERANK_DEPTH candidates (or four pages): every pair, so that among them
 *   more pairs side by side rank first ("dầu khí … Việt Nam" above "… Việt Nam" alone);
 * - then, while the page lacks `wanted` articles with every pair side by side, for the next
 *   best-scored candidates, four times as many each round, up to ADJACENCY_DEPTH: whether they
 *   have every pair side by side (the top tier), leaving at the first pair one lacks.
 * Candidates not read, or read and found lacking in a later round, stay in tier 0 and rank by
 * score after the others. So an article with its words together outranks every article with them
 * apart unless its score is below the best ADJACENCY_DEPTH candidates'.
 *
 * `total`: how many candidates there are (`candidates` may hold only those that can be read:
 * every one scoring at least the cap-th best, see block-rank.ts). With `firstRoundOnly`, stops
 * after the first round and returns false when later rounds were needed; true when done.
 */
function examineInRounds(index: SearchIndex, context: PairContext, candidates: ArrayLike<number>, total: number, wanted: number, score: Float64Array, tiers: Int32Array, memory: QueryMemory, firstRoundOnly = false): boolean {
  const pairs = wordPairCount(context.clauses)
  const cap = adjacencyCap(total, wanted)
  let depth = firstRoundDepth(cap, wanted)
  const first = topOf(candidates, depth, comparator(index, score), score).sort((a, b) => a - b)
  const linking = examineArticles(index, context, first, score, tiers)
  let together = 0
  for (let i = 0; i < first.length; i++) if (tiers[first[i]!] === pairs) together++
  if (together >= wanted || depth >= cap) return true
  if (firstRoundOnly) return false
  // The pair the first round found least often side by side first.
  const order = Array.from(linking.keys()).sort((a, b) => linking[a]! - linking[b]! || a - b)
  const read = memory.int32(index.articles.length)
  for (let i = 0; i < first.length; i++) read[first[i]!] = 1
  // The candidates not read yet, with their scores (untouched so far); each round takes the best
  // of those left, from the back.
  const slots = memory.int32(candidates.length)
  const scores = memory.float64(candidates.length)
  const scratch = memory.float64(candidates.length)
  let end = 0
  for (let c = 0; c < candidates.length; c++) {
    const slot = candidates[c]!
    if (read[slot] === 1) continue
    slots[end] = slot
    scores[end++] = score[slot]!
  }
  const start = bestToBack(slots, scores, 0, end, cap - depth, scratch)
  while (together < wanted && depth < cap && end > start) {
    const next = Math.min(cap, 4 * depth)
    const from = bestToBack(slots, scores, start, end, next - depth, scratch)
    together += findTogether(index, context, order, slots.subarray(from, end).sort(), score, tiers)
    end = from
    depth = next
  }
  return true
}

/**
 * Reorders slots[from, to) and their scores so that the `take` best scores (and ties with the
 * worst of them) come last; returns where they start. Linear: no sort of ten thousand candidates.
 */
function bestToBack(slots: Int32Array, scores: Float64Array, from: number, to: number, take: number, scratch: Float64Array): number {
  const count = to - from
  if (take >= count) return from
  scratch.set(scores.subarray(from, to))
  const threshold = kthLargest(scratch, count, take)
  let i = from
  let j = to - 1
  while (i <= j) {
    if (scores[i]! < threshold) {
      i++
      continue
    }
    const slot = slots[i]!
    const value = scores[i]!
    slots[i] = slots[j]!
    scores[i] = scores[j]!
    slots[j] = slot
    scores[j] = value
    j--
  }
  return i
}

export function rank(index: SearchIndex, query: ParsedQuery, offset: number, limit: number, prefix: boolean): Ranking {
  const averages = averageLengths(index)
  const clauses = prefix ? query.clauses : query.clauses.map((clause) => ({ ...clause, prefix: false }))
  const filters = query.filters
  const slotCount = index.articles.length
  const memory = queryMemory(index)
  memory.reset()
  bufferPool(index).startQuery()
  const score = memory.float64(slotCount)
  const compare = comparator(index, score)
  const page = (candidates: ArrayLike<number>) => topOf(candidates, offset + limit, compare, score).slice(offset)

  if (clauses.length === 0) {
    if (!hasFilters(filters)) return { mode: 'all', total: 0, slots: [], scores: [], clauses, matches: [], averages }
    const candidates: number[] = []
    index.articles.forEach((record, slot) => {
      if (record.alive && passesFilters(record, filters)) candidates.push(slot)
    })
    const slots = page(candidates)
    return { mode: 'filters', total: candidates.length, slots, scores: slots.map(() => 0), clauses, matches: [], averages }
  }

  // Common words with blocks in the base: only the blocks that can hold the best are read (block-rank.ts).
  const byBlocks = hasFilters(filters) ? null : rankByBlocks(index, clauses, averages, score, memory)
  const wanted = offset + limit
  const pairCount = wordPairCount(clauses)
  const useBlocks = byBlocks !== null && blocksPay(byBlocks.total, pairCount === 0 ? wanted : byBlocks.articleBounds ? firstRoundDepth(adjacencyCap(byBlocks.total, wanted), wanted) : adjacencyCap(byBlocks.total, wanted))
  // Declined: the articles past the blocks may have been scored already; the general path adds to zeros.
  if (byBlocks !== null && !useBlocks) score.fill(0)
  if (useBlocks) {
    const total = byBlocks.total
    if (pairCount === 0) {
      const slots = page(byBlocks.deepen(Math.min(total, wanted)))
      return { mode: 'all', total, slots, scores: slots.map((slot) => score[slot]!), clauses, matches: byBlocks.matches(), averages }
    }
    // Adjacency's first round reads the best firstRoundDepth; only when it finds too few articles
    // with every pair together do later rounds read up to the best `cap`, and the blocks that
    // may hold them are scored then (the first round is then read again with them).
    const tiers = memory.int32(slotCount)
    const cap = adjacencyCap(total, wanted)
    let candidates = byBlocks.deepen(firstRoundDepth(cap, wanted))
    let matches = byBlocks.matches()
    const before = new Float64Array(candidates.length)
    for (let i = 0; i < candidates.length; i++) before[i] = score[candidates[i]!]!
    if (!examineInRounds(index, { clauses, matches, averages }, candidates, total, wanted, score, tiers, memory, true)) {
      for (let i = 0; i < before.length; i++) {
        score[candidates[i]!] = before[i]!
        tiers[candidates[i]!] = 0
      }
      candidates = byBlocks.deepen(cap)
      matches = byBlocks.matches()
      examineInRounds(index, { clauses, matches, averages }, candidates, total, wanted, score, tiers, memory)
    }
    const slots = topOf(candidates, wanted, comparator(index, score, tiers), score, tiers).slice(offset)
    return { mode: 'all', total, slots, scores: slots.map((slot) => score[slot]!), clauses, matches, averages }
  }

  // Rarest clause first; each later one is read only in the articles holding all before it.
  const order = clauses.map((clause, i) => ({ i, cost: clauseCost(index, clause) })).sort((a, b) => a.cost - b.cost || a.i - b.i)
  let resolved: ResolvedClause[] = new Array<ResolvedClause>(clauses.length)
  // The candidates so far, narrowed only when a clause has to be matched (not when it was cached).
  let within: Candidates | null = null
  let narrowed = 0
  for (let step = 0; step < order.length; step++) {
    const i = order[step]!.i
    resolved[i] = resolveClause(index, clauses[i]!, averages, () => {
      for (; narrowed < step; narrowed++) within = narrow(index, within, resolved[order[narrowed]!.i]!)
      return within
    })
  }
  let matched = memory.int32(slotCount)
  // Slots with at least one clause, and then those that are results: typed arrays of the query's
  // memory, indexed loops (growing arrays and for-of iterators were most of a query's garbage).
  const touched = memory.int32(slotCount)
  let touchedCount = 0
  // In clause order, whatever order they were matched in: the sums are then the same to the bit.
  for (let c = 0; c < resolved.length; c++) touchedCount = addTotals(resolved[c]!.totals, score, matched, touched, touchedCount)

  const filterable = hasFilters(filters)
  let mode: MatchMode = 'all'
  const kept = memory.int32(slotCount)
  let keptCount = 0
  for (let t = 0; t < touchedCount; t++) {
    const slot = touched[t]!
    if (matched[slot] === clauses.length && (!filterable || passesFilters(index.articles[slot]!, filters))) kept[keptCount++] = slot
  }
  if (keptCount === 0 && clauses.length > 1) {
    // No article has them all: match every clause in full, for the articles with some of them.
    mode = 'any'
    score.fill(0)
    resolved = clauses.map((clause) => resolveClause(index, clause, averages, () => null))
    matched = memory.int32(slotCount)
    touchedCount = 0
    for (let c = 0; c < resolved.length; c++) touchedCount = addTotals(resolved[c]!.totals, score, matched, touched, touchedCount)
    for (let t = 0; t < touchedCount; t++) {
      const slot = touched[t]!
      if (!filterable || passesFilters(index.articles[slot]!, filters)) kept[keptCount++] = slot
    }
  }
  const candidates = kept.subarray(0, keptCount)
  const matches = resolved.map((clause) => clause.match)
  if (mode === 'any') for (let c = 0; c < keptCount; c++) score[candidates[c]!]! *= matched[candidates[c]!]! / clauses.length
  if (wordPairCount(clauses) === 0) {
    const slots = page(candidates)
    return { mode, total: candidates.length, slots, scores: slots.map((slot) => score[slot]!), clauses, matches, averages }
  }
  const tiers = memory.int32(slotCount)
  examineInRounds(index, { clauses, matches, averages }, candidates, candidates.length, offset + limit, score, tiers, memory)
  const slots = topOf(candidates, offset + limit, comparator(index, score, tiers), score, tiers).slice(offset)
  return { mode, total: candidates.length, slots, scores: slots.map((slot) => score[slot]!), clauses, matches, averages }
}
