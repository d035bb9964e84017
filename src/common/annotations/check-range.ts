import { splitsSurrogatePair } from '../anchoring/code-points'
import { AppError } from '../errors'

/**
 * Refuses a selection that cannot become a highlight, with the reason a person can act on:
 * empty or reversed, beyond the end of the text (it was edited meanwhile), or cutting an emoji or
 * another two-unit character in half. `describe` checks the same things, but as broken invariants.
 */
export function checkRange(text: string, articleId: string, start: number, end: number): void {
  // Offsets as plain digits: they are positions to compare with, not quantities to read ("2,024").
  const range = { start: String(start), end: String(end) }
  if (end <= start) throw new AppError('annotation.emptyRange', range)
  if (end > text.length) throw new AppError('annotation.outsideText', { ...range, length: text.length, id: articleId })
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) throw new AppError('annotation.splitsCharacter', range)
}
