import type { PartialDate } from '../model/article'
import { translate, type Locale } from '../i18n/translate'

/**
 * The one way a brief writes a date, in the brief's language, wherever it prints one: footnotes and
 * the source list, the title block, key figures, Chronology rows and What's new. "3 October 2024" /
 * "3 tháng 10 năm 2024", "October 2024" / "tháng 10 năm 2024", "2024" / "năm 2024": the precision
 * the source gave (a month stays a month). A range shares what its ends share: "17–21 April 2023" /
 * "17–21 tháng 4 năm 2023". Vietnamese months are numbers, so the words come from the message
 * catalogue rather than Intl (whose vi-VN style, "3 tháng 10, 2024", differs from the one a
 * Vietnamese brief uses). Numbers are passed as strings, so that no digit grouping creeps in.
 */
const monthNames = new Map<Locale, string[]>()

function monthName(month: number, locale: Locale): string {
  if (locale === 'vi') return String(month)
  let names = monthNames.get(locale)
  if (names === undefined) {
    const format = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' })
    names = Array.from({ length: 12 }, (_, index) => format.format(new Date(Date.UTC(2000, index, 1))))
    monthNames.set(locale, names)
  }
  return names[month - 1] ?? String(month)
}

interface Parts {
  readonly year: string
  readonly month: number | undefined
  readonly day: number | undefined
}

function parts(date: PartialDate): Parts {
  const [year = '', month, day] = date.split('-')
  return { year, month: month === undefined ? undefined : Number(month), day: day === undefined ? undefined : Number(day) }
}

export function formatBriefDate(date: PartialDate, locale: Locale): string {
  const { year, month, day } = parts(date)
  if (month === undefined) return translate(locale, 'brief.date.year', { year })
  if (day === undefined) return translate(locale, 'brief.date.month', { month: monthName(month, locale), year })
  return translate(locale, 'brief.date.day', { day: String(day), month: monthName(month, locale), year })
}

/** From and to: one date, a range of days in one month, of months in one year, or two dates. */
export function formatBriefRange(from: PartialDate, to: PartialDate, locale: Locale): string {
  if (from === to) return formatBriefDate(from, locale)
  const start = parts(from)
  const end = parts(to)
  if (start.day !== undefined && end.day !== undefined && start.year === end.year && start.month === end.month && start.month !== undefined) {
    return translate(locale, 'brief.date.dayRange', { from: String(start.day), to: String(end.day), month: monthName(start.month, locale), year: start.year })
  }
  if (start.day === undefined && end.day === undefined && start.month !== undefined && end.month !== undefined && start.year === end.year) {
    return translate(locale, 'brief.date.monthRange', { from: monthName(start.month, locale), to: monthName(end.month, locale), year: start.year })
  }
  return translate(locale, 'brief.date.range', { from: formatBriefDate(from, locale), to: formatBriefDate(to, locale) })
}
