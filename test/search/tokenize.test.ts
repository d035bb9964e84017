import { describe, expect, it } from 'vitest'
import { foldText, scanTokens, tokenize } from '../../src/common/search/tokenize'

describe('tokenize', () => {
  it('splits Vietnamese into syllables with offsets into the original text', () => {
    const text = 'Kim ngạch đạt 600 triệu USD'
    const tokens = tokenize(text)
    expect(tokens.map((token) => token.text)).toEqual(['Kim', 'ngạch', 'đạt', '600', 'triệu', 'USD'])
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text)
    expect(tokens.map((token) => token.folded)).toEqual(['kim', 'ngach', 'dat', '600', 'trieu', 'usd'])
    expect(tokens.map((token) => token.position)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('keeps decomposed (NFD) letters whole, with offsets into the NFD text', () => {
    const text = 'Đầu tư của Việt Nam'.normalize('NFD')
    const tokens = tokenize(text)
    expect(tokens.map((token) => token.exact)).toEqual(['đầu', 'tư', 'của', 'việt', 'nam'])
    expect(tokens.map((token) => text.slice(token.start, token.end).normalize('NFC'))).toEqual(['Đầu', 'tư', 'của', 'Việt', 'Nam'])
  })

  it('reads numbers with separators as one token', () => {
    const tokens = tokenize('đạt 146,8 triệu USD, dài 30.000 km, năm 2023.')
    expect(tokens.map((token) => token.text)).toEqual(['đạt', '146,8', 'triệu', 'USD', 'dài', '30.000', 'km', 'năm', '2023'])
  })

  it('splits at hyphens, apostrophes and abbreviations, keeping letters with digits', () => {
    expect(tokenize("Covid-19 ở Peru's G20, TP.HCM").map((token) => token.text)).toEqual(['Covid', '19', 'ở', 'Peru', 's', 'G20', 'TP', 'HCM'])
  })

  it('skips a position at sentence ends and line breaks, not inside abbreviations', () => {
    const positions = (text: string) => tokenize(text).map((token) => token.position)
    expect(positions('thương mại. Hai bên')).toEqual([0, 1, 3, 4])
    expect(positions('thương mại\n\nHai bên')).toEqual([0, 1, 3, 4])
    expect(positions('TP.HCM và')).toEqual([0, 1, 2])
    expect(positions('146,8 triệu')).toEqual([0, 1])
  })

  it('handles letters outside the BMP and ignores symbols', () => {
    const text = 'a 𠀀𠀁 b 😀 c'
    expect(tokenize(text).map((token) => token.text)).toEqual(['a', '𠀀𠀁', 'b', 'c'])
  })

  it('resumes at a known token with its position', () => {
    const text = 'Hai nước. Thúc đẩy thương mại'
    const all = tokenize(text)
    const resumed: number[][] = []
    scanTokens(text, (start, end, position) => void resumed.push([start, end, position]), all[2]!.start, all[2]!.position)
    expect(resumed).toEqual(all.slice(2).map((token) => [token.start, token.end, token.position]))
  })

  it('stops when the visitor says so', () => {
    const seen: number[] = []
    scanTokens('một hai ba bốn', (_start, _end, position) => {
      seen.push(position)
      return position < 1
    })
    expect(seen).toEqual([0, 1])
  })

  it('folds a whole text for filters', () => {
    expect(foldText('  Báo   Nhân Dân ')).toBe('bao nhan dan')
  })
})
