/**
 * Base64 for the serialised index: posting bytes must travel as JSON (a file, a worker message),
 * and src/common has neither Buffer nor btoa. Plain alphabet, with padding.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DECODE = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i

export function encodeBase64(bytes: Uint8Array): string {
  const chunks: string[] = []
  const CHUNK = 0x3000 // a multiple of 3, so that only the last chunk is padded
  for (let from = 0; from < bytes.length; from += CHUNK) {
    const to = Math.min(bytes.length, from + CHUNK)
    const codes: number[] = []
    let i = from
    for (; i + 2 < to; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
      codes.push(ALPHABET.charCodeAt(n >>> 18), ALPHABET.charCodeAt((n >>> 12) & 63), ALPHABET.charCodeAt((n >>> 6) & 63), ALPHABET.charCodeAt(n & 63))
    }
    if (i < to) {
      const second = i + 1 < to
      const n = (bytes[i]! << 16) | (second ? bytes[i + 1]! << 8 : 0)
      codes.push(ALPHABET.charCodeAt(n >>> 18), ALPHABET.charCodeAt((n >>> 12) & 63), second ? ALPHABET.charCodeAt((n >>> 6) & 63) : 61, 61)
    }
    chunks.push(String.fromCharCode(...codes))
  }
  return chunks.join('')
}

export class Base64Error extends Error {
  override readonly name = 'Base64Error'
}

/** The number of characters encoding `bytes` bytes (padded). */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4
}

const BASE64_TEXT = /^[A-Za-z0-9+/=]*$/

/** Whether `text` only holds base64 characters and padding (a cheap check before decoding lazily). */
export function isBase64(text: string): boolean {
  return BASE64_TEXT.test(text)
}

/** Decodes text[from, to) (by default all of it). */
export function decodeBase64(text: string, from = 0, to = text.length): Uint8Array {
  const length = to - from
  if (length % 4 !== 0) throw new Base64Error(`base64 length ${length} is not a multiple of 4`)
  const padding = length === 0 ? 0 : text.charCodeAt(to - 2) === 61 ? 2 : text.charCodeAt(to - 1) === 61 ? 1 : 0
  const bytes = new Uint8Array((length / 4) * 3 - padding)
  let out = 0
  for (let i = from; i < to; i += 4) {
    const a = DECODE[text.charCodeAt(i)] ?? -1
    const b = DECODE[text.charCodeAt(i + 1)] ?? -1
    const c = text.charCodeAt(i + 2) === 61 ? 0 : (DECODE[text.charCodeAt(i + 2)] ?? -1)
    const d = text.charCodeAt(i + 3) === 61 ? 0 : (DECODE[text.charCodeAt(i + 3)] ?? -1)
    if ((a | b | c | d) < 0) throw new Base64Error(`invalid base64 character near offset ${i}`)
    const n = (a << 18) | (b << 12) | (c << 6) | d
    bytes[out++] = n >>> 16
    if (out < bytes.length) bytes[out++] = (n >>> 8) & 255
    if (out < bytes.length) bytes[out++] = n & 255
  }
  return bytes
}
