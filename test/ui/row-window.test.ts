import { describe, expect, it } from 'vitest'
import { OVERSCAN_ROWS, rowWindow, scrollToRow } from '../../src/ui/lib/row-window'

describe('the library list row window', () => {
  it('puts only the rows in view and a few either side in the DOM, whatever the list length', () => {
    const top = rowWindow(100_000, 84, 0, 840)
    expect(top).toEqual({ start: 0, end: 10 + OVERSCAN_ROWS, offset: 0, height: 8_400_000 })
    const middle = rowWindow(100_000, 84, 84 * 50_000, 840)
    expect(middle.start).toBe(50_000 - OVERSCAN_ROWS)
    expect(middle.end).toBe(50_010 + OVERSCAN_ROWS)
    expect(middle.offset).toBe(middle.start * 84)
  })

  it('reaches the last row at the end of the scroll range, and never past it', () => {
    const end = rowWindow(100_000, 84, 8_400_000 - 840, 840)
    expect(end.end).toBe(100_000)
    expect(end.start).toBe(100_000 - 10 - OVERSCAN_ROWS)
    expect(rowWindow(100_000, 84, 99_999_999, 840)).toMatchObject({ start: 100_000, end: 100_000 })
    expect(rowWindow(0, 84, 0, 840)).toEqual({ start: 0, end: 0, offset: 0, height: 0 })
  })

  it('scrolls as little as needed to show a row', () => {
    expect(scrollToRow(5, 84, 0, 840)).toBe(0)
    expect(scrollToRow(99_999, 84, 0, 840)).toBe(100_000 * 84 - 840)
    expect(scrollToRow(0, 84, 84 * 500, 840)).toBe(0)
  })
})
