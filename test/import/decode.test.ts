import { describe, expect, it } from 'vitest'
import { decodeText, looksBinary, looksLikeWindows1252, looksLikeWindows1258 } from '../../src/node/import/decode'

const VIETNAMESE = 'Hợp tác viễn thông giữa Việt Nam và Peru tiếp tục phát triển; kim ngạch đạt 600 triệu USD.'
const SPANISH = 'La cooperación entre Perú y Vietnam en telecomunicaciones y educación sigue creciendo.'

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0))
}

// "Việt Nam và Peru hợp tác viễn thông." in Windows-1258, written byte by byte: ê is 0xEA, ơ 0xF5,
// ô 0xF4 and à á are precomposed (0xE0, 0xE1), while the tones are combining bytes after the vowel:
// dot below 0xF2, tilde 0xDE.
function cp1258(): Uint8Array {
  return Uint8Array.from([
    ...ascii('Vi'), 0xea, 0xf2, ...ascii('t Nam v'), 0xe0, ...ascii(' Peru h'), 0xf5, 0xf2, ...ascii('p t'), 0xe1, ...ascii('c vi'),
    0xea, 0xde, ...ascii('n th'), 0xf4, ...ascii('ng.'),
  ])
}

function cp1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) // Latin-1 range only
  return bytes
}

describe('decodeText', () => {
  it('reads UTF-8, with and without a byte-order mark, and returns NFC', () => {
    const plain = decodeText(new TextEncoder().encode(VIETNAMESE.normalize('NFD')))
    expect(plain).toMatchObject({ ok: true, text: VIETNAMESE, encoding: { name: 'utf-8', bom: false, basis: 'valid-utf-8' } })
    const bom = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(VIETNAMESE)]))
    expect(bom).toMatchObject({ ok: true, text: VIETNAMESE, encoding: { name: 'utf-8', bom: true, basis: 'bom' } })
  })

  it('reads UTF-16 in both byte orders, by BOM or by its zero bytes', () => {
    const le = new Uint8Array(Buffer.from(`\uFEFF${VIETNAMESE}`, 'utf16le'))
    const be = new Uint8Array(le.length)
    for (let i = 0; i < le.length; i += 2) {
      be[i] = le[i + 1]!
      be[i + 1] = le[i]!
    }
    expect(decodeText(le)).toMatchObject({ ok: true, text: VIETNAMESE, encoding: { name: 'utf-16le', bom: true } })
    expect(decodeText(be)).toMatchObject({ ok: true, text: VIETNAMESE, encoding: { name: 'utf-16be', bom: true } })
    expect(decodeText(le.subarray(2))).toMatchObject({ ok: true, text: VIETNAMESE, encoding: { name: 'utf-16le', bom: false, basis: 'byte-statistics' } })
  })

  it('recognises Vietnamese Windows-1258 by its combining tone bytes, and says so', () => {
    const result = decodeText(cp1258())
    expect(result).toEqual({
      ok: true,
      text: 'Việt Nam và Peru hợp tác viễn thông.',
      encoding: { name: 'windows-1258', bom: false, basis: 'byte-statistics' },
    })
  })

  it('recognises Western Windows-1252 (Spanish) and keeps it apart from Windows-1258', () => {
    const bytes = cp1252(SPANISH)
    expect(looksLikeWindows1258(bytes)).toBe(false)
    expect(looksLikeWindows1252(bytes)).toBe(true)
    expect(decodeText(bytes)).toEqual({ ok: true, text: SPANISH, encoding: { name: 'windows-1252', bom: false, basis: 'byte-statistics' } })
  })

  it('uses a declared charset when the bytes are not UTF-8', () => {
    expect(decodeText(cp1252(SPANISH), { declared: 'iso-8859-1' })).toMatchObject({
      ok: true,
      text: SPANISH,
      encoding: { name: 'windows-1252', basis: 'declared' },
    })
    // Valid UTF-8 wins over a wrong declaration.
    expect(decodeText(new TextEncoder().encode(SPANISH), { declared: 'windows-1252' })).toMatchObject({ encoding: { name: 'utf-8' } })
  })

  it('fails clearly when no encoding is plausible, rather than guessing', () => {
    // Cyrillic in Windows-1251: every letter a high byte.
    const cyrillic = Uint8Array.from([0xc2, 0xfc, 0xe5, 0xf2, 0xed, 0xe0, 0xec, 0x20, 0xe8, 0x20, 0xcf, 0xe5, 0xf0, 0xf3])
    expect(decodeText(cyrillic)).toEqual({ ok: false, failure: { reason: 'unknown-encoding' } })
  })

  it('calls UTF-8 with a few broken bytes damaged, and points at the first', () => {
    const bytes = new TextEncoder().encode(VIETNAMESE)
    bytes[10] = 0xff
    const result = decodeText(bytes)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.failure).toEqual({ reason: 'invalid-utf-8', offset: expect.any(Number) as number })
  })

  it('refuses binary data: NUL bytes, or many control characters', () => {
    expect(decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toEqual({ ok: false, failure: { reason: 'binary' } })
    const controls = Uint8Array.from({ length: 400 }, (_, i) => (i % 10 === 0 ? 0x01 : 0x61))
    expect(looksBinary(controls)).toBe(true)
    expect(decodeText(controls)).toEqual({ ok: false, failure: { reason: 'binary' } })
    // Tabs, form feeds and line breaks are text.
    expect(looksBinary(new TextEncoder().encode('a\tb\r\nc\fd\n'))).toBe(false)
  })

  it('reads plain ASCII as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Lima (VNA) - Trade ties.'))).toMatchObject({ ok: true, encoding: { name: 'utf-8' } })
  })
})
