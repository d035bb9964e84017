import type { ArticleSummary } from '../../common/model/article'

/** One collator for every title comparison (Vietnamese order), made once. */
const TITLES = new Intl.Collator('vi')

/**
 * Newest first by publication date; undated articles last, then by title (sorts in place).
 * Dates are ISO partial dates ("2024", "2024-10", "2024-10-04"): compared as plain strings, which
 * orders them as a locale comparison does (digits and '-', a shorter prefix first) at a fraction of
 * its cost; the collator is needed only between articles of the same date. At 100,000 articles a
 * locale comparison of every pair of dates took seconds.
 */
export function newestFirst(summaries: ArticleSummary[]): ArticleSummary[] {
  return summaries.sort((a, b) => {
    const first = a.published ?? ''
    const second = b.published ?? ''
    if (first !== second) return first < second ? 1 : -1
    return TITLES.compare(a.title, b.title)
  })
}
