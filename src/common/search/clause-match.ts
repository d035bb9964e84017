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
  /** A word: the spellings' lists it was read from. */
  readonly sources: readonly Source[]
  /** A word ranked from its merged list instead (no sources): its spellings' lists, where positions are looked up unit by unit. */
  readonly spellings: Spellings | null
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
 * A word of several spellings ranked from their merged counts (merged-postings.ts). Positions
 * (adjacency bonuses, snippets) are wanted for the units of a few articles only, so each
 * spelling's entry for such a unit is found from the list's skip points (posting-list.ts)
 * rather than decoding every spelling's entries for the whole library.
 */
export interface Spellings {
  readonly lists: readonly PostingList[]
  /** Per list, 1 when the spelling matches the query's accents (see Source.flag). */
  readonly flags: readonly number[]
  /** Per match entry k, which lists hold its unit (bit s = lists[s]), from the merged list: only those are looked up. */
  readonly masks: Int32Array
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
  spellings: Spellings | null = null,
): ClauseMatch {
  return { count, units, scores, idf, width, sources, spellings, posStart, positions }
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
