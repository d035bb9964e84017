/**
 * CSS unicode-range lists ("U+0000-00FF, U+0131") as sorted, merged code point intervals, with the
 * two operations the embedded fonts need: take one list away from another, and ask whether a text
 * has a character in a list.
 */
export type Interval = readonly [first: number, last: number]

export function parseUnicodeRange(list: string): Interval[] {
  const intervals = list.split(',').map((part): Interval => {
    const match = /^\s*U\+([0-9A-F]{1,6})(?:-([0-9A-F]{1,6}))?\s*$/i.exec(part)
    if (match === null) throw new Error(`not a unicode-range: ${part.trim()}`)
    const first = parseInt(match[1]!, 16)
    return [first, match[2] === undefined ? first : parseInt(match[2], 16)]
  })
  return merge(intervals)
}

export function formatUnicodeRange(intervals: readonly Interval[]): string {
  const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0')
  return intervals.map(([first, last]) => (first === last ? `U+${hex(first)}` : `U+${hex(first)}-${hex(last)}`)).join(', ')
}

/** The code points of `from` that are not in `taken`. */
export function subtractRanges(from: readonly Interval[], taken: readonly Interval[]): Interval[] {
  let rest: Interval[] = [...from]
  for (const [cutFirst, cutLast] of taken) {
    rest = rest.flatMap(([first, last]): Interval[] => {
      if (cutLast < first || cutFirst > last) return [[first, last]]
      const kept: Interval[] = []
      if (first < cutFirst) kept.push([first, cutFirst - 1])
      if (last > cutLast) kept.push([cutLast + 1, last])
      return kept
    })
  }
  return rest
}

export function rangesCover(intervals: readonly Interval[], code: number): boolean {
  return intervals.some(([first, last]) => code >= first && code <= last)
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const [first, last] of sorted) {
    const previous = merged.at(-1)
    if (previous !== undefined && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last)
    else merged.push([first, last])
  }
  return merged
}
