/**
 * Bytes to text for the text formats (.txt, .md, .html): which encoding, how we know, and NFC.
 *
 * The order of evidence, strongest first:
 *   1. a byte-order mark (UTF-8, UTF-16 LE, UTF-16 BE);
 *   2. bytes that are valid UTF-8 (valid UTF-8 with non-ASCII bytes almost never happens by
 *      accident in another encoding, so this beats a declaration, which pages often get wrong);
 *   3. a charset the document declares (an HTML <meta charset>), when Node can decode it;
 *   4. byte statistics, for the legacy encodings our users meet: Vietnamese Windows-1258 (see
 *      `looksLikeWindows1258`) and Western Windows-1252 (Spanish files from older Windows).
 * When none fits, decoding fails: text is never guessed silently, and the encoding chosen is
 * always recorded. UTF-16 without a BOM is recognised by its zero bytes, before the binary test.
 */

export type EncodingBasis = 'bom' | 'valid-utf-8' | 'declared' | 'byte-statistics'

export interface DetectedEncoding {
  /** The WHATWG name of the encoding: 'utf-8', 'utf-16le', 'utf-16be', 'windows-1258', … */
  readonly name: string
  /** Whether the file started with a byte-order mark. */
  readonly bom: boolean
  readonly basis: EncodingBasis
}

export type DecodeFailure =
  | { readonly reason: 'binary' }
  | { readonly reason: 'unknown-encoding' }
  /** Mostly UTF-8, but damaged: `offset` is the first invalid byte. */
  | { readonly reason: 'invalid-utf-8'; readonly offset: number }

export interface DecodedText {
  readonly ok: true
  /** NFC text, without the byte-order mark. */
  readonly text: string
  readonly encoding: DetectedEncoding
}

export type DecodeResult = DecodedText | { readonly ok: false; readonly failure: DecodeFailure }

export interface DecodeOptions {
  /** A charset label the document declares (HTML meta), tried after UTF-8. */
  readonly declared?: string | null
}

const SAMPLE_BYTES = 64 * 1024
/** Share of control characters above which a "text" file is taken for binary data. */
const MAX_CONTROL_SHARE = 0.01

// Windows-1258 writes tones as combining marks after the vowel: grave 0xCC, hook above 0xD2,
// tilde 0xDE, acute 0xEC, dot below 0xF2. Its Vietnamese letters: Ă ă Â â Đ đ Ê ê Ô ô Ơ ơ Ư ư.
const CP1258_TONES = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2])
const CP1258_VIETNAMESE_LETTERS = new Set([0xc3, 0xe3, 0xc2, 0xe2, 0xd0, 0xf0, 0xca, 0xea, 0xd4, 0xf4, 0xd5, 0xf5, 0xdd, 0xfd])
// Bytes these code pages leave undefined: their presence rules the code page out.
const CP1258_UNDEFINED = new Set([0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9d, 0x9e])
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d])

function isAsciiLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
}

/** Letters of Windows-1258 and -1252 above 0x7F (À-ÿ without × and ÷, plus Š š Œ œ Ž ž Ÿ). */
function isHighLetter(byte: number): boolean {
  return (byte >= 0xc0 && byte !== 0xd7 && byte !== 0xf7) || [0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f].includes(byte)
}

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f
}

/** NUL bytes, or more than 1% control bytes in the first 64 KB: not text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES)
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!
    if (byte === 0) return true
    if (isControl(byte)) controls++
  }
  return controls > sample.length * MAX_CONTROL_SHARE
}

function textLooksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_BYTES)
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if (code === 0) return true
    if (isControl(code)) controls++
  }
  return controls > sample.length * MAX_CONTROL_SHARE
}

/** UTF-16 without a BOM: every other byte zero (ASCII letters, digits and spaces). */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, SAMPLE_BYTES & ~1)
  if (sample.length < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++
    if (sample[i + 1] === 0) oddZeros++
  }
  const pairs = Math.floor(sample.length / 2)
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.02) return 'utf-16le'
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.02) return 'utf-16be'
  return null
}

interface Utf8Scan {
  /** Offset of the first invalid byte, -1 when the whole input is valid UTF-8. */
  readonly firstInvalid: number
  readonly invalid: number
  /** Well-formed multi-byte sequences. */
  readonly sequences: number
}

function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let firstInvalid = -1
  let invalid = 0
  let sequences = 0
  let i = 0
  while (i < bytes.length) {
    const byte = bytes[i]!
    if (byte < 0x80) {
      i++
      continue
    }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0
    let ok = length > 0 && i + length <= bytes.length
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80
    if (ok && length === 3) {
      const second = bytes[i + 1]!
      ok = !(byte === 0xe0 && second < 0xa0) && !(byte === 0xed && second > 0x9f)
    }
    if (ok && length === 4) {
      const second = bytes[i + 1]!
      ok = !(byte === 0xf0 && second < 0x90) && !(byte === 0xf4 && second > 0x8f)
    }
    if (ok) {
      sequences++
      i += length
    } else {
      if (firstInvalid < 0) firstInvalid = i
      invalid++
      i++
    }
  }
  return { firstInvalid, invalid, sequences }
}

