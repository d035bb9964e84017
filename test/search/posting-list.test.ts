import { describe, expect, it } from 'vitest'
import { findEntry, forEachEntry, PostingList, SKIP_EVERY } from '../../src/common/search/posting-list'

/**
 * A unit's entry is found from the list's skip points (posting-list.ts), for a list built by
 * appending and for one loaded from its saved bytes: the same count and position offset that
 * reading the list from its start gives, and nothing for a unit the list does not hold.
 */
function listOf(units: readonly number[]): PostingList {
  const list = new PostingList()
  list.trackSkips()
  // Position counts vary (1 to 4) so that entries differ in length.
  for (const unit of units) list.append(unit, Array.from({ length: 1 + (unit % 4) }, (_, i) => 3 * i + (unit % 5)))
  return list
}

function expectEveryUnitFound(list: PostingList, held: readonly number[], upTo: number): void {
  const expected = new Map<number, [number, number]>()
  forEachEntry(list, (unit, count, offset) => expected.set(unit, [count, offset]))
  expect([...expected.keys()]).toEqual(held)
  const out = new Int32Array(2)
  for (let unit = 0; unit <= upTo; unit++) {
    const want = expected.get(unit)
    expect(findEntry(list, unit, out), `unit ${unit}`).toBe(want !== undefined)
    if (want !== undefined) expect(Array.from(out), `unit ${unit}`).toEqual(want)
  }
}

describe('finding one unit in a posting list', () => {
  const units = Array.from({ length: 10 * SKIP_EVERY + 3 }, (_, i) => 2 * i + (i % 3 === 0 ? 1 : 0) + Math.floor(i / 7) * 40)

  it('uses skip points recorded while appending', () => {
    const list = listOf(units)
    expect(list.skipCount).toBe(Math.floor((units.length - 1) / SKIP_EVERY))
    expectEveryUnitFound(list, units, units.at(-1)! + 5)
  })

  it('records the same skip points for a loaded list when a unit is first looked up, also after appends', () => {
    const saved = listOf(units.slice(0, 5 * SKIP_EVERY + 1))
    const loaded = PostingList.lazy(() => saved.view().slice(), saved.length, saved.lastUnit, saved.entries, saved.occurrences)
    expect(loaded.unread).toBe(true)
    for (const unit of units.slice(5 * SKIP_EVERY + 1)) loaded.append(unit, Array.from({ length: 1 + (unit % 4) }, (_, i) => 3 * i + (unit % 5)))
    expect(loaded.skips).toBeNull()
    expectEveryUnitFound(loaded, units, units.at(-1)! + 5)
    const built = listOf(units)
    expect(Array.from(loaded.skips!.subarray(0, 2 * loaded.skipCount))).toEqual(Array.from(built.skips!.subarray(0, 2 * built.skipCount)))
  })

  it('records skip points for the entries already there when asked to keep them', () => {
    const untracked = new PostingList()
    for (const unit of units.slice(0, 3 * SKIP_EVERY)) untracked.append(unit, [unit % 7])
    expect(untracked.skips).toBeNull()
    untracked.trackSkips()
    expect(untracked.skipCount).toBe(2)
    for (const unit of units.slice(3 * SKIP_EVERY)) untracked.append(unit, [unit % 7])
    expect(untracked.skipCount).toBe(Math.floor((units.length - 1) / SKIP_EVERY))
    expectEveryUnitFound(untracked, units, units.at(-1)! + 5)
  })

  it('finds units in a list too short for skip points, and none in an empty one', () => {
    expectEveryUnitFound(listOf([4, 9, 10]), [4, 9, 10], 12)
    expect(findEntry(new PostingList(), 0, new Int32Array(2))).toBe(false)
  })
})

describe('appending to a loaded list', () => {
  it('does not read the list, and reading it afterwards gives the bytes of a list built whole', () => {
    const units = Array.from({ length: 3 * SKIP_EVERY }, (_, i) => 3 * i + (i % 2))
    const saved = listOf(units.slice(0, 2 * SKIP_EVERY))
    let reads = 0
    const loaded = PostingList.lazy(
      () => {
        reads++
        return saved.view().slice()
      },
      saved.length,
      saved.lastUnit,
      saved.entries,
      saved.occurrences,
    )
    for (const unit of units.slice(2 * SKIP_EVERY)) loaded.append(unit, Array.from({ length: 1 + (unit % 4) }, (_, i) => 3 * i + (unit % 5)))
    expect(reads).toBe(0)
    expect(loaded.unread).toBe(true)
    const built = listOf(units)
    expect([loaded.length, loaded.entries, loaded.occurrences, loaded.lastUnit]).toEqual([built.length, built.entries, built.occurrences, built.lastUnit])
    expect(loaded.view()).toEqual(built.view())
    expect(reads).toBe(1)
    expectEveryUnitFound(loaded, units, units.at(-1)! + 3)
  })
})
