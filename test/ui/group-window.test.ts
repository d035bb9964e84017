import { describe, expect, it } from 'vitest'
import { groupAt, groupLayout, groupOfRow, groupWindow, rowOffset, rowTop } from '../../src/ui/lib/group-window'

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

describe('rows of their own heights (a short passage without a note is lower)', () => {
  // Two groups: rows of 60, 120 | 60, 60, 150; headers of 40.
  const heights = [60, 120, 60, 60, 150]
  const layout = groupLayout([2, 3], 40, (index) => heights[index]!)

  it('lays groups and rows out from each row’s height', () => {
    expect(Array.from(layout.tops)).toEqual([0, 220, 530])
    expect([0, 1, 2, 3, 4].map((row) => rowTop(layout, row))).toEqual([40, 100, 260, 320, 380])
    expect([0, 1, 2].map((row) => rowOffset(layout, 1, row))).toEqual([0, 60, 120])
  })

  it('puts in the DOM exactly the rows the view crosses', () => {
    // Pixels 330-370 lie in the second group's second row (320-380) alone.
    expect(groupWindow(layout, 330, 40, 0)).toEqual([{ group: 1, top: 220, height: 310, first: 1, end: 2 }])
    // 100-261: the first group's second row (100-220), then the second group's header and first row (260-320).
    expect(groupWindow(layout, 100, 161, 0).map((slice) => [slice.group, slice.first, slice.end])).toEqual([[0, 1, 2], [1, 0, 1]])
    // A row ending exactly where the view starts is not shown; one starting where it ends is not either.
    expect(groupWindow(layout, 380, 150, 0)).toEqual([{ group: 1, top: 220, height: 310, first: 2, end: 3 }])
  })

  it('agrees with one height for every row when all are equal', () => {
    const same = groupLayout([2, 0, 3], 40, () => 100)
    const fixed = groupLayout([2, 0, 3], 40, 100)
    expect(Array.from(same.tops)).toEqual(Array.from(fixed.tops))
    for (const top of [0, 150, 300, 455, 600]) expect(groupWindow(same, top, 120, 30)).toEqual(groupWindow(fixed, top, 120, 30))
  })

  it('takes the heights as an array too (the Themes view), with the sizes in a typed array', () => {
    const fromArray = groupLayout(Uint32Array.from([2, 3]), 40, Float64Array.from(heights))
    expect(Array.from(fromArray.tops)).toEqual(Array.from(layout.tops))
    expect(Array.from(fromArray.rowTops)).toEqual(Array.from(layout.rowTops))
    expect(Array.from(fromArray.starts)).toEqual(Array.from(layout.starts))
  })
})
