import { OccurrenceNumberError } from './errors'
import { FoldedText, foldString } from './folded-text'
import type { TextRange } from './types'

/**
 * Every occurrence of `quote` in `text`, in document order, as ranges of the real text. This is
 * how a quote typed by a person (`annotate ID --quote TEXT --occurrence N`) becomes a highlight:
 * the quote may be NFD where the text is NFC, and may have one space where the text has a line
 * break or two spaces, so both are folded (see FoldedText); surrounding whitespace in the quote
 * is ignored. The match is otherwise exact: case and diacritics count ("Peru" is not "peru").
 *
 * Occurrences do not overlap, as a reader counts them and as find-in-page does: "là là" occurs
 * once in "là là là". Pass a FoldedText to search the same text many times without refolding.
 */
export function findOccurrences(text: string | FoldedText, quote: string): TextRange[] {
  const folded = typeof text === 'string' ? new FoldedText(text) : text
  const needle = foldString(quote).trim()
  if (needle === '') return []
  const ranges: TextRange[] = []
  for (let at = folded.folded.indexOf(needle); at !== -1; at = folded.folded.indexOf(needle, at + needle.length)) {
    ranges.push(folded.toOriginal(at, at + needle.length))
  }
  return ranges
}

/** The `occurrence`-th (from 1) occurrence of `quote` in `text`, or null when there are fewer. */
export function findOccurrence(text: string | FoldedText, quote: string, occurrence: number): TextRange | null {
  if (!Number.isInteger(occurrence) || occurrence < 1) throw new OccurrenceNumberError(occurrence)
  return findOccurrences(text, quote)[occurrence - 1] ?? null
}
