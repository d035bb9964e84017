import type { PartialDate } from '../model/article'
import { formatBriefDate } from '../brief/brief-dates'

/**
 * Formats a date of partial precision in the reader's language, the same way a brief prints it:
 * "4 October 2024" / "4 tháng 10 năm 2024", "October 2024" / "tháng 10 năm 2024", "2024" /
 * "năm 2024". One style across the app and its exports; Intl's vi-VN style ("4 tháng 10, 2024")
 * is not the one Vietnamese documents use. Computed from the digits, so the calendar day never
 * shifts with the machine's time zone.
 */
export function formatPartialDate(date: PartialDate, locale: string): string {
  const year = Number(date.split('-')[0])
  if (Number.isNaN(year) || date === '') return date
  return formatBriefDate(date, locale === 'vi' ? 'vi' : 'en')
}
