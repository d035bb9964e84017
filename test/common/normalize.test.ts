import { describe, expect, it } from 'vitest'
import { countWords, excerpt, normalizeLine, normalizeText } from '../../src/common/text/normalize'

describe('normalizeText', () => {
  it('turns decomposed Vietnamese (NFD) into the precomposed form (NFC)', () => {
    const nfd = 'Việt Nam'.normalize('NFD')
    expect(nfd).not.toBe('Việt Nam')
    expect(normalizeText(nfd)).toBe('Việt Nam')
  })

  it('unifies line breaks and keeps paragraph breaks, at most one blank line', () => {
    expect(normalizeText('a\r\nb\rc\u2028d\n\n\n\ne')).toBe('a\nb\nc\nd\n\ne')
  })

  it('collapses every kind of space and drops invisible characters', () => {
    expect(normalizeLine('  Hà\u00A0Nội\t\u2009là  thủ\u200Bđô\u00AD  ')).toBe('Hà Nội là thủđô')
    expect(normalizeText('\uFEFFtext')).toBe('text')
  })
})

describe('countWords and excerpt', () => {
  it('counts Vietnamese syllables and numbers as words', () => {
    expect(countWords('Kim ngạch đạt 146,8 triệu USD.')).toBe(7)
  })

  it('cuts at a word boundary with an ellipsis', () => {
    expect(excerpt('Hai nước cùng là thành viên CPTPP', 15)).toBe('Hai nước cùng…')
    expect(excerpt('ngắn', 15)).toBe('ngắn')
  })
})
