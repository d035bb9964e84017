import { FoldedText } from './folded-text'
import { matchQuote } from './match-quote'
import type { AnchorResult, AnchorSelectors, TextRange } from './types'

export interface ReanchorOptions {
  /**
   * Where the fuzzy stage may look, in offsets of `text`: the whole text by default, null to skip
   * it. The exact stages always search the whole text. reanchorAll narrows this to the stretch
   * between a passage's re-anchored neighbours (see there); a single call has no neighbours.
   */
  readonly fuzzyRange?: TextRange | null
}

/**
 * Finds an annotation's passage in `text` (the article's current body text), trying the cheapest
 * and surest evidence first:
 *
 * 1. position: the stored offsets still hold the exact quote AND the stored prefix and suffix
 *    still surround it, character for character. The context check matters: after an edit
 *    earlier in the text, the old offsets can land on another copy of a repeated sentence, whose
 *    text is identical but whose surroundings are not.
 * 2. quote, then 3. fuzzy: see matchQuote, which ranks candidates by context and by closeness to
 *    the old position.
 *
 * Returns an orphan rather than a doubtful match (thresholds.ts says how doubtful is too doubtful).
 * Pass a FoldedText when anchoring many annotations in the same text (reanchorAll does).
 */
export function reanchor(selectors: AnchorSelectors, text: string | FoldedText, options: ReanchorOptions = {}): AnchorResult {
  const original = typeof text === 'string' ? text : text.original
  const { position } = selectors
  if (position !== null && holdsAtPosition(original, selectors, position.start, position.end)) {
    return { status: 'anchored', start: position.start, end: position.end, method: 'position' }
  }
  const folded = typeof text === 'string' ? new FoldedText(text) : text
  const fuzzyRange = options.fuzzyRange === undefined ? { start: 0, end: original.length } : options.fuzzyRange
  const match = matchQuote(folded, selectors.quote, position?.start ?? null, fuzzyRange)
  if (match === null) return { status: 'orphan' }
  return { status: 'anchored', start: match.range.start, end: match.range.end, method: match.method }
}

function holdsAtPosition(text: string, { quote }: AnchorSelectors, start: number, end: number): boolean {
  if (end > text.length || text.slice(start, end) !== quote.exact) return false
  // An empty context is the edge of the text; `slice` would count a negative start from the end.
  const prefixStart = start - quote.prefix.length
  const prefixHolds = quote.prefix === '' ? start === 0 : prefixStart >= 0 && text.slice(prefixStart, start) === quote.prefix
  const suffixHolds = quote.suffix === '' ? end === text.length : text.slice(end, end + quote.suffix.length) === quote.suffix
  return prefixHolds && suffixHolds
}
