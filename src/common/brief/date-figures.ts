import type { PartialDate } from '../model/article'
import { allMatches } from './all-matches'
import { alternation, MONTHS, YEAR_PREPOSITIONS } from './figure-vocabulary'

/**
 * Dates quoted in a passage, as figures: a day, a month, a quarter, a year or a range of days, each
 * normalised to partial ISO dates (`from` and `to`; equal for a single day, month or year).
 *
 * Recognised (Vietnamese day/month order; English in either order):
 *   17/4/2023 · 17-21/4/2023 · 17 đến 21/4/2023 · 28/2-3/3/2024 · 17 tháng 4 năm 2023
 *   tháng 11/2024 · tháng 11 năm 2024 · quý I/2023 · quý 1 năm 2023 · Q1 2023
 *   năm 2027 · 17 April 2023 · 17-21 April 2023 · April 17, 2023 · April 2023
 *   first quarter of 2023 · in 2027 / by 2025 / since 2006 (the preposition stays out of the text)
 * Not recognised, on purpose: a day without a year ("ngày 17/4"), a bare number ("APEC 2027",
 * "Nghị định 15/2023"), month/day/year order ("4/17/2023" is not a valid day/month date and is
 * skipped; "4/5/2023" reads as 4 May). Every date is checked against the calendar (no 31/4).
 */
export interface DateMatch {
  readonly start: number
  readonly end: number
  readonly from: PartialDate
  readonly to: PartialDate
}

const SP = '[ \\u00A0]'
// Not inside a word or a longer number, before and after.
const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}]|\\p{N}[.,/-])'
const AFTER = '(?![\\p{L}\\p{M}\\p{N}]|[.,/-]\\p{N}|/)'
const DASH = `(?:${SP}?[-–]${SP}?|${SP}(?:đến|tới|to)${SP}(?:ngày${SP})?)`
const MONTH = `(${alternation(MONTHS.keys())})\\.?`
const ROMAN_QUARTERS: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 }
const ORDINAL_QUARTERS: Readonly<Record<string, number>> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 }

type Build = (groups: readonly (string | undefined)[]) => { from: PartialDate; to: PartialDate } | null

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function day(year: string | undefined, month: string | number | undefined, dayOfMonth: string | undefined): PartialDate | null {
  const y = Number(year)
  const m = Number(month)
  const d = Number(dayOfMonth)
  if (!Number.isInteger(y) || y < 1000 || y > 2999 || !(m >= 1 && m <= 12) || !(d >= 1)) return null
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= daysInMonth ? `${y}-${pad(m)}-${pad(d)}` : null
}

function month(year: string | undefined, monthOfYear: string | number | undefined): PartialDate | null {
  const y = Number(year)
  const m = Number(monthOfYear)
  return Number.isInteger(y) && y >= 1000 && y <= 2999 && m >= 1 && m <= 12 ? `${y}-${pad(m)}` : null
}

function year(value: string | undefined): PartialDate | null {
  const y = Number(value)
  // A bare year only in the range where a four-digit number after "năm"/"in" is surely a year.
  return Number.isInteger(y) && y >= 1900 && y <= 2100 ? String(y) : null
}

function span(from: PartialDate | null, to: PartialDate | null = from): { from: PartialDate; to: PartialDate } | null {
  return from !== null && to !== null && from <= to ? { from, to } : null
}

function monthNumber(name: string | undefined): number | undefined {
  return name === undefined ? undefined : MONTHS.get(name.toLowerCase())
}

function quarter(q: number | undefined, y: string | undefined): { from: PartialDate; to: PartialDate } | null {
  if (q === undefined) return null
  return span(month(y, q * 3 - 2), month(y, q * 3))
}

