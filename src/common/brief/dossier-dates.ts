import type { EventRow } from '../model/brief'
import { translate, type Locale } from '../i18n/translate'
import { formatBriefRange } from './brief-dates'

/**
 * The date of a chronology row as printed (brief-dates.ts writes the date itself): a future date
 * says it is planned, a derived one shows its reasoning ("1994 (30 years before 2024)"), and an
 * unresolved one says so, with the words as written and why: never a guessed date.
 */

/** The row's date as printed, with what the reader must know about it (planned, derived, unresolved). */
export function formatEventDate(row: Pick<EventRow, 'from' | 'to' | 'future' | 'dateText' | 'derivedYears' | 'unresolved' | 'citation'>, locale: Locale): string {
  if (row.from === null || row.unresolved !== undefined) {
    return translate(locale, 'brief.dossier.unresolved', { text: row.dateText, reason: translate(locale, `brief.dossier.reason.${row.unresolved ?? 'no-publication-date'}`) })
  }
  const date = formatBriefRange(row.from, row.to ?? row.from, locale)
  if (row.derivedYears !== undefined) {
    const year = row.citation.published?.slice(0, 4) ?? ''
    return translate(locale, 'brief.dossier.derived', { date, years: String(row.derivedYears), year })
  }
  return row.future === true ? translate(locale, 'brief.dossier.planned', { date }) : date
}
