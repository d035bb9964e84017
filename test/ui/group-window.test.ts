import { describe, expect, it } from 'vitest'
import { groupAt, groupLayout, groupOfRow, groupWindow } from '../../src/ui/lib/group-window'

describe('the Themes view row window (groups of rows)', () => {
  const layout = groupLayout([2, 0, 3], 40, 100)

  it('lays groups out from their sizes alone', () => {
    expect(Array.from(layout.tops)).toEqual([0, 240, 280, 620])
    expect(Array.from(layout.starts)).toEqual([0, 2, 2, 5])
    expect(groupAt(layout, 0)).toBe(0)
    expect(groupAt(layout, 239)).toBe(0)
    expect(groupAt(layout, 260)).toBe(1)
    expect(groupAt(layout, 10_000)).toBe(2)
    expect([0, 1, 2, 3, 4].map((row) => groupOfRow(layout, row))).toEqual([0, 0, 2, 2, 2])
  })

  it('puts in the DOM the rows in view, and each shown row’s group header', () => {
    // The view shows pixels 300-400: the third group's header (280-320) and its first row (320-420).
    expect(groupWindow(layout, 300, 100, 0)).toEqual([{ group: 2, top: 280, height: 340, first: 0, end: 1 }])
    // Scrolled into the middle of the third group: its header stays, with only the rows in view.
    expect(groupWindow(layout, 500, 50, 0)).toEqual([{ group: 2, top: 280, height: 340, first: 1, end: 3 }])
    expect(groupWindow(layout, 0, 620, 0).map((slice) => [slice.group, slice.first, slice.end])).toEqual([[0, 0, 2], [1, 0, 0], [2, 0, 3]])
    expect(groupWindow(groupLayout([], 40, 100), 0, 500, 100)).toEqual([])
  })

  it('keeps the DOM small at 100,000 rows and reaches the last one', () => {
    const big = groupLayout(Array.from({ length: 10_000 }, () => 10), 56, 120)
    const height = big.tops.at(-1)!
    const end = groupWindow(big, height - 800, 800, 400)
    expect(end.at(-1)).toMatchObject({ group: 9_999, end: 10 })
    const rows = end.reduce((sum, slice) => sum + slice.end - slice.first, 0)
    expect(rows).toBeLessThan(20)
  })
})
