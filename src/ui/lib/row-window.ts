/**
 * Which rows of a long list of equal-height rows to put in the DOM: the ones in view and a few
 * either side (so a fast scroll shows rows, not blanks). A library of 100,000 articles then keeps
 * a few dozen list items in the document, whatever its size; the list's full height is kept by
 * the container, so the scroll bar still measures the whole library.
 */
export interface RowWindow {
  /** First row in the DOM. */
  readonly start: number
  /** One past the last row in the DOM. */
  readonly end: number
  /** Pixels above the first row in the DOM. */
  readonly offset: number
  /** Pixels of the whole list. */
  readonly height: number
}

export const OVERSCAN_ROWS = 8

export function rowWindow(count: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = OVERSCAN_ROWS): RowWindow {
  const top = Math.max(0, scrollTop)
  const start = Math.min(count, Math.max(0, Math.floor(top / rowHeight) - overscan))
  const end = Math.min(count, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan)
  return { start, end: Math.max(start, end), offset: start * rowHeight, height: count * rowHeight }
}

/** The scroll position that brings row `index` fully into view, moving as little as possible. */
export function scrollToRow(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const top = index * rowHeight
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight
  return scrollTop
}
