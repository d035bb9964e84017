import { lowerBoundIn, type PositionReader } from './position-reader'
import type { PostingList } from './posting-list'
import type { SearchIndex } from './search-index'

/**
 * The units one query clause matches, each with its BM25 score. `units` is sorted, so the units
 * of one article are contiguous (see search-index.ts). Positions are not decoded while ranking
 * words (that is most of a posting list's bytes); `PositionReader` decodes them for the units
 * that need them. A phrase has to check positions to match at all, and keeps the ones it found.
 */
export interface ClauseMatch {
  readonly count: number
  readonly units: Int32Array
  readonly scores: Float64Array
  /** The clause's weight in bigram bonuses: its (largest) IDF. */
  readonly idf: number
  /** Tokens per occurrence: 1 for a word, the phrase's length for a phrase. */
  readonly width: number
  /** A word: the spellings' lists it was read from (read them through sourcesOf: they may be pending). */
  readonly sources: readonly Source[]
  /** A word ranked from its merged list: its spellings' entries, decoded into `sources` when positions are first read. */
  readonly pending: PendingSources | null
  /** A phrase: the positions of its first token in units[k], positions[posStart[k] .. posStart[k + 1]). */
  readonly posStart: Int32Array | null
  readonly positions: Int32Array | null
}

/** One spelling's posting list, decoded without its positions. */
export interface Source {
  readonly list: PostingList
  /** 1 when the spelling matches the query's accents (see ranking.ts), else 0. */
  readonly flag: number
  readonly count: number
  readonly units: Int32Array
  readonly counts: Int32Array
  readonly offsets: Int32Array
}

/**
 * Spellings' lists not decoded yet. Ranking a word of several spellings needs only their merged
 * counts (merged-postings.ts); positions (adjacency bonuses, snippets) need each spelling's
 * entries, decoded once, on first use, into arrays reserved beside the match.
 */
export interface PendingSources {
  /** Fills `into` (the match's sources), once. */
  decode(into: Source[]): void
  decoded: boolean
}

/** The match's sources, decoding pending ones first. */
export function sourcesOf(match: ClauseMatch): readonly Source[] {
  const pending = match.pending
  if (pending !== null && !pending.decoded) {
    pending.decoded = true
    pending.decode(match.sources as Source[])
  }
  return match.sources
}

/** Every match is built here, so that all have one shape (property reads in hot loops stay fast). */
export function clauseMatch(
  count: number,
  units: Int32Array,
  scores: Float64Array,
  idf: number,
  width: number,
  sources: readonly Source[],
  posStart: Int32Array | null = null,
  positions: Int32Array | null = null,
  pending: PendingSources | null = null,
): ClauseMatch {
  return { count, units, scores, idf, width, sources, pending, posStart, positions }
}

export const EMPTY_MATCH = clauseMatch(0, new Int32Array(0), new Float64Array(0), 0, 1, [])

/** Per-field average unit lengths, read once per query. */
export function averageLengths(index: SearchIndex): Float64Array {
  return index.fieldTokens.map((tokens, field) => (index.fieldUnits[field]! > 0 ? tokens / index.fieldUnits[field]! : 0))
}

/** The first k with units[k] >= unit. */
export function lowerBound(match: ClauseMatch, unit: number): number {
  return lowerBoundIn(match.units, match.count, unit)
}

/** How many times a position of `left` (entry k) is immediately followed by one of `right` (entry m). */
export function adjacentPairs(left: PositionReader, k: number, right: PositionReader, m: number): number {
  const leftCount = left.read(k)
  const rightCount = right.read(m)
  const leftPositions = left.buffer
  const rightPositions = right.buffer
  let pairs = 0
  let q = 0
  for (let p = 0; p < leftCount; p++) {
    const want = (leftPositions[p]! >>> 1) + 1
    while (q < rightCount && rightPositions[q]! >>> 1 < want) q++
    if (q < rightCount && rightPositions[q]! >>> 1 === want) pairs++
  }
  return pairs
}
