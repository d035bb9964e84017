import type { PartialDate } from '../model/article'

/**
 * Periods of partial dates, compared as text: a partial date stands for its whole span, from its
 * first day ("2024-11" → 2024-11-01) to its last (→ 2024-11-31, which sorts after every real day
 * of the month and before the next month, so no calendar is needed).
 */
export function firstDay(date: PartialDate): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date
}

export function lastDay(date: PartialDate): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date
}

/** True when [from, to] overlaps the period (either end of which may be open). */
export function overlapsPeriod(from: PartialDate, to: PartialDate, period: { from?: PartialDate | undefined; to?: PartialDate | undefined }): boolean {
  if (period.from !== undefined && lastDay(to) < firstDay(period.from)) return false
  if (period.to !== undefined && firstDay(from) > lastDay(period.to)) return false
  return true
}

/**
 * Reads a date typed by the user (CLI `--from`, `--to`): YYYY, YYYY-MM or YYYY-MM-DD, a real
 * calendar date. Returns null for anything else: the caller says so, it never guesses.
 */
export function parsePeriodDate(text: string): PartialDate | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(text.trim())
  if (match === null) return null
  const [, year, month, day] = match
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return null
  if (day !== undefined) {
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
    if (date.getUTCDate() !== Number(day)) return null
  }
  return text.trim()
}
