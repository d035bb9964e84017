import type { TextPositionSelector } from '../model/annotation'
import { TextRangeError } from './errors'

/**
 * Offsets in two units. Our selectors count UTF-16 code units (JavaScript string indices: what the
 * DOM, the editor and `slice` use). The W3C Web Annotation model counts Unicode code points. They
 * differ only after an astral character (emoji, some CJK ideographs, mathematical letters), which
 * takes two code units and one code point: rare in news text, but an export that is off by one
 * after every emoji would quietly shift every later highlight in another tool.
 */

/** True when offset `i` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false
  return isHighSurrogate(text.charCodeAt(i - 1)) && isLowSurrogate(text.charCodeAt(i))
}

/** The code-point offset of UTF-16 `offset`. Throws a TextRangeError outside the text or inside a pair. */
export function toCodePointOffset(text: string, offset: number): number {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
    throw new TextRangeError(offset, offset, text.length, 'lies outside the text')
  }
  if (splitsSurrogatePair(text, offset)) throw new TextRangeError(offset, offset, text.length, 'cuts a surrogate pair in half')
  let pairs = 0
  for (let i = 0; i + 1 < offset; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      pairs++
      i++
    }
  }
  return offset - pairs
}

/** The UTF-16 offset of code-point offset `codePoints`, or null when the text is shorter than that. */
export function toUtf16Offset(text: string, codePoints: number): number | null {
  if (!Number.isInteger(codePoints) || codePoints < 0) return null
  let offset = 0
  for (let seen = 0; seen < codePoints; seen++) {
    if (offset >= text.length) return null
    offset += isHighSurrogate(text.charCodeAt(offset)) && isLowSurrogate(text.charCodeAt(offset + 1)) ? 2 : 1
  }
  return offset
}

/** Our position selector (UTF-16) as a W3C one (code points). Throws a TextRangeError when it does not fit the text. */
export function toCodePointPosition(text: string, position: TextPositionSelector): TextPositionSelector {
  return { type: 'TextPositionSelector', start: toCodePointOffset(text, position.start), end: toCodePointOffset(text, position.end) }
}

/**
 * A W3C position selector (code points) as ours (UTF-16), or null when it does not fit the text:
 * incoming data is not trusted, and a position that points nowhere is simply not found.
 */
export function toUtf16Position(text: string, position: TextPositionSelector): TextPositionSelector | null {
  const start = toUtf16Offset(text, position.start)
  const end = toUtf16Offset(text, position.end)
  if (start === null || end === null || end <= start) return null
  return { type: 'TextPositionSelector', start, end }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
