import { adjacentPairs, averageLengths, type ClauseMatch } from './clause-match'
import { addTotals } from './article-totals'
import { clauseCost } from './match-clause'
import { lowerBoundIn, PositionReader } from './position-reader'
import { passesFilters } from './filters'
import { hasFilters, type ParsedQuery, type QueryClause } from './query'
import { bufferPool } from './buffer-pool'
import { queryMemory } from './query-memory'
import { FIELD_WEIGHTS, PROXIMITY_WEIGHT, saturate } from './ranking'
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

/** Clauses i and i + 1 are single words: adjacency between them earns a bigram bonus. */
export function isWordPair(clauses: readonly QueryClause[], i: number): boolean {
  return clauses[i]?.terms.length === 1 && clauses[i + 1]?.terms.length === 1
}

export function bigramBonus(index: SearchIndex, unit: number, pairs: number, idf: number, averages: Float64Array): number {
  const field = index.units.field[unit]!
  return PROXIMITY_WEIGHT * FIELD_WEIGHTS[field]! * idf * saturate(pairs, index.units.length[unit]!, averages[field]!)
}

function sortDay(record: ArticleRecord): number {
  return record.days?.from ?? -1
}

/** Best first: higher score, then newer, then smaller id. A total order, so pages are stable. */
function comparator(index: SearchIndex, score: Float64Array): (a: number, b: number) => number {
  return (a, b) => {
    const byScore = score[b]! - score[a]!
    if (byScore !== 0) return byScore
    const recordA = index.articles[a]!
    const recordB = index.articles[b]!
    const byDay = sortDay(recordB) - sortDay(recordA)
    if (byDay !== 0) return byDay
    return recordA.id < recordB.id ? -1 : recordA.id > recordB.id ? 1 : 0
  }
}

/** The first `count` of `candidates` in `compare` order (which sorts by `score` first). */
function topOf(candidates: ArrayLike<number>, count: number, compare: (a: number, b: number) => number, score: Float64Array): number[] {
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
  // Indexed, not for-of: until V8 optimises this, for-of allocates an iterator result per element.
  for (let c = 0; c < candidates.length; c++) {
    const slot = candidates[c]!
    // Strictly below the worst kept score: cannot enter (ties go to the comparator).
    if (score[slot]! < floor) continue
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
    if (heap.length === count) floor = score[heap[0]!]!
  }
  return heap.sort(compare)
}

/**
 * Adds the bigram bonuses of the `rescored` article slots (ascending). Computing them needs
 * positions, so it is done for the best-ranked candidates only (see RERANK_DEPTH), like any
 * two-stage ranker; each article's units are found by binary search, not by walking the lists.
 */
function addBigramBonuses(index: SearchIndex, ranking: Pick<Ranking, 'clauses' | 'matches' | 'averages'>, rescored: readonly number[], score: Float64Array): void {
  const { clauses, matches, averages } = ranking
  for (let i = 0; i + 1 < clauses.length; i++) {
    if (!isWordPair(clauses, i)) continue
    const left = matches[i]!
    const right = matches[i + 1]!
    const leftReader = new PositionReader(left)
    const rightReader = new PositionReader(right)
    const idf = left.idf + right.idf
    let k = 0
    let m = 0
    for (const slot of rescored) {
      const record = index.articles[slot]!
      const end = record.firstUnit + record.unitCount
      k = lowerBoundIn(left.units, left.count, record.firstUnit, k)
      for (; k < left.count && left.units[k]! < end; k++) {
        const unit = left.units[k]!
        m = lowerBoundIn(right.units, right.count, unit, m)
        if (m >= right.count) break
        if (right.units[m] !== unit) continue
        const pairs = adjacentPairs(leftReader, k, rightReader, m)
        if (pairs > 0) score[slot]! += bigramBonus(index, unit, pairs, idf, averages)
      }
    }
  }
}

/** Candidates re-scored with bigram bonuses: this many, or four pages, whichever is more. */
export const RERANK_DEPTH = 100

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
  if (clauses.some((_, i) => isWordPair(clauses, i))) {
    const rescored = topOf(candidates, Math.max(RERANK_DEPTH, 4 * (offset + limit)), compare, score).sort((a, b) => a - b)
    addBigramBonuses(index, { clauses, matches, averages }, rescored, score)
  }

  const slots = page(candidates)
  return { mode, total: candidates.length, slots, scores: slots.map((slot) => score[slot]!), clauses, matches, averages }
}
