import type { PartialDate } from '../model/article'

/**
 * Formats a date of partial precision in the reader's language: "4 October 2024" / "4 tháng 10,
 * 2024" for a full date, "October 2024" / "tháng 10 năm 2024" for a month. Computed in UTC so that
 * the calendar day never shifts with the machine's time zone.
 */
export function formatPartialDate(date: PartialDate, locale: string): string {
  const [year, month, day] = date.split('-').map(Number)
  if (year === undefined || Number.isNaN(year)) return date
  if (month === undefined) return String(year)
  const value = new Date(Date.UTC(year, month - 1, day ?? 1))
  const options: Intl.DateTimeFormatOptions =
    day === undefined
      ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
      : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', options).format(value)
}
