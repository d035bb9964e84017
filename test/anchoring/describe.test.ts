import { describe as suite, expect, it } from 'vitest'
import { describe } from '../../src/common/anchoring/describe'
import { TextRangeError } from '../../src/common/anchoring/errors'
import { CONTEXT_LENGTH } from '../../src/common/anchoring/thresholds'
import { fixtureText, nth } from './fixtures'

suite('describe', () => {
  const text = fixtureText('viet-nam-peru.vi.txt')

  it('quotes the range with 32 code units of context on each side, and records the position', () => {
    const { start, end } = nth(text, '600 triệu USD', 1)
    const { quote, position } = describe(text, start, end)
    expect(CONTEXT_LENGTH).toBe(32)
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: '600 triệu USD',
      prefix: text.slice(start - 32, start),
      suffix: text.slice(end, end + 32),
    })
    expect(quote.prefix).toBe('thương mại hai chiều đạt khoảng ')
    expect(position).toEqual({ type: 'TextPositionSelector', start, end })
  })

  it('clamps the context at the edges of the text', () => {
    const first = describe(text, 0, 8)
    expect(first.quote.exact).toBe('Việt Nam')
    expect(first.quote.prefix).toBe('')
    const last = describe(text, text.length - 9, text.length)
    expect(last.quote.exact).toBe('du khách.')
    expect(last.quote.suffix).toBe('')
    expect(describe('Peru', 0, 4).quote).toEqual({ type: 'TextQuoteSelector', exact: 'Peru', prefix: '', suffix: '' })
  })

  it('keeps a surrogate pair whole at the edge of the context', () => {
    // The 32nd code unit before the quote is the second half of 🤝: the prefix starts after it.
    const emoji = `ab🤝${'x'.repeat(31)}QUOTE${'y'.repeat(31)}🤝cd`
    const start = emoji.indexOf('QUOTE')
    const { quote } = describe(emoji, start, start + 5)
    expect(quote.prefix).toBe('x'.repeat(31))
    expect(quote.suffix).toBe('y'.repeat(31))
    const wider = describe(emoji, start - 1, start + 6)
    expect(wider.quote.prefix).toBe('🤝' + 'x'.repeat(30))
    expect(wider.quote.suffix).toBe('y'.repeat(30) + '🤝')
  })

  it.each([
    ['empty', 5, 5],
    ['reversed', 6, 5],
    ['negative', -1, 5],
    ['past the end', 0, 5000],
    ['fractional', 0.5, 3],
  ])('throws a TextRangeError for a %s range', (_what, start, end) => {
    expect(() => describe(text, start, end)).toThrow(TextRangeError)
  })

  it('throws a TextRangeError for a range that cuts an emoji in half', () => {
    const emoji = 'Peru 🇵🇪 và Việt Nam'
    expect(() => describe(emoji, 0, 6)).toThrow(/cuts a surrogate pair in half/)
    expect(describe(emoji, 0, 9).quote.exact).toBe('Peru 🇵🇪')
  })
})
