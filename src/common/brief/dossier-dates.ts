import type { PartialDate } from '../model/article'
import type { EventRow } from '../model/brief'
import { translate, type Locale } from '../i18n/translate'

/**
 * The date of a chronology row as the brief's language writes it: "3 October 2024" / "3 tháng 10
 * năm 2024", "October 2024" / "tháng 10 năm 2024", "2024" / "năm 2024", at the precision the text
 * gave (a month stays a month). A range shares what its ends share: "17–21 April 2023" / "17–21
 * tháng 4 năm 2023". A future date says it is planned, a derived one shows its reasoning ("1994
 * (30 years before 2024)"), and an unresolved one says so, with the words as written and why:
 * never a guessed date. Numbers are passed as strings, so that no digit grouping creeps in.
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

export function formatDossierDate(date: PartialDate, locale: Locale): string {
  const { year, month, day } = parts(date)
  if (month === undefined) return translate(locale, 'brief.dossier.date.year', { year })
  if (day === undefined) return translate(locale, 'brief.dossier.date.month', { month: monthName(month, locale), year })
  return translate(locale, 'brief.dossier.date.day', { day: String(day), month: monthName(month, locale), year })
}

/** From and to of a resolved row: one date, a range of days in one month, of months in one year, or two dates. */
export function formatDossierRange(from: PartialDate, to: PartialDate, locale: Locale): string {
  if (from === to) return formatDossierDate(from, locale)
  const start = parts(from)
  const end = parts(to)
  if (start.day !== undefined && end.day !== undefined && start.year === end.year && start.month === end.month && start.month !== undefined) {
    return translate(locale, 'brief.dossier.date.dayRange', { from: String(start.day), to: String(end.day), month: monthName(start.month, locale), year: start.year })
  }
  if (start.day === undefined && end.day === undefined && start.month !== undefined && end.month !== undefined && start.year === end.year) {
    return translate(locale, 'brief.dossier.date.monthRange', { from: monthName(start.month, locale), to: monthName(end.month, locale), year: start.year })
  }
  return translate(locale, 'brief.dossier.date.range', { from: formatDossierDate(from, locale), to: formatDossierDate(to, locale) })
}

/** The row's date as printed, with what the reader must know about it (planned, derived, unresolved). */
export function formatEventDate(row: Pick<EventRow, 'from' | 'to' | 'future' | 'dateText' | 'derivedYears' | 'unresolved' | 'citation'>, locale: Locale): string {
  if (row.from === null || row.unresolved !== undefined) {
    return translate(locale, 'brief.dossier.unresolved', { text: row.dateText, reason: translate(locale, `brief.dossier.reason.${row.unresolved ?? 'no-publication-date'}`) })
  }
  const date = formatDossierRange(row.from, row.to ?? row.from, locale)
  if (row.derivedYears !== undefined) {
    const year = row.citation.published?.slice(0, 4) ?? ''
    return translate(locale, 'brief.dossier.derived', { date, years: String(row.derivedYears), year })
  }
  return row.future === true ? translate(locale, 'brief.dossier.planned', { date }) : date
}
