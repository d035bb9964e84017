import type { TextSpan } from './segments'

/**
 * Find-in-article: matches that ignore case and diacritics ("viet nam" finds "Việt Nam",
 * "duong" finds "Đường"), reported as offsets in the original text so the reader can mark them.
 *
 * The text is folded one code point at a time, remembering where each folded code unit came
 * from. Folding a whole string at once (NFD, strip marks) would be shorter but loses that map.
 * đ/Đ (and ð, which stands in for it in text from old encodings) fold to d: they are letters of
 * their own in Unicode, not d plus a mark, so stripping marks alone misses them.
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = { 'đ': 'd', 'ð': 'd' }
const MARKS = /\p{M}/gu
const SPACE = /\s/u

const foldCache = new Map<string, string>()

function foldCodePoint(char: string): string {
  const code = char.charCodeAt(0)
  if (code < 0x80) return char.toLowerCase()
  let folded = foldCache.get(char)
  if (folded === undefined) {
    const lower = char.toLowerCase()
    folded = SPECIAL_LETTERS[lower] ?? lower.normalize('NFD').replace(MARKS, '')
    foldCache.set(char, folded)
  }
  return folded
}

/** A query folded the way FindableText folds its text: lower case, no marks, single spaces. */
export function foldQuery(query: string): string {
  let folded = ''
  let lastWasSpace = true
  for (const char of query) {
    if (SPACE.test(char)) {
      if (!lastWasSpace) folded += ' '
      lastWasSpace = true
    } else {
      folded += foldCodePoint(char)
      lastWasSpace = false
    }
  }
  return folded.trimEnd()
}

export class FindableText {
  readonly folded: string
  // For each folded code unit, the original range of the code point (or whitespace run) it came from.
  readonly #starts: number[] = []
  readonly #ends: number[] = []

  constructor(original: string) {
    const pieces: string[] = []
    let i = 0
    while (i < original.length) {
      const start = i
      const char = String.fromCodePoint(original.codePointAt(i)!)
      let piece: string
      if (SPACE.test(char)) {
        while (i < original.length && SPACE.test(original[i]!)) i++
        piece = ' '
      } else {
        i += char.length
        piece = foldCodePoint(char)
      }
      pieces.push(piece)
      for (let k = 0; k < piece.length; k++) {
        this.#starts.push(start)
        this.#ends.push(i)
      }
    }
    this.folded = pieces.join('')
  }

  /** Every non-overlapping occurrence of `query`, in text order, as original offsets. */
  matches(query: string, limit = 10_000): TextSpan[] {
    const needle = foldQuery(query)
    if (needle === '') return []
    const found: TextSpan[] = []
    let from = 0
    while (found.length < limit) {
      const at = this.folded.indexOf(needle, from)
      if (at === -1) break
      found.push({ start: this.#starts[at]!, end: this.#ends[at + needle.length - 1]! })
      from = at + needle.length
    }
    return found
  }
}
