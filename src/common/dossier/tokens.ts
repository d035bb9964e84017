/**
 * Words of a paragraph with their offsets, and the folded form names are compared in. A word is a
 * run of letters, marks and digits, possibly joined by a hyphen or apostrophe ("Secretary-General",
 * "Peru's", "d'Affaires"); what lies between two words (spaces, commas, brackets) is their gap.
 */
export interface Token {
  readonly text: string
  readonly start: number
  readonly end: number
  /** Lowercase, NFC. */
  readonly lower: string
  /** Lowercase without diacritics ("đ" as "d"): "Hà Kim Ngọc" and "Ha Kim Ngoc" fold alike. */
  readonly folded: string
  /** Starts with an uppercase letter. */
  readonly capitalized: boolean
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu
const UPPER_START = /^\p{Lu}/u

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  WORD.lastIndex = 0
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const word = match[0]
    const lower = word.toLowerCase()
    tokens.push({ text: word, start: match.index, end: match.index + word.length, lower, folded: fold(word), capitalized: UPPER_START.test(word) })
  }
  return tokens
}

/** The text between token `i - 1` and token `i` (the start of the text for the first). */
export function gapBefore(text: string, tokens: readonly Token[], i: number): string {
  return text.slice(i === 0 ? 0 : (tokens[i - 1]?.end ?? 0), tokens[i]?.start ?? text.length)
}

/** A gap of spaces only: the two words belong to one phrase. */
export function isSpace(gap: string): boolean {
  return /^[ \u00A0]+$/.test(gap)
}

/** A key names are compared by: folded words, single spaces. */
export function nameKey(name: string): string {
  return fold(name).replace(/['’]/g, '').split(/[^\p{L}\p{N}-]+/u).filter((word) => word !== '').join(' ')
}
