import { CodePointClass } from './code-point-class'

/**
 * Text normalisation applied to everything that enters the library, so that the same article
 * always becomes the same text: Unicode NFC (Vietnamese arrives both precomposed and decomposed),
 * one kind of line break, no invisible characters, single spaces.
 */

// Zero-width characters and soft hyphens that web pages scatter through text.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g
// Every horizontal space character, including no-break and typographic spaces.
const SPACES = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g

/** One line: NFC, spaces collapsed, trimmed. */
export function normalizeLine(line: string): string {
  return line.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim()
}

/** Whole text: NFC, \n line breaks only, each line normalised, at most one blank line in a row. */
export function normalizeText(text: string): string {
  const lines = text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .split('\n')
    .map(normalizeLine)
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

const WORD_CHARACTERS = new CodePointClass(/[\p{L}\p{M}\p{N}]/u)

/** Words as a reader would count them: runs of letters, marks and digits. */
export function countWords(text: string): number {
  return WORD_CHARACTERS.countRuns(text)
}

/** The first `max` characters of `text`, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max + 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut.slice(0, max)).replace(/[\s,;:.-]+$/u, '')}…`
}
