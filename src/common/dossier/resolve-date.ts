import type { PartialDate } from '../model/article'
import type { DateExpression } from './date-expressions'
import type { DatePrecision, DateResolution } from './types'

/**
 * Settles a date expression against the article's publication date.
 * - absolute: as written.
 * - yearless ("Ngày 3/10"): the year that puts the date nearest the publication month (an article
 *   of January speaking of "28/12" means December before it), or the first on or after it when the
 *   text says the date is coming ("5/3 tới"), the last on or before it when it says it is past.
 *   Needs a publication date with its month; otherwise left unresolved.
 * - relative year ("năm tới"): the publication year plus or minus one.
 * - derived ("kỷ niệm 30 năm" in 2024): the publication year minus the count, reasoning kept.
 * With no publication date, anything but an absolute date stays unresolved: never guessed.
 */
export interface ResolvedDate {
  readonly from: PartialDate | null
  readonly to: PartialDate | null
  readonly precision: DatePrecision
  readonly resolution: DateResolution
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function precisionOf(date: PartialDate): DatePrecision {
  return date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year'
}

function yearFor(month: number, published: PartialDate, direction: DateExpression['direction']): number {
  const publishedYear = Number(published.slice(0, 4))
  const publishedMonth = publishedYear * 12 + Number(published.slice(5, 7)) - 1
  const candidates = [publishedYear - 1, publishedYear, publishedYear + 1].map((y) => ({ y, diff: y * 12 + month - 1 - publishedMonth }))
  if (direction === 'future') return candidates.find((c) => c.diff >= 0)?.y ?? publishedYear
  if (direction === 'past') return [...candidates].reverse().find((c) => c.diff <= 0)?.y ?? publishedYear
  return [...candidates].sort((a, b) => Math.abs(a.diff) - Math.abs(b.diff) || Math.abs(a.y - publishedYear) - Math.abs(b.y - publishedYear))[0]?.y ?? publishedYear
}

export function resolveDate(expression: DateExpression, published: PartialDate | null): ResolvedDate {
  switch (expression.kind) {
    case 'absolute':
      return { from: expression.from, to: expression.to, precision: precisionOf(expression.from), resolution: { kind: 'absolute' } }
    case 'yearless': {
      const precision: DatePrecision = expression.day === null ? 'month' : 'day'
      if (published === null || published.length < 7) {
        const reason = published === null ? 'no-publication-date' : 'publication-month-unknown'
        return { from: null, to: null, precision, resolution: { kind: 'unresolved', reason } }
      }
      const y = yearFor(expression.month, published, expression.direction)
      const month = `${y}-${pad(expression.month)}`
      if (expression.day === null) return { from: month, to: month, precision, resolution: { kind: 'relative', published } }
      const days = new Date(Date.UTC(y, expression.month, 0)).getUTCDate()
      const last = expression.dayTo ?? expression.day
      if (last > days) return { from: null, to: null, precision, resolution: { kind: 'unresolved', reason: 'no-such-day' } }
      return { from: `${month}-${pad(expression.day)}`, to: `${month}-${pad(last)}`, precision, resolution: { kind: 'relative', published } }
    }
    case 'relative-year': {
      if (published === null) return { from: null, to: null, precision: 'year', resolution: { kind: 'unresolved', reason: 'no-publication-date' } }
      const y = String(Number(published.slice(0, 4)) + expression.offset)
      return { from: y, to: y, precision: 'year', resolution: { kind: 'relative', published } }
    }
    case 'derived': {
      if (published === null) {
        return { from: null, to: null, precision: 'year', resolution: { kind: 'unresolved', reason: 'no-publication-date' } }
      }
      const y = String(Number(published.slice(0, 4)) - expression.years)
      return { from: y, to: y, precision: 'year', resolution: { kind: 'derived', published, years: expression.years } }
    }
  }
}

/** Whether `date` lies after `published`, compared at the coarser of their precisions. */
export function isAfter(date: PartialDate, published: PartialDate): boolean {
  const length = Math.min(date.length, published.length)
  return date.slice(0, length) > published.slice(0, length)
}
