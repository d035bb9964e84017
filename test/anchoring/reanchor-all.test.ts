import { describe as suite, expect, it } from 'vitest'
import { describe } from '../../src/common/anchoring/describe'
import { reanchor } from '../../src/common/anchoring/reanchor'
import { reanchorAll } from '../../src/common/anchoring/reanchor-all'
import { fixtureText, nth } from './fixtures'

suite('reanchorAll', () => {
  const before = fixtureText('viet-nam-peru.vi.txt')
  const quotes = [
    'Việt Nam và Peru mở rộng hợp tác',
    'Bitel trở thành một trong những nhà mạng lớn của Peru',
    'Hai bên cũng đang trao đổi về chương trình học bổng để sinh viên Peru sang học tập tại Việt Nam.',
    'Peru đã đăng cai Năm APEC 2024 tại Lima',
  ]
  const annotations = quotes.map((quote) => {
    const { start, end } = nth(before, quote, 1)
    return describe(before, start, end)
  })
  // A typo fix inside the second passage, the third passage deleted, everything after shifted.
  const after = before
    .replace('những nhà mạng lớn của Peru', 'những nhà mạng lớn nhất của Peru')
    .replace(' Hai bên cũng đang trao đổi về chương trình học bổng để sinh viên Peru sang học tập tại Việt Nam.', '')

  it('returns one result per annotation, in order, with fresh selectors for the anchored ones', () => {
    const results = reanchorAll(annotations, after)
    expect(results.map((result) => result.status)).toEqual(['anchored', 'anchored', 'orphan', 'anchored'])
    expect(results.map((result) => (result.status === 'anchored' ? result.method : null))).toEqual(['position', 'fuzzy', null, 'quote'])
    const moved = nth(after, 'Peru đã đăng cai Năm APEC 2024 tại Lima', 1)
    expect(results[3]).toEqual({ status: 'anchored', method: 'quote', ...describe(after, moved.start, moved.end) })
    expect(results[1]?.quote.exact).toBe('Bitel trở thành một trong những nhà mạng lớn nhất của Peru')
  })

  it('keeps an orphan’s selectors exactly as they were, so its quote can be shown and found later', () => {
    const [, , orphan] = reanchorAll(annotations, after)
    expect(orphan).toEqual({ status: 'orphan', quote: annotations[2]!.quote, position: annotations[2]!.position })
    // Undoing the edit brings it back.
    const [again] = reanchorAll([orphan!], before)
    expect(again).toMatchObject({ status: 'anchored', method: 'position' })
  })

  it('produces selectors that anchor by position in the new text', () => {
    for (const result of reanchorAll(annotations, after)) {
      if (result.status === 'anchored') {
        expect(reanchor(result, after)).toEqual({ status: 'anchored', start: result.position.start, end: result.position.end, method: 'position' })
      }
    }
  })

  it('searches for an edited passage only between its re-anchored neighbours', () => {
    // A phrase inside the last paragraph, edited, and the paragraph moved to the top: it now lies
    // before its neighbours, where reanchorAll does not look (the documented price of its speed),
    // while a single reanchor, searching everywhere, still finds it.
    const blocks = before.split('\n\n')
    const last = blocks.at(-1)!
    const passage = 'mở đường bay thẳng và đơn giản hóa'
    const selectors = [passage, 'Bitel trở thành một trong những nhà mạng lớn của Peru', 'Việt Nam và Peru đều là thành viên'].map((quote) =>
      describe(before, ...startEnd(nth(before, quote, 1))),
    )
    const edited = last.replace('mở đường bay', 'mở các đường bay')
    const after = [blocks[0], edited, ...blocks.slice(1, -1)].join('\n\n')
    const [moved, ...neighbours] = reanchorAll(selectors, after)
    expect(neighbours.map((result) => result.status)).toEqual(['anchored', 'anchored'])
    expect(moved?.status).toBe('orphan')
    expect(reanchor(selectors[0]!, after)).toEqual({ status: 'anchored', ...nth(after, 'mở các đường bay thẳng và đơn giản hóa', 1), method: 'fuzzy' })
  })

  it('does not take a former orphan for a landmark: its position belongs to an older text', () => {
    const passage = nth(before, 'Bitel trở thành một trong những nhà mạng lớn của Peru', 1)
    const apec = nth(before, 'Peru đã đăng cai Năm APEC 2024 tại Lima', 1)
    // Orphaned by an earlier edit, when it sat just before the passage; its text is back now.
    const formerOrphan = {
      ...describe(before, apec.start, apec.end),
      position: { type: 'TextPositionSelector', start: passage.start - 40, end: passage.start - 10 },
      status: 'orphan',
    } as const
    const after = before.replace('nhà mạng lớn của Peru', 'nhà mạng lớn nhất của Peru')
    const [edited, back] = reanchorAll([describe(before, passage.start, passage.end), formerOrphan], after)
    expect(back).toMatchObject({ status: 'anchored', method: 'quote' })
    expect(edited).toMatchObject({ status: 'anchored', method: 'fuzzy', quote: { exact: 'Bitel trở thành một trong những nhà mạng lớn nhất của Peru' } })
  })

  it('searches the whole text when the neighbours themselves were reordered', () => {
    // The paragraphs before and after the passage swap places, so they no longer bracket it.
    const blocks = before.split('\n\n')
    const passage = 'giúp giáo viên và học sinh tiếp cận tài liệu trực tuyến'
    const selectors = [passage, 'Bitel trở thành một trong những nhà mạng lớn của Peru', 'hai nước thường xuyên phối hợp'].map((quote) =>
      describe(before, ...startEnd(nth(before, quote, 1))),
    )
    const [b0, b1, b2, telecom, education, apec, ...rest] = blocks
    const after = [b0, b1, b2, apec, education!.replace('tiếp cận tài liệu', 'tiếp cận các tài liệu'), telecom, ...rest].join('\n\n')
    const [found] = reanchorAll(selectors, after)
    expect(found).toMatchObject({ status: 'anchored', method: 'fuzzy', quote: { exact: 'giúp giáo viên và học sinh tiếp cận các tài liệu trực tuyến' } })
  })
})

function startEnd(range: { start: number; end: number }): [number, number] {
  return [range.start, range.end]
}
