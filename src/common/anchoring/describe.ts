import { splitsSurrogatePair } from './code-points'
import { TextRangeError } from './errors'
import { CONTEXT_LENGTH } from './thresholds'
import type { DescribedRange } from './types'

/**
 * The selectors for text[start, end): the exact quote with CONTEXT_LENGTH code units of prefix
 * and suffix (fewer at the edges of the text), and the position itself. Offsets are UTF-16 code
 * units, as everywhere in the model.
 *
 * The range must be a real selection: non-empty, inside the text, and not cutting an astral
 * character (an emoji, a rare CJK ideograph) in half; anything else is a bug in the caller and
 * throws a TextRangeError. The context edges, which are cut by count, are moved off a surrogate
 * pair instead, so that the stored prefix and suffix are always well-formed text.
 */
export function describe(text: string, start: number, end: number): DescribedRange {
  assertRange(text, start, end)
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH)
  if (splitsSurrogatePair(text, prefixStart)) prefixStart++
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH)
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd--
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(prefixStart, start),
      suffix: text.slice(end, suffixEnd),
    },
    position: { type: 'TextPositionSelector', start, end },
  }
}

/** Throws a TextRangeError unless [start, end) is a non-empty range of whole code points of `text`. */
function assertRange(text: string, start: number, end: number): void {
  const fail = (reason: string) => new TextRangeError(start, end, text.length, reason)
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw fail('has offsets that are not integers')
  if (start < 0 || end > text.length) throw fail('lies outside the text')
  if (end <= start) throw fail('is empty or reversed')
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) throw fail('cuts a surrogate pair in half')
}
