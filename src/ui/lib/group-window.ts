/**
 * The row window of a list in groups (the Themes view: article headers, each with its passages),
 * where every header has one height and each row its own (a short quote without a note is lower
 * than a long one with a note). Like row-window.ts, only what is in view and a margin either side
 * goes into the DOM; the layout needs only the groups' sizes and a height per row (estimated
 * until the row is measured), so the service can send those first and the rows page by page.
 */
export interface GroupLayout {
  readonly headerHeight: number
  /** Pixel top of each group, and one more entry: the whole list's height. */
  readonly tops: Float64Array
  /** Index of each group's first row in the whole list, and one more entry: the row count. */
  readonly starts: Uint32Array
  /** The rows' heights summed: row i starts `rowTops[i] - rowTops[its group's first row]` below its group's rows' top. */
  readonly rowTops: Float64Array
}

/** What of one group is in the DOM: its header (always, so each shown row has its heading) and rows [first, end). */
export interface GroupSlice {
  readonly group: number
  readonly top: number
  readonly height: number
  readonly first: number
  readonly end: number
}

/**
 * `rowHeight`: one height for every row, the height of row `index` of the whole list, or every
 * row's height in an array (the Themes view: one pass over plain numbers for 100,000 rows).
 */
export function groupLayout(sizes: ArrayLike<number>, headerHeight: number, rowHeight: number | ((index: number) => number) | ArrayLike<number>): GroupLayout {
  let total = 0
  for (let i = 0; i < sizes.length; i++) total += sizes[i]!
  const rowTops = new Float64Array(total + 1)
  if (typeof rowHeight === 'number') for (let i = 0; i < total; i++) rowTops[i + 1] = rowTops[i]! + rowHeight
  else if (typeof rowHeight === 'function') for (let i = 0; i < total; i++) rowTops[i + 1] = rowTops[i]! + rowHeight(i)
  else for (let i = 0; i < total; i++) rowTops[i + 1] = rowTops[i]! + (rowHeight[i] ?? 0)
  const tops = new Float64Array(sizes.length + 1)
  const starts = new Uint32Array(sizes.length + 1)
  for (let i = 0; i < sizes.length; i++) {
    starts[i + 1] = starts[i]! + sizes[i]!
    tops[i + 1] = tops[i]! + headerHeight + rowTops[starts[i + 1]!]! - rowTops[starts[i]!]!
  }
  return { headerHeight, tops, starts, rowTops }
}

/** The top of row `row` of `group`, from the top of the group's rows. */
export function rowOffset(layout: GroupLayout, group: number, row: number): number {
  const first = layout.starts[group]!
  return layout.rowTops[first + row]! - layout.rowTops[first]!
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
    const firstRow = layout.starts[group]!
    const size = layout.starts[group + 1]! - firstRow
    // Pixel positions in the whole list's row sums, where this group's rows start at rowTops[firstRow].
    const base = layout.rowTops[firstRow]! - (groupTop + layout.headerHeight)
    // The first row ending below `top`, and the first row starting at or below `bottom`.
    const first = Math.min(size, countBelow(layout.rowTops, firstRow + 1, firstRow + size + 1, top + base, true))
    const end = Math.min(size, Math.max(first, countBelow(layout.rowTops, firstRow, firstRow + size, bottom + base, false)))
    slices.push({ group, top: groupTop, height: layout.tops[group + 1]! - groupTop, first, end })
  }
  return slices
}

/** How many of sums[from, to) (ascending) are below `y`, or at it too with `orAt`: a binary search. */
function countBelow(sums: Float64Array, from: number, to: number, y: number, orAt: boolean): number {
  let low = from
  let high = to
  while (low < high) {
    const middle = (low + high) >> 1
    if (sums[middle]! < y || (orAt && sums[middle] === y)) low = middle + 1
    else high = middle
  }
  return low - from
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

/** The pixel top of row `index` of the whole list (its group's header above it). */
export function rowTop(layout: GroupLayout, index: number): number {
  const group = groupOfRow(layout, index)
  return layout.tops[group]! + layout.headerHeight + layout.rowTops[index]! - layout.rowTops[layout.starts[group]!]!
}
