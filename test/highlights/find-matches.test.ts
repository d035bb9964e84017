import { describe, expect, it } from 'vitest'
import { FindableText, foldQuery } from '../../src/common/highlights/find-matches'

const text = 'Quan hệ Việt Nam - Peru.\n\nĐường dây nóng; VIỆT NAM và Đại sứ quán.'
const found = (query: string) => new FindableText(text).matches(query).map((span) => text.slice(span.start, span.end))

describe('find in article', () => {
  it('ignores case and diacritics', () => {
    expect(found('viet nam')).toEqual(['Việt Nam', 'VIỆT NAM'])
    expect(found('Việt Nam')).toEqual(['Việt Nam', 'VIỆT NAM'])
  })

  it('folds đ and Đ to d', () => {
    expect(found('duong')).toEqual(['Đường'])
    expect(found('dai su')).toEqual(['Đại sứ'])
  })

  it('matches any run of whitespace, including a paragraph break, with one space', () => {
    expect(found('peru. duong')).toEqual(['Peru.\n\nĐường'])
    expect(found('  viet   nam ')).toEqual(['Việt Nam', 'VIỆT NAM'])
  })

  it('finds nothing for an empty query or an absent word', () => {
    expect(found('')).toEqual([])
    expect(found('   ')).toEqual([])
    expect(found('Hà Nội')).toEqual([])
  })

  it('maps matches back through decomposed (NFD) text', () => {
    const nfd = 'Bộ Ngoại giao'.normalize('NFD')
    const spans = new FindableText(nfd).matches('ngoai')
    expect(spans).toHaveLength(1)
    expect(nfd.slice(spans[0]!.start, spans[0]!.end).normalize('NFC')).toBe('Ngoại')
  })

  it('folds a query the same way as the text', () => {
    expect(foldQuery('ĐƯỜNG  Hồ Chí Minh')).toBe('duong ho chi minh')
  })

  it('stops at the limit', () => {
    expect(new FindableText('a a a a').matches('a', 2)).toHaveLength(2)
  })
})
