/**
 * The row window of a list in groups (the Themes view: article headers, each with its passages),
 * where every header has one height and every row another. Like row-window.ts, only what is in
 * view and a margin either side goes into the DOM; the layout needs only the groups' sizes, so the
 * service can send those first and the rows page by page.
 */
export interface GroupLayout {
  readonly headerHeight: number
  readonly rowHeight: number
  /** Pixel top of each group, and one more entry: the whole list's height. */
  readonly tops: Float64Array
  /** Index of each group's first row in the whole list, and one more entry: the row count. */
  readonly starts: Uint32Array
}

/** What of one group is in the DOM: its header (always, so each shown row has its heading) and rows [first, end). */
export interface GroupSlice {
  readonly group: number
  readonly top: number
  readonly height: number
  readonly first: number
  readonly end: number
}

export function groupLayout(sizes: readonly number[], headerHeight: number, rowHeight: number): GroupLayout {
  const tops = new Float64Array(sizes.length + 1)
  const starts = new Uint32Array(sizes.length + 1)
  sizes.forEach((size, i) => {
    tops[i + 1] = tops[i]! + headerHeight + size * rowHeight
    starts[i + 1] = starts[i]! + size
  })
  return { headerHeight, rowHeight, tops, starts }
}

/** The groups and rows within [scrollTop - margin, scrollTop + viewportHeight + margin). */
export function groupWindow(layout: GroupLayout, scrollTop: number, viewportHeight: number, margin: number): GroupSlice[] {
  const groups = layout.tops.length - 1
  if (groups <= 0) return []
  const top = Math.max(0, scrollTop - margin)
  const bottom = Math.max(top, scrollTop + Math.max(0, viewportHeight) + margin)
  const slices: GroupSlice[] = []
  for (let group = groupAt(layout, top); group < groups && layout.tops[group]! < bottom; group++) {
    const groupTop = layout.tops[group]!
    const size = layout.starts[group + 1]! - layout.starts[group]!
    const rowsTop = groupTop + layout.headerHeight
    const first = Math.min(size, Math.max(0, Math.floor((top - rowsTop) / layout.rowHeight)))
    const end = Math.min(size, Math.max(first, Math.ceil((bottom - rowsTop) / layout.rowHeight)))
    slices.push({ group, top: groupTop, height: layout.tops[group + 1]! - groupTop, first, end })
  }
  return slices
}

/** The group at pixel `y`: the last whose top is at or above it (binary search). */
export function groupAt(layout: GroupLayout, y: number): number {
  let low = 0
  let high = layout.tops.length - 2
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (layout.tops[middle]! <= y) low = middle
    else high = middle - 1
  }
  return Math.max(0, low)
}

/** The group holding row `index` of the whole list. */
export function groupOfRow(layout: GroupLayout, index: number): number {
  let low = 0
  let high = layout.starts.length - 2
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (layout.starts[middle]! <= index) low = middle
    else high = middle - 1
  }
  return Math.max(0, low)
}
