import { VarintBytes } from './varint-bytes'

/**
 * One posting list: for every unit (an indexed field of an article, see unit-table.ts) holding
 * one spelling of a term, how often and where. Stored as variable-length integers in a growable
 * byte array: several times smaller than arrays of numbers, appended to in place, and saved as is.
 *
 * An entry is: unitDelta, count, byteLength, then `count` position deltas taking `byteLength`
 * bytes. Ranking reads the first three and jumps over the positions; positions are decoded only
 * where they are needed (phrases, adjacency bonuses, snippets), from the remembered offset.
 *
 * Unit ids only grow: a list is only ever appended to. Removing an article marks its units dead;
 * the index drops them from the lists when it compacts.
 *
 * The lists of a term of several spellings remember every SKIP_EVERY-th entry as a skip point
 * (the unit before it, its byte offset), so that one unit's entry is found without decoding the
 * list from its start (`findEntry`): such a word is ranked from its merged list
 * (merged-postings.ts) and reads its spellings' positions only for the few units that need them.
 * The index asks for them when a term gets its second spelling (`trackSkips`: one pass over the
 * list, then kept up as entries are appended); a loaded list records them the first time a unit
 * is looked up in it. Other lists have none (no memory spent), and skip points are never saved.
 */
export const SKIP_EVERY = 16

export class PostingList extends VarintBytes {
  protected get kind(): string {
    return 'posting list'
  }

  occurrences: number
  /** Skip points, (unit before the entry, byte offset of the entry) pairs; null until the list has SKIP_EVERY + 1 entries. */
  skips: Int32Array | null = null
  skipCount = 0
  /** Whether skip points are recorded and kept up (see trackSkips). */
  private skipsRecorded = false

  constructor(bytes: Uint8Array | null = new Uint8Array(16), length = 0, lastUnit = -1, entries = 0, occurrences = 0) {
    super(bytes, length, lastUnit, entries)
    this.occurrences = occurrences
  }

  /** A list whose `length` bytes `load` reads when the list is first touched: opening stays fast. */
  static lazy(load: () => Uint8Array, length: number, lastUnit: number, entries: number, occurrences: number): PostingList {
    const list = new PostingList(null, length, lastUnit, entries, occurrences)
    list.loadLater(load)
    return list
  }

  /** Records skip points from now on, and for the entries already there (one pass, once). */
  trackSkips(): void {
    if (!this.skipsRecorded) this.recordSkips()
  }

  /** The skip points, recorded first if they were not: (unit before, offset) pairs, skipCount of them. */
  skipPoints(): Int32Array | null {
    this.trackSkips()
    return this.skips
  }

  private recordSkips(): void {
    this.skipsRecorded = true
    const bytes = this.bytes
    let offset = 0
    let unit = -1
    let entry = 0
    while (offset < this.length) {
      if (entry > 0 && entry % SKIP_EVERY === 0) this.addSkip(unit, offset)
      let value = 0
      let shift = 0
      let byte: number
      do {
        byte = bytes[offset++]!
        value |= (byte & 0x7f) << shift
        shift += 7
      } while (byte & 0x80)
      unit += value
      // The count, then the block's length, then the block.
      do {
        byte = bytes[offset++]!
      } while (byte & 0x80)
      value = 0
      shift = 0
      do {
        byte = bytes[offset++]!
        value |= (byte & 0x7f) << shift
        shift += 7
      } while (byte & 0x80)
      offset += value
      entry++
    }
  }

  private addSkip(unitBefore: number, offset: number): void {
    if (this.skips === null || 2 * this.skipCount === this.skips.length) {
      const grown = new Int32Array(Math.max(8, 2 * (this.skips?.length ?? 0)))
      if (this.skips !== null) grown.set(this.skips)
      this.skips = grown
    }
    this.skips[2 * this.skipCount] = unitBefore
    this.skips[2 * this.skipCount + 1] = offset
    this.skipCount++
  }

  /** Appends one unit with its positions (ascending). */
  append(unit: number, positions: readonly number[]): void {
    if (unit <= this.lastUnit) throw new Error(`posting units must grow: ${unit} after ${this.lastUnit}`)
    let blockBytes = 0
    let previous = 0
    for (const position of positions) {
      blockBytes += varintSize(position - previous)
      previous = position
    }
    this.reserve(15 + blockBytes)
    if (this.skipsRecorded && this.entries > 0 && this.entries % SKIP_EVERY === 0) this.addSkip(this.lastUnit, this.length)
    this.writeVarint(unit - this.lastUnit)
    this.writeVarint(positions.length)
    this.writeVarint(blockBytes)
    previous = 0
    for (const position of positions) {
      this.writeVarint(position - previous)
      previous = position
    }
    this.lastUnit = unit
    this.entries++
    this.occurrences += positions.length
  }

}

function varintSize(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5
}

/**
 * Decodes the `count` positions of the block at `offset` into `out` from `at`, each written as
 * (position << 1) | flag. Returns the index after the last one written.
 */
export function readPositions(list: PostingList, offset: number, count: number, flag: number, out: Int32Array | number[], at: number): number {
  const bytes = list.bytes
  let position = 0
  let next = at
  for (let i = 0; i < count; i++) {
    let value = 0
    let shift = 0
    let byte: number
    do {
      byte = bytes[offset++]!
      value |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    position += value
    out[next++] = (position << 1) | flag
  }
  return next
}

/** Visits every entry: (unit, count, offset of its position block). */
export function forEachEntry(list: PostingList, visit: (unit: number, count: number, offset: number) => void): void {
  const bytes = list.bytes
  let offset = 0
  let unit = -1
  const read = (): number => {
    let value = 0
    let shift = 0
    let byte: number
    do {
      byte = bytes[offset++]!
      value |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    return value >>> 0
  }
  while (offset < list.length) {
    unit += read()
    const count = read()
    const blockBytes = read()
    visit(unit, count, offset)
    offset += blockBytes
  }
}

/**
 * The entry of `unit`, found from the nearest skip point before it: writes its count and the
 * offset of its position block to `out`, or returns false when the list does not hold the unit.
 */
export function findEntry(list: PostingList, unit: number, out: Int32Array): boolean {
  const skips = list.skipPoints()
  const bytes = list.bytes
  // The last skip point whose unit before lies below `unit`: the entry cannot be earlier.
  let low = 0
  let high = list.skipCount
  while (low < high) {
    const middle = (low + high) >>> 1
    if (skips![2 * middle]! < unit) low = middle + 1
    else high = middle
  }
  let current = low === 0 ? -1 : skips![2 * (low - 1)]!
  let offset = low === 0 ? 0 : skips![2 * (low - 1) + 1]!
  const end = list.length
  while (offset < end) {
    let value = 0
    let shift = 0
    let byte: number
    do {
      byte = bytes[offset++]!
      value |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    current += value
    if (current > unit) return false
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
    if (current === unit) {
      out[0] = count
      out[1] = offset
      return true
    }
    offset += blockBytes
  }
  return false
}
