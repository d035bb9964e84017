/**
 * Dates of partial precision as day ranges. A day is the integer YYYYMMDD, so ranges compare as
 * numbers; "2023" is 20230101..20231231, "2023-04" is 20230401..20230430.
 */
export interface DayRange {
  readonly from: number
  readonly to: number
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The days a date written YYYY, YYYY-MM or YYYY-MM-DD covers; null when it is not a real date. */
export function partialDateRange(text: string): DayRange | null {
  const match = PARTIAL_DATE.exec(text)
  if (match === null) return null
  const year = Number(match[1])
  if (match[2] === undefined) return { from: year * 10_000 + 101, to: year * 10_000 + 1231 }
  const month = Number(match[2])
  if (month < 1 || month > 12) return null
  const base = year * 10_000 + month * 100
  if (match[3] === undefined) return { from: base + 1, to: base + daysInMonth(year, month) }
  const day = Number(match[3])
  if (day < 1 || day > daysInMonth(year, month)) return null
  return { from: base + day, to: base + day }
}

export function intersect(a: DayRange, b: DayRange): DayRange {
  return { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) }
}

/** Ranges overlap: an article dated only "2023" may be from April 2023, so `date:2023-04` keeps it. */
export function overlaps(a: DayRange, b: DayRange): boolean {
  return a.from <= b.to && b.from <= a.to
}
