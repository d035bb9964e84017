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

// Folding is the costliest step of reading a paragraph (a normalisation per word), and agency
// texts repeat their words: a bounded cache of folded words keeps extraction within its budget.
const folded = new Map<string, string>()
const FOLD_CACHE_SIZE = 20_000
const ASCII_LOWER_OR_DIGIT = /^[a-z0-9' -]*$/

export function fold(text: string): string {
  if (ASCII_LOWER_OR_DIGIT.test(text)) return text
  const cached = folded.get(text)
  if (cached !== undefined) return cached
  const result = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
  if (folded.size >= FOLD_CACHE_SIZE) folded.clear()
  folded.set(text, result)
  return result
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

// People and organisations read the same paragraphs: the last paragraphs' words are kept so that
// an article is tokenised once per extraction, not once per finder.
const recent = new Map<string, Token[]>()
const RECENT_SIZE = 512

/** `tokenize`, remembered for the last few hundred paragraphs (tokens are never modified). */
export function tokensOf(text: string): readonly Token[] {
  const cached = recent.get(text)
  if (cached !== undefined) return cached
  const tokens = tokenize(text)
  if (recent.size >= RECENT_SIZE) recent.delete(recent.keys().next().value ?? '')
  recent.set(text, tokens)
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
