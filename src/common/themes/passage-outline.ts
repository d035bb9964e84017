/**
 * A theme's passage list in outline, packed into two strings (ThemePassageLayout): at 100,000
 * passages an array of numbers per passage cost more to build, send and read than everything else
 * of a theme's selection (each number a value of its own in every transport: IPC's structured
 * clone, the harness's JSON), where one string is one copy.
 *
 * - Group sizes: each group's number of passages in base 36, separated by commas.
 * - Rows: one character per passage, `ROW_BASE + 2 × min(quote length, QUOTE_CAP) + (noted ? 1 : 0)`.
 *   A row's height is estimated from these two until it is measured. The cap is more characters
 *   than three lines of the widest view hold (a card shows at most three lines of its quote); the
 *   codes stay below the surrogates, so any character sequence is a well-formed string.
 */
const ROW_BASE = 0x20
export const QUOTE_CAP = 2000

export function encodeGroupSizes(sizes: Iterable<number>): string {
  const parts: string[] = []
  for (const size of sizes) parts.push(size.toString(36))
  return parts.join(',')
}

export function decodeGroupSizes(text: string): Uint32Array {
  if (text === '') return new Uint32Array(0)
  const parts = text.split(',')
  const sizes = new Uint32Array(parts.length)
  for (let i = 0; i < parts.length; i++) sizes[i] = parseInt(parts[i]!, 36)
  return sizes
}

/** One row's character. */
export function rowCode(quoteLength: number, noted: boolean): string {
  return String.fromCharCode(ROW_BASE + 2 * Math.min(Math.max(0, quoteLength), QUOTE_CAP) + (noted ? 1 : 0))
}

/** Row `index`'s quote length (capped) and whether it has a note; a row past the end reads as empty. */
export function rowAt(rows: string, index: number): { quoteLength: number; noted: boolean } {
  const code = Math.max(0, (rows.charCodeAt(index) || ROW_BASE) - ROW_BASE)
  return { quoteLength: code >> 1, noted: (code & 1) === 1 }
}