/**
 * Windows-1258: at least one tone byte right after a vowel letter, and at least half of the bytes
 * above 0x7F are tone marks or Vietnamese letters (Vietnamese text is full of both; Western text
 * in Windows-1252 has é á ó … but none of the combining tone bytes after vowels).
 */
export function looksLikeWindows1258(bytes: Uint8Array): boolean {
  let high = 0
  let tones = 0
  let tonesAfterLetter = 0
  let letters = 0
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!
    if (byte < 0x80) continue
    if (CP1258_UNDEFINED.has(byte)) return false
    high++
    if (CP1258_TONES.has(byte)) {
      tones++
      const before = bytes[i - 1] ?? 0
      if (isAsciiLetter(before) || (isHighLetter(before) && !CP1258_TONES.has(before))) tonesAfterLetter++
    } else if (CP1258_VIETNAMESE_LETTERS.has(byte)) {
      letters++
    }
  }
  return tonesAfterLetter > 0 && tonesAfterLetter >= tones * 0.9 && tones + letters >= high * 0.5
}

/**
 * Windows-1252: no undefined byte, and the bytes above 0x7F are mostly letters inside words of
 * ASCII letters (é in "café"), as in Spanish, English or French, rather than whole words of high
 * bytes (another script in another code page).
 */
export function looksLikeWindows1252(bytes: Uint8Array): boolean {
  let high = 0
  let highLetters = 0
  let asciiLetters = 0
  for (const byte of bytes) {
    if (isAsciiLetter(byte)) asciiLetters++
    if (byte < 0x80) continue
    if (CP1252_UNDEFINED.has(byte)) return false
    high++
    if (isHighLetter(byte)) highLetters++
  }
  return high > 0 && highLetters >= high * 0.5 && highLetters <= asciiLetters * 0.2
}

function decodeWith(label: string, bytes: Uint8Array, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: false }).decode(bytes)
  } catch {
    return null
  }
}

function canonicalName(label: string): string | null {
  try {
    return new TextDecoder(label).encoding
  } catch {
    return null
  }
}

function done(text: string, encoding: DetectedEncoding): DecodeResult {
  if (textLooksBinary(text)) return { ok: false, failure: { reason: 'binary' } }
  return { ok: true, text: text.normalize('NFC'), encoding }
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  // 1. Byte-order marks. TextDecoder drops the BOM itself (ignoreBOM: false).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const scan = scanUtf8(bytes)
    if (scan.firstInvalid >= 0) return { ok: false, failure: { reason: 'invalid-utf-8', offset: scan.firstInvalid } }
    return done(decodeWith('utf-8', bytes, false) ?? '', { name: 'utf-8', bom: true, basis: 'bom' })
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const name = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be'
    return done(decodeWith(name, bytes, false) ?? '', { name, bom: true, basis: 'bom' })
  }
  const utf16 = bomlessUtf16(bytes)
  if (utf16 !== null) return done(decodeWith(utf16, bytes, false) ?? '', { name: utf16, bom: false, basis: 'byte-statistics' })
  if (looksBinary(bytes)) return { ok: false, failure: { reason: 'binary' } }

  // 2. Valid UTF-8 (plain ASCII included).
  const utf8 = decodeWith('utf-8', bytes, true)
  if (utf8 !== null) return done(utf8, { name: 'utf-8', bom: false, basis: 'valid-utf-8' })
  const scan = scanUtf8(bytes)
  // Many well-formed sequences and a few broken ones: damaged UTF-8, not a legacy code page.
  if (scan.sequences >= 3 && scan.sequences >= scan.invalid) {
    return { ok: false, failure: { reason: 'invalid-utf-8', offset: scan.firstInvalid } }
  }

  // 3. A declared charset.
  const declared = options.declared ? canonicalName(options.declared) : null
  if (declared !== null && declared !== 'utf-8' && !declared.startsWith('utf-16')) {
    const text = decodeWith(declared, bytes, false)
    if (text !== null) return done(text, { name: declared, bom: false, basis: 'declared' })
  }

  // 4. Byte statistics.
  if (looksLikeWindows1258(bytes)) {
    return done(decodeWith('windows-1258', bytes, false) ?? '', { name: 'windows-1258', bom: false, basis: 'byte-statistics' })
  }
  if (looksLikeWindows1252(bytes)) {
    return done(decodeWith('windows-1252', bytes, false) ?? '', { name: 'windows-1252', bom: false, basis: 'byte-statistics' })
  }
  return { ok: false, failure: { reason: 'unknown-encoding' } }
}
