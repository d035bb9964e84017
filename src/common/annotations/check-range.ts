import { splitsSurrogatePair } from '../anchoring/code-points'
import { AppError } from '../errors'

/**
 * Refuses a selection that cannot become a highlight, with the reason a person can act on:
 * empty or reversed, beyond the end of the text (it was edited meanwhile), or cutting an emoji or
 * another two-unit character in half. `describe` checks the same things, but as broken invariants.
 */
export function checkRange(text: string, articleId: string, start: number, end: number): void {
  if (end <= start) throw new AppError('annotation.emptyRange', { start, end })
  if (end > text.length) throw new AppError('annotation.outsideText', { start, end, length: text.length, id: articleId })
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) throw new AppError('annotation.splitsCharacter', { start, end })
}
