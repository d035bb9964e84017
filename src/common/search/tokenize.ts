import { exactKey, foldedKey } from './fold'

/**
 * Tokens with offsets into the text exactly as given (the stored NFC, accented text), so that a
 * hit found on folded keys can be marked at the right characters of the original.
 *
 * A token is a run of letters, combining marks and digits. Vietnamese words are syllables
 * separated by spaces, so a syllable is a token and a word of several syllables is a phrase.
 * A "." or "," between two digits belongs to the number: "146,8" and "30.000" are one token each.
 * Anything else separates: "Covid-19" is "Covid" then "19", "Peru's" is "Peru" then "s".
 *
 * Positions count tokens. A sentence end (".", "!", "?", ";", "…" followed by a space) or a line
 * break between two tokens skips one position, so that a phrase never matches across sentences
 * or paragraphs and neighbouring words in different sentences do not count as adjacent.
 */
export interface Token {
  readonly text: string
  /** UTF-16 offsets into the text, end exclusive. */
  readonly start: number
  readonly end: number
  readonly position: number
  readonly exact: string
  readonly folded: string
}

/** Receives each token; returning false stops the scan. */
export type TokenVisitor = (start: number, end: number, position: number) => boolean | void

// Character classes. Everything that is not part of a word is a separator; some separators matter.
const OTHER = 0
const WORD = 1
const DIGIT = 2
const NEWLINE = 3
const STOP = 4 // . ! ? ; … may end a sentence
const SPACE = 5
const HIGH_SURROGATE = 6

let classes: Uint8Array | null = null

/** A class per BMP code unit, computed once: far cheaper than a Unicode regex per character. */
function charClasses(): Uint8Array {
  if (classes !== null) return classes
  const table = new Uint8Array(0x10000)
  const digit = /\p{N}/u
  const word = /[\p{L}\p{M}]/u
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue
    const char = String.fromCharCode(code)
    if (digit.test(char)) table[code] = DIGIT
    else if (word.test(char)) table[code] = WORD
  }
  for (let code = 0xd800; code <= 0xdbff; code++) table[code] = HIGH_SURROGATE
  table[0x0a] = NEWLINE
  for (const code of [0x2e, 0x21, 0x3f, 0x3b, 0x2026]) table[code] = STOP
  for (const code of [0x20, 0x09, 0xa0]) table[code] = SPACE
  classes = table
  return table
}

const ASTRAL_WORD = /^[\p{L}\p{M}\p{N}]$/u

/** Is the surrogate pair at `i` a letter, mark or digit (e.g. a rare CJK ideograph)? */
function astralWordAt(text: string, i: number): boolean {
  const point = text.codePointAt(i) ?? 0
  return point > 0xffff && ASTRAL_WORD.test(String.fromCodePoint(point))
}

/**
 * Calls `visit` for every token of `text` in order, without allocating strings. To resume at a
 * token whose offset and position are known (a checkpoint), pass them as `from` and `position`.
 */
export function scanTokens(text: string, visit: TokenVisitor, from = 0, firstPosition = 0): void {
  const table = charClasses()
  const length = text.length
  let position = firstPosition - 1
  let first = true
  let brk = false
  let stop = false
  let i = from
  while (i < length) {
    let kind = table[text.charCodeAt(i)]!
    if (kind === HIGH_SURROGATE) kind = astralWordAt(text, i) ? WORD : OTHER
    if (kind !== WORD && kind !== DIGIT) {
      // The gap between tokens: a line break, or a sentence end followed by a space, is a break.
      if (kind === NEWLINE) brk = true
      else if (kind === STOP) stop = true
      else if (kind === SPACE && stop) brk = true
      i++
      continue
    }
    const start = i
    let previousDigit = kind === DIGIT
    i += text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1
    while (i < length) {
      const code = text.charCodeAt(i)
      const next = table[code]!
      if (next === WORD) {
        previousDigit = false
        i++
      } else if (next === DIGIT) {
        previousDigit = true
        i++
      } else if (previousDigit && (code === 0x2e || code === 0x2c) && i + 1 < length && table[text.charCodeAt(i + 1)] === DIGIT) {
        i++
      } else if (next === HIGH_SURROGATE && astralWordAt(text, i)) {
        previousDigit = false
        i += 2
      } else {
        break
      }
    }
    position = first ? firstPosition : position + (brk ? 2 : 1)
    first = false
    brk = false
    stop = false
    if (visit(start, i, position) === false) return
  }
}

/** Every token with its keys. For indexing, `scanTokens` plus a key cache is faster. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  scanTokens(text, (start, end, position) => {
    const raw = text.slice(start, end)
    tokens.push({ text: raw, start, end, position, exact: exactKey(raw), folded: foldedKey(raw) })
  })
  return tokens
}

/** Folded tokens joined by single spaces: how tag names and sources are compared. */
export function foldText(text: string): string {
  const keys: string[] = []
  scanTokens(text, (start, end) => {
    keys.push(foldedKey(text.slice(start, end)))
  })
  return keys.join(' ')
}
