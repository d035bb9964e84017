import type { PostingList } from './posting-list'
import { VarintBytes } from './varint-bytes'

/**
 * A folded key's spellings in one list: for every unit holding any of them, which ones and how
 * often. "vien" is "viễn", "viên" and "viện": three posting lists, 46,700 entries over 25,000
 * units at 10,000 articles. Matching the word used to decode the three lists, add their counts up
 * per unit in dense arrays and sweep the whole unit range back into order, the slowest step of a
 * query that meets such a word for the first time. This list gives the same per-unit counts in
 * unit order, in one read of half as many entries. It holds no positions: those stay in each
 * spelling's posting list, read only for the units that need them (clause-match.ts).
 *
 * An entry is: unitDelta, a mask of the spellings present (bit i = the term's i-th spelling),
 * then the count of each spelling present, lowest bit first; all variable-length integers.
 * Only terms of 2 to MAX_MERGED_SPELLINGS spellings have one (the mask must fit a small integer).
 */
export const MAX_MERGED_SPELLINGS = 28

export class MergedPostings extends VarintBytes {
  protected get kind(): string {
    return 'merged posting list'
  }

  constructor(bytes: Uint8Array | null = new Uint8Array(16), length = 0, lastUnit = -1, entries = 0) {
    super(bytes, length, lastUnit, entries)
  }

  /** A list whose `length` bytes `load` reads when the list is first touched. */
  static lazy(load: () => Uint8Array, length: number, lastUnit: number, entries: number): MergedPostings {
    const list = new MergedPostings(null, length, lastUnit, entries)
    list.loadLater(load)
    return list
  }

  /** Appends one unit: `mask` says which spellings occur in it, `counts[i]` how often spelling i does. */
  append(unit: number, mask: number, counts: ArrayLike<number>): void {
    if (unit <= this.lastUnit) throw new Error(`merged posting units must grow: ${unit} after ${this.lastUnit}`)
    if (mask <= 0 || mask >= 2 ** MAX_MERGED_SPELLINGS) throw new Error(`bad spelling mask ${mask}`)
    this.reserve(10 + 5 * MAX_MERGED_SPELLINGS)
    this.writeVarint(unit - this.lastUnit)
    this.writeVarint(mask)
    for (let rest = mask; rest !== 0; rest &= rest - 1) this.writeVarint(counts[31 - Math.clz32(rest & -rest)]!)
    this.lastUnit = unit
    this.entries++
  }

}

/**
 * The merged list of `lists` (a term's spellings, in order), built from scratch: when a term
 * gains its second spelling, after compaction, and to check an incrementally built one. Plain
 * loops, no callbacks: it may run for a key of tens of thousands of entries before V8 has
 * compiled it (the first update that brings a new spelling).
 */
export function mergeSpellings(lists: readonly PostingList[]): MergedPostings {
  const k = lists.length
  let total = 0
  for (let s = 0; s < k; s++) total += lists[s]!.entries
  // Every list decoded into one pair of arrays, list s at [from[s], from[s + 1]).
  const units = new Int32Array(total)
  const counts = new Int32Array(total)
  const from = new Int32Array(k + 1)
  for (let s = 0; s < k; s++) from[s + 1] = from[s]! + decodeUnits(lists[s]!, units, counts, from[s]!)
  const merged = new MergedPostings(new Uint8Array(Math.max(16, 4 * total)))
  const cursors = from.slice(0, k)
  const unitCounts = new Int32Array(k)
  for (;;) {
    let unit = 0x7fffffff
    for (let s = 0; s < k; s++) if (cursors[s]! < from[s + 1]! && units[cursors[s]!]! < unit) unit = units[cursors[s]!]!
    if (unit === 0x7fffffff) return merged
    let mask = 0
    for (let s = 0; s < k; s++) {
      if (cursors[s]! < from[s + 1]! && units[cursors[s]!] === unit) {
        mask |= 1 << s
        unitCounts[s] = counts[cursors[s]!]!
        cursors[s]!++
      }
    }
    merged.append(unit, mask, unitCounts)
  }
}

/** Writes the list's units and counts at `at` on; returns how many entries. */
function decodeUnits(list: PostingList, units: Int32Array, counts: Int32Array, at: number): number {
  const bytes = list.bytes
  let offset = 0
  let unit = -1
  let n = at
  while (offset < list.length) {
    let value = 0
    let shift = 0
    let byte: number
    do {
      byte = bytes[offset++]!
      value |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    unit += value
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
    units[n] = unit
    counts[n] = count
    n++
    offset += blockBytes
  }
  return n - at
}
