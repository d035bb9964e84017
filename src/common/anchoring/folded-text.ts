import type { TextRange } from './types'

/**
 * A text prepared for matching quotes: Unicode NFC, every run of whitespace folded to one space,
 * with a map back to offsets in the original text.
 *
 * Why fold at all: the same passage arrives in different shapes. Vietnamese is written both
 * precomposed (NFC, "ệ" is one code unit) and decomposed (NFD, "e" + two combining marks), and a
 * quote typed on the command line or an edit that merges two paragraphs turns "\n\n" into " ".
 * Matching folded text against a folded quote finds the passage in all these cases; the map
 * turns the match back into offsets in the real text, which is what selectors store.
 *
 * Folding works on segments: a whitespace run, or one code point with the combining marks that
 * follow it. Each segment is normalised on its own and every code unit it yields maps back to the
 * whole segment, so a match can never start or end inside "e + marks". (Conjoining Hangul jamo,
 * which NFC composes across code points that are not marks, are left as they are: irrelevant
 * here, and library text is already NFC.)
 */
export class FoldedText {
  /** The text as given. */
  readonly original: string
  /** The folded text that quotes are searched in. */
  readonly folded: string
  // For each code unit of `folded`, the original range of the segment it came from.
  readonly #starts: Uint32Array
  readonly #ends: Uint32Array

  constructor(original: string) {
    this.original = original
    // Library text is already NFC: checking once saves normalising it segment by segment, and
    // then the folded text is just the original with its whitespace runs replaced.
    const isNfc = original.normalize('NFC') === original
    // Folding whitespace only shortens; NFC lengthens a segment at most threefold (UAX #15).
    const capacity = isNfc ? original.length : 3 * original.length
    const starts = new Uint32Array(capacity)
    const ends = new Uint32Array(capacity)
    const pieces: string[] = []
    let length = 0
    let i = 0
    while (i < original.length) {
      const start = i
      let size: number
      if (isSpace(original.charCodeAt(i))) {
        while (i < original.length && isSpace(original.charCodeAt(i))) i++
        if (!isNfc) pieces.push(' ')
        size = 1
      } else {
        i = segmentEnd(original, i)
        if (isNfc) {
          size = i - start
        } else {
          const piece = original.slice(start, i).normalize('NFC')
          pieces.push(piece)
          size = piece.length
        }
      }
      for (const last = length + size; length < last; length++) {
        starts[length] = start
        ends[length] = i
      }
    }
    this.folded = isNfc ? original.replace(/\s+/g, ' ') : pieces.join('')
    this.#starts = starts.subarray(0, length)
    this.#ends = ends.subarray(0, length)
  }

  /**
   * The folded offset where original `offset` falls: the first folded code unit that comes from
   * `offset` or later (the folded length when none does).
   */
  toFolded(offset: number): number {
    let low = 0
    let high = this.#starts.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#starts[middle]! < offset) low = middle + 1
      else high = middle
    }
    return low
  }

  /** The original range covered by folded code units [start, end); `end > start`. */
  toOriginal(start: number, end: number): TextRange {
    const first = this.#starts[start]
    const last = this.#ends[end - 1]
    if (end <= start || first === undefined || last === undefined) {
      throw new RangeError(`[${start}, ${end}) is not a range of a folded text of ${this.folded.length} code units`)
    }
    return { start: first, end: last }
  }
}

/** Folds a quote, prefix or suffix the way FoldedText folds the text it is searched in. */
export function foldString(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ')
}

/** Exactly the characters of JavaScript's `\s`, so that foldString and FoldedText agree. */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

const COMBINING_MARK = /^\p{M}/u

/** The end of the segment starting at `i`: one code point and the combining marks after it. */
function segmentEnd(text: string, i: number): number {
  let end = i + codePointLength(text, i)
  while (end < text.length) {
    const code = text.charCodeAt(end)
    // No combining mark lies below U+0300 or among the precomposed Vietnamese letters
    // (U+1E00-U+1EFF): the common cases never reach the regular expression.
    if (code < 0x300 || (code >= 0x1e00 && code <= 0x1eff) || !COMBINING_MARK.test(text.slice(end, end + 2))) break
    end += codePointLength(text, end)
  }
  return end
}

function codePointLength(text: string, i: number): number {
  const code = text.charCodeAt(i)
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1)
    if (next >= 0xdc00 && next <= 0xdfff) return 2
  }
  return 1
}
