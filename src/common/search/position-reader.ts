import type { ClauseMatch } from './clause-match'
import { findEntry, readPositions } from './posting-list'

/**
 * Positions of a match's units, decoded on demand as (position << 1) | exact, sorted, into a
 * reused buffer: `read(k)` returns how many; they are `buffer[0 .. count)` until the next read.
 * Cheapest when asked for entries in increasing order (each list keeps a cursor); any order works.
 */
export class PositionReader {
  buffer = new Int32Array(64)
  private readonly cursors: Int32Array
  /** findEntry's answer: count, offset. */
  private readonly entry = new Int32Array(2)

  constructor(private readonly match: ClauseMatch) {
    this.cursors = new Int32Array(match.sources.length)
  }

  read(k: number): number {
    return this.readAny(k, true)
  }

  /** As `read`, but the positions of several spellings are left in list order, not sorted (for callers that do not need order). */
  readUnsorted(k: number): number {
    return this.readAny(k, false)
  }

  private readAny(k: number, sorted: boolean): number {
    const match = this.match
    if (match.positions !== null && match.posStart !== null) {
      const from = match.posStart[k]!
      const count = match.posStart[k + 1]! - from
      this.reserve(count)
      this.buffer.set(match.positions.subarray(from, from + count))
      return count
    }
    if (match.spellings !== null) return this.readSpellings(k, sorted)
    const sources = match.sources
    const only = sources.length === 1 ? sources[0]! : null
    if (only !== null && only.count === match.count) {
      // One list holding exactly the match's units: entry k is the list's entry k.
      this.reserve(only.counts[k]!)
      return readPositions(only.list, only.offsets[k]!, only.counts[k]!, only.flag, this.buffer, 0)
    }
    const unit = match.units[k]!
    const cursors = this.cursors
    let count = 0
    let lists = 0
    for (let s = 0; s < sources.length; s++) {
      const source = sources[s]!
      const units = source.units
      const cursor = seek(units, source.count, cursors[s]!, unit)
      cursors[s] = cursor
      if (cursor < source.count && units[cursor] === unit) {
        this.reserve(count + source.counts[cursor]!)
        count = readPositions(source.list, source.offsets[cursor]!, source.counts[cursor]!, source.flag, this.buffer, count)
        lists++
      }
    }
    if (sorted && lists > 1) this.buffer.subarray(0, count).sort()
    return count
  }

  /** A word ranked from its merged list: each spelling's entry for the unit, from the list's skip points. */
  private readSpellings(k: number, sorted: boolean): number {
    const { lists, flags, masks } = this.match.spellings!
    const unit = this.match.units[k]!
    const entry = this.entry
    let count = 0
    let found = 0
    for (let mask = masks[k]!; mask !== 0; mask &= mask - 1) {
      const s = 31 - Math.clz32(mask & -mask)
      if (!findEntry(lists[s]!, unit, entry)) throw new Error(`unit ${unit} is missing from a spelling's list its merged list names`)
      this.reserve(count + entry[0]!)
      count = readPositions(lists[s]!, entry[1]!, entry[0]!, flags[s]!, this.buffer, count)
      found++
    }
    if (sorted && found > 1) this.buffer.subarray(0, count).sort()
    return count
  }

  private reserve(count: number): void {
    if (count <= this.buffer.length) return
    const grown = new Int32Array(Math.max(count, this.buffer.length * 2))
    grown.set(this.buffer)
    this.buffer = grown
  }
}

/**
 * The first index i >= 0 with units[i] >= unit, searched from `from`: galloping forward (cheap
 * for the short steps of an ordered walk), binary search when the target lies behind.
 */
export function seek(units: Int32Array, count: number, from: number, unit: number): number {
  if (from >= count || units[from]! >= unit) return from > 0 && units[from - 1]! >= unit ? lowerBoundIn(units, count, unit) : from
  let low = from
  let step = 1
  while (low + step < count && units[low + step]! < unit) {
    low += step
    step *= 2
  }
  return lowerBoundIn(units, Math.min(count, low + step + 1), unit, low + 1)
}

export function lowerBoundIn(units: Int32Array, count: number, unit: number, start = 0): number {
  let low = start
  let high = count
  while (low < high) {
    const middle = (low + high) >>> 1
    if (units[middle]! < unit) low = middle + 1
    else high = middle
  }
  return low
}
