import type { Citation } from '../../common/model/brief'
import { formatPartialDate } from '../../common/text/dates'

/**
 * A passage's source on one line, as the brief editor and the "Add to brief" dialog show it:
 * article title · source · date (in the interface's language, not ISO) · the paragraph label.
 */
export function citationLine(citation: Citation, locale: string, paragraphLabel: string): string {
  const date = citation.published === null ? null : formatPartialDate(citation.published, locale)
  return [citation.articleTitle, citation.source, date, paragraphLabel].filter((part) => part !== null && part !== '').join(' · ')
}
