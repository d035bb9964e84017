import { describe, expect, it } from 'vitest'
import {
  splitsSurrogatePair,
  toCodePointOffset,
  toCodePointPosition,
  toUtf16Offset,
  toUtf16Position,
} from '../../src/common/anchoring/code-points'
import { TextRangeError } from '../../src/common/anchoring/errors'

describe('code points and UTF-16 code units', () => {
  // 🤝 and 📈 are astral (two code units each); Vietnamese letters are one code unit (NFC).
  const text = 'Hợp tác 🤝 Việt Nam – Peru 📈 600 triệu USD'
  const usd = text.indexOf('600')

  it('counts an astral character as one code point', () => {
    expect(usd).toBe(30)
    expect(toCodePointOffset(text, usd)).toBe(28)
    expect([...text.slice(0, usd)].length).toBe(28)
    expect(toUtf16Offset(text, 28)).toBe(usd)
  })

  it('leaves offsets before the first astral character alone', () => {
    expect(toCodePointOffset(text, 8)).toBe(8)
    expect(toUtf16Offset(text, 8)).toBe(8)
    expect(toCodePointOffset('Việt Nam', 8)).toBe(8)
  })

  it('converts every boundary both ways', () => {
    const points = [...text]
    let utf16 = 0
    for (let codePoint = 0; codePoint <= points.length; codePoint++) {
      expect(toCodePointOffset(text, utf16)).toBe(codePoint)
      expect(toUtf16Offset(text, codePoint)).toBe(utf16)
      utf16 += points[codePoint]?.length ?? 0
    }
  })

  it('converts position selectors, and a W3C position that does not fit the text is null', () => {
    const ours = { type: 'TextPositionSelector', start: text.indexOf('Peru'), end: text.length } as const
    const w3c = toCodePointPosition(text, ours)
    expect(w3c).toEqual({ type: 'TextPositionSelector', start: 21, end: [...text].length })
    expect(toUtf16Position(text, w3c)).toEqual(ours)
    expect(toUtf16Position(text, { type: 'TextPositionSelector', start: 3, end: 500 })).toBeNull()
    expect(toUtf16Offset(text, -1)).toBeNull()
  })

  it('refuses an offset inside a surrogate pair or outside the text', () => {
    const inside = text.indexOf('🤝') + 1
    expect(splitsSurrogatePair(text, inside)).toBe(true)
    expect(splitsSurrogatePair(text, inside - 1)).toBe(false)
    expect(() => toCodePointOffset(text, inside)).toThrow(TextRangeError)
    expect(() => toCodePointOffset(text, text.length + 1)).toThrow(TextRangeError)
  })

  it('counts a lone surrogate as one code point, as the string iterator does', () => {
    const broken = 'a\ud83eb'
    expect(toCodePointOffset(broken, 3)).toBe([...broken].length)
    expect(toUtf16Offset(broken, 3)).toBe(3)
  })
})
