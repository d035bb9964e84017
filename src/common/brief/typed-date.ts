import type { PartialDate } from '../model/article'

/**
 * A brief's date as the user types and reads it in the editor: day/month/year in figures, the
 * order both interface languages write (en-GB and Vietnamese alike: "14/11/2024"), rather than the
 * browser's date control, whose mm/dd/yyyy follows the machine and not the interface. A month
 * ("11/2024") or a year ("2024") alone is kept at that precision; ISO ("2024-11-14") is read too.
 * `/`, `.` and `-` separate; anything that is not a calendar date is null: the caller says so,
 * nothing is guessed.
 */
export function parseTypedDate(text: string): PartialDate | null {
  const trimmed = text.trim()
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/u.exec(trimmed)
  const dmy = /^(?:(?:(\d{1,2})[/.-])?(\d{1,2})[/.-])?(\d{4})$/u.exec(trimmed)
  const [year, month, day] = iso !== null ? [iso[1], iso[2], iso[3]] : dmy !== null ? [dmy[3], dmy[2], dmy[1]] : []
  if (year === undefined) return null
  if (month === undefined) return year
  const m = Number(month)
  if (m < 1 || m > 12) return null
  const mm = String(m).padStart(2, '0')
  if (day === undefined) return `${year}-${mm}`
  const d = Number(day)
  const date = new Date(Date.UTC(Number(year), m - 1, d))
  if (d < 1 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${year}-${mm}-${String(d).padStart(2, '0')}`
}

/** The date as the editor shows it: "14/11/2024", "3/10/2024", "11/2024", "2024" (no padding, as people type it). */
export function typedDate(date: PartialDate): string {
  const [year = '', ...rest] = date.split('-')
  return [...rest.reverse().map((part) => String(Number(part))), year].join('/')
}