// Each pattern with a cheap test the text must pass first: most passages hold no date, and a
// pattern that starts with a word list is slow to try at every position.
const SLASH = /\//
const MONTH_NAME = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i
const PATTERNS: readonly (readonly [RegExp, RegExp, Build])[] = [
  // 28/2-3/3/2024
  [SLASH, new RegExp(`${BEFORE}(\\d{1,2})/(\\d{1,2})${DASH}(\\d{1,2})/(\\d{1,2})/(\\d{4})${AFTER}`, 'giu'), ([d1, m1, d2, m2, y]) => span(day(y, m1, d1), day(y, m2, d2))],
  // 17-21/4/2023, 17 đến 21/4/2023
  [SLASH, new RegExp(`${BEFORE}(\\d{1,2})${DASH}(\\d{1,2})/(\\d{1,2})/(\\d{4})${AFTER}`, 'giu'), ([d1, d2, m, y]) => span(day(y, m, d1), day(y, m, d2))],
  // 17/4/2023
  [SLASH, new RegExp(`${BEFORE}(\\d{1,2})/(\\d{1,2})/(\\d{4})${AFTER}`, 'giu'), ([d, m, y]) => span(day(y, m, d))],
  // 17 tháng 4 năm 2023, 3 tháng 10, 2024
  [/tháng/i, new RegExp(`${BEFORE}(\\d{1,2})${SP}tháng${SP}(\\d{1,2})(?:,${SP}|${SP}năm${SP}|/)(\\d{4})${AFTER}`, 'giu'), ([d, m, y]) => span(day(y, m, d))],
  // tháng 11/2024, tháng 11 năm 2024
  [/tháng/i, new RegExp(`${BEFORE}tháng${SP}(\\d{1,2})(?:/|-|${SP}năm${SP}|,${SP})(\\d{4})${AFTER}`, 'giu'), ([m, y]) => span(month(y, m))],
  // quý I/2023, quý 1 năm 2023
  [
    /quý/i,
    new RegExp(`${BEFORE}quý${SP}(IV|I{1,3}|[1-4])(?:/|-|${SP}năm${SP}|${SP})(\\d{4})${AFTER}`, 'giu'),
    ([q, y]) => quarter(ROMAN_QUARTERS[q?.toLowerCase() ?? ''] ?? Number(q), y),
  ],
  // Q1 2023, Q1/2023
  [/Q[1-4]/, new RegExp(`${BEFORE}Q([1-4])(?:/|-|${SP})(\\d{4})${AFTER}`, 'gu'), ([q, y]) => quarter(Number(q), y)],
  // first quarter of 2023
  [
    /quarter/i,
    new RegExp(`${BEFORE}(first|second|third|fourth|1st|2nd|3rd|4th)${SP}quarter(?:${SP}of)?,?${SP}(\\d{4})${AFTER}`, 'giu'),
    ([q, y]) => quarter(ORDINAL_QUARTERS[q?.toLowerCase() ?? ''], y),
  ],
  // 17 April 2023, 17-21 April 2023
  [
    MONTH_NAME,
    new RegExp(`${BEFORE}(\\d{1,2})(?:${DASH}(\\d{1,2}))?${SP}${MONTH},?${SP}(\\d{4})${AFTER}`, 'giu'),
    ([d1, d2, m, y]) => span(day(y, monthNumber(m), d1), day(y, monthNumber(m), d2 ?? d1)),
  ],
  // April 17, 2023, April 17-21, 2023
  [
    MONTH_NAME,
    new RegExp(`${BEFORE}${MONTH}${SP}(\\d{1,2})(?:${DASH}(\\d{1,2}))?,?${SP}(\\d{4})${AFTER}`, 'giu'),
    ([m, d1, d2, y]) => span(day(y, monthNumber(m), d1), day(y, monthNumber(m), d2 ?? d1)),
  ],
  // April 2023
  [MONTH_NAME, new RegExp(`${BEFORE}${MONTH},?${SP}(\\d{4})${AFTER}`, 'giu'), ([m, y]) => span(month(y, monthNumber(m)))],
  // năm 2027
  [/năm/i, new RegExp(`${BEFORE}năm${SP}(\\d{4})${AFTER}`, 'giu'), ([y]) => span(year(y))],
]

// "in 2027": the year alone is the figure; the preposition only vouches for it. The digits come
// first in the pattern (a digit is quick to look for), the preposition is checked behind them.
const PREPOSITION_YEAR = new RegExp(
  `(\\d{4})(?<=(?<![\\p{L}\\p{M}\\p{N}])(?:${alternation(YEAR_PREPOSITIONS)})${SP}\\d{4})${AFTER}`,
  'giu',
)

/** Every date in `text`, possibly overlapping (the caller keeps the longest). */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = []
  for (const [hint, pattern, build] of PATTERNS) {
    if (!hint.test(text)) continue
    for (const match of allMatches(pattern, text)) {
      const dates = build(match.slice(1))
      if (dates) found.push({ start: match.index, end: match.index + match[0].length, ...dates })
    }
  }
  for (const match of allMatches(PREPOSITION_YEAR, text)) {
    const dates = span(year(match[1]))
    if (dates) found.push({ start: match.index, end: match.index + 4, ...dates })
  }
  return found
}
