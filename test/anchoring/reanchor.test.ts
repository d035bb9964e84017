import { describe as suite, expect, it } from 'vitest'
import { describe } from '../../src/common/anchoring/describe'
import { FoldedText } from '../../src/common/anchoring/folded-text'
import { reanchor } from '../../src/common/anchoring/reanchor'
import { fixtureText, nth } from './fixtures'

suite('reanchor', () => {
  const text = fixtureText('viet-nam-peru.vi.txt')

  it('tells identical passages in identical surroundings apart by closeness to the old position', () => {
    // The same paragraph twice: every candidate's quote and context agree, only position differs.
    const paragraph = 'Hai bên nhất trí thúc đẩy hợp tác trong các lĩnh vực viễn thông, giáo dục và nông nghiệp, đồng thời phối hợp chặt chẽ tại APEC.'
    const before = [paragraph, paragraph, paragraph].join('\n\n')
    const second = nth(before, 'viễn thông, giáo dục', 2)
    const selectors = describe(before, second.start, second.end)
    const after = `Hà Nội – ${before}`
    expect(reanchor(selectors, after)).toEqual({ status: 'anchored', ...nth(after, 'viễn thông, giáo dục', 2), method: 'quote' })
  })

  it('anchors by the quote alone when there is no position (an orphan imported from a W3C file)', () => {
    const { start, end } = nth(text, 'Bitel trở thành một trong những nhà mạng lớn của Peru', 1)
    const { quote } = describe(text, start, end)
    expect(reanchor({ quote, position: null }, text)).toEqual({ status: 'anchored', start, end, method: 'quote' })
  })

  it('falls back to the quote when the stored position is past the end of the text', () => {
    const { start, end } = nth(text, 'APEC 2027', 1)
    const { quote } = describe(text, start, end)
    const stale = { type: 'TextPositionSelector', start: start + 5000, end: end + 5000 } as const
    expect(reanchor({ quote, position: stale }, text)).toEqual({ status: 'anchored', start, end, method: 'quote' })
  })

  it('gives the same answer for a string and a prepared FoldedText', () => {
    const selectors = describe(text, ...startEnd(nth(text, 'Hai bên nhất trí tăng cường trao đổi đoàn các cấp.', 2)))
    const after = text.replace('Lima, ngày 12/3', 'Lima (Peru), ngày 12/3')
    expect(reanchor(selectors, new FoldedText(after))).toEqual(reanchor(selectors, after))
  })

  it('looks for an edited passage only where fuzzyRange allows, and not at all when it is null', () => {
    const { start, end } = nth(text, 'Bitel trở thành một trong những nhà mạng lớn của Peru', 1)
    const selectors = describe(text, start, end)
    const after = text.replace('nhà mạng lớn', 'nhà mạng lớn nhất')
    const moved = nth(after, 'Bitel trở thành một trong những nhà mạng lớn nhất của Peru', 1)
    const found = { status: 'anchored', ...moved, method: 'fuzzy' }
    expect(reanchor(selectors, after)).toEqual(found)
    expect(reanchor(selectors, after, { fuzzyRange: { start: moved.start - 40, end: moved.end + 40 } })).toEqual(found)
    expect(reanchor(selectors, after, { fuzzyRange: { start: 0, end: moved.start } })).toEqual({ status: 'orphan' })
    expect(reanchor(selectors, after, { fuzzyRange: null })).toEqual({ status: 'orphan' })
  })

  it('orphans a quote without context that is too short to identify itself', () => {
    // A foreign tool may store no prefix or suffix: "Peru" alone could be any of a dozen places.
    const quote = { type: 'TextQuoteSelector', exact: 'Peru', prefix: '', suffix: '' } as const
    expect(reanchor({ quote, position: null }, text)).toEqual({ status: 'orphan' })
  })

  it('anchors a quote without context that is long enough to identify itself', () => {
    const exact = 'Bitel đã kết nối Internet miễn phí cho hàng nghìn trường học ở vùng nông thôn Peru'
    const quote = { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' } as const
    expect(reanchor({ quote, position: null }, text)).toEqual({ status: 'anchored', ...nth(text, exact, 1), method: 'quote' })
  })
})

function startEnd(range: { start: number; end: number }): [number, number] {
  return [range.start, range.end]
}
