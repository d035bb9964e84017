import { describe, expect, it } from 'vitest'
import { isPartialDate, isWebUrl, validateMetadata } from '../../src/common/metadata/validate-metadata'

describe('article details checks', () => {
  it.each([
    ['2024', true],
    ['2024-02', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-00', false],
    ['2024-1-5', false],
    ['24-01-05', false],
    ['2024-01-05T00:00', false],
  ])('date %s → %s', (value, expected) => {
    expect(isPartialDate(value)).toBe(expected)
  })

  it.each([
    ['https://www.vietnamplus.vn/bai-viet-123.vnp', true],
    ['http://127.0.0.1:8080/a?b=c#d', true],
    ['https://báo.vn/tin', true],
    ['HTTPS://EXAMPLE.COM', true],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['https://', false],
    ['https://exa mple.com', false],
    ['//example.com/a', false],
    ['www.example.com', false],
  ])('url %s → %s', (value, expected) => {
    expect(isWebUrl(value)).toBe(expected)
  })

  it('reports every problem by field, and trims and normalises what it accepts', () => {
    expect(validateMetadata({ title: ' ', source: 'x'.repeat(201), url: 'ftp://a', published: '2024-13', language: 'fr' })).toEqual({
      ok: false,
      problems: [
        { field: 'title', code: 'metadata.emptyTitle' },
        { field: 'source', code: 'metadata.tooLong' },
        { field: 'url', code: 'metadata.badUrl' },
        { field: 'published', code: 'metadata.badDate' },
        { field: 'language', code: 'metadata.badLanguage' },
      ],
    })
    const decomposed = 'Vie\u0323\u0302t Nam'
    expect(validateMetadata({ title: ` ${decomposed} `, source: '', url: ' ', published: '', language: 'und' })).toEqual({
      ok: true,
      value: { title: 'Việt Nam', source: null, url: null, published: null, language: 'und' },
    })
  })
})
