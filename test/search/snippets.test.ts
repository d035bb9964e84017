import { describe, expect, it } from 'vitest'
import { foldedKey } from '../../src/common/search/fold'
import type { SearchHit } from '../../src/common/search/results'
import { SearchIndex } from '../../src/common/search/search-index'
import type { SearchableArticle } from '../../src/common/search/searchable'
import { decodeBinaryIndex, encodeBinaryIndex } from '../../src/common/search/binary-index'
import { makeSnippet } from '../../src/common/search/snippet'
import { article, corpus, corpusIndex, doc, run } from './fixture'

/** The text of the field a hit points into. */
function fieldText(entry: SearchableArticle, hit: SearchHit): string {
  if (hit.field === 'title') return entry.title
  if (hit.field === 'body') return entry.body
  const annotation = entry.annotations.find((candidate) => candidate.id === hit.annotationId)!
  if (hit.field === 'quote') return annotation.quote
  if (hit.field === 'note') return annotation.note
  return annotation.tags.find((tag) => tag.id === hit.tagId)!.names.join('\n')
}

const index = corpusIndex()
const byId = new Map(corpus().map((entry) => [entry.id, entry]))

describe('snippets and offsets', () => {
  it.each(['duong', 'viet nam', 'hoà bình', '"thuong mai"', 'dau tu', 'giao duc', '30000', 'cptpp', 'bit', 'thuy uy ban'])(
    'for %j, every snippet is a slice of the field and every mark a hit word',
    (query) => {
      const response = run(index, query, { hitsPerArticle: 10 })
      expect(response.total).toBeGreaterThan(0)
      for (const result of response.results) {
        for (const hit of result.hits) {
          const text = fieldText(byId.get(result.articleId)!, hit)
          expect(text.slice(hit.snippetStart, hit.snippetEnd)).toBe(hit.snippet)
          expect(hit.marks.length).toBeGreaterThan(0)
          expect(hit.snippetMarks).toEqual(hit.marks.map((mark) => ({ start: mark.start - hit.snippetStart, end: mark.end - hit.snippetStart })))
          for (const mark of hit.marks) {
            expect(mark.start).toBeGreaterThanOrEqual(hit.snippetStart)
            expect(mark.end).toBeLessThanOrEqual(hit.snippetEnd)
            // A mark covers whole words of the original text, never part of one.
            expect(text.slice(mark.start, mark.end)).toMatch(/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}.,\s]*$/u)
          }
        }
      }
    },
  )

  it('marks the accented original when the query had no diacritics', () => {
    const hit = run(index, 'duong', { prefix: false }).results.find((result) => result.articleId === 'a1b2c3d4e5f6')!.hits[0]!
    const body = article('a1b2c3d4e5f6').body
    expect(hit.field).toBe('body')
    expect(hit.marks.map((mark) => body.slice(mark.start, mark.end))).toEqual(['Đường'])
    expect(hit.snippet.slice(hit.snippetMarks[0]!.start, hit.snippetMarks[0]!.end)).toBe('Đường')
  })

  it('marks whole phrases, and words typed in any form', () => {
    const phrase = run(index, '"thuong mai"', { hitsPerArticle: 10 }).results[0]!.hits.find((hit) => hit.field === 'body')!
    expect(phrase.marks.map((mark) => article('0f1e2d3c4b5a').body.slice(mark.start, mark.end))).toEqual(['thương mại'])
    const number = run(index, '30000').results[0]!.hits[0]!
    expect(number.snippet.slice(number.snippetMarks[0]!.start, number.snippetMarks[0]!.end)).toBe('30.000')
  })

  it('gives offsets into decomposed (NFD) text as stored', () => {
    const entry = article('c0ffee123456')
    const hit = run(index, 'dau tu').results.find((result) => result.articleId === entry.id)!.hits.find((candidate) => candidate.field === 'body')!
    const words = hit.marks.map((mark) => entry.body.slice(mark.start, mark.end))
    expect(words.every((word) => word !== word.normalize('NFC'))).toBe(true)
    expect(words.map((word) => foldedKey(word))).toEqual(expect.arrayContaining(['dau', 'tu']))
  })

  it('says which field, highlight and tag each hit comes from', () => {
    const hits = run(index, 'vien thong', { hitsPerArticle: 10 }).results.find((result) => result.articleId === 'a1b2c3d4e5f6')!.hits
    expect(hits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'tag', annotationId: 'an_0000000000000001', tagId: 'tg_00000000000000a1', snippet: 'Viễn thông' }),
        expect.objectContaining({ field: 'note', annotationId: 'an_0000000000000001', tagId: null }),
        expect.objectContaining({ field: 'body', annotationId: null, tagId: null }),
      ]),
    )
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a))
  })

  it('limits hits per article and counts them all', () => {
    const result = run(index, 'vien thong', { hitsPerArticle: 1 }).results.find((candidate) => candidate.articleId === 'a1b2c3d4e5f6')!
    expect(result.hits).toHaveLength(1)
    expect(result.hitCount).toBeGreaterThan(1)
  })

  it('centres a long body’s snippet on the hit, within its paragraph, cut at word boundaries', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => `Đoạn ${i}: hai bên trao đổi về hợp tác kinh tế, văn hoá, giáo dục và nhiều lĩnh vực khác trong khuôn khổ quan hệ song phương.`)
    paragraphs[21] = `${paragraphs[21]} Riêng Bitel đã đầu tư thêm vào hạ tầng cáp quang ở vùng núi Andes, theo thông báo của công ty hôm thứ Hai.`
    const body = paragraphs.join('\n\n')
    const local = new SearchIndex()
    local.addArticle(doc('long', body))
    const hit = run(local, 'bitel').results[0]!.hits[0]!
    expect(hit.snippet).toContain('Bitel')
    expect(hit.snippet).not.toContain('\n')
    expect(hit.snippet.length).toBeLessThanOrEqual(160)
    expect(hit.snippet.length).toBeGreaterThan(100)
    expect(hit.truncatedStart).toBe(true)
    expect(hit.truncatedEnd).toBe(true)
    expect(body.slice(hit.snippetStart - 1, hit.snippetStart)).toMatch(/\s/u)
    expect(body.slice(hit.marks[0]!.start, hit.marks[0]!.end)).toBe('Bitel')
  })

  it('finds the same offsets deep in a long body after a save and load', () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Đoạn ${i}: hai bên trao đổi về hợp tác kinh tế và giáo dục.`)
    paragraphs[33] = 'Viettel và Bitel công bố số thuê bao mới tại Peru.'
    const body = paragraphs.join('\n\n')
    const local = new SearchIndex()
    local.addArticle(doc('long', body))
    const loaded = decodeBinaryIndex(encodeBinaryIndex(local, 1)).index
    for (const index of [local, loaded]) {
      const hit = run(index, 'bitel peru').results[0]!.hits[0]!
      expect(hit.marks.map((mark) => body.slice(mark.start, mark.end))).toEqual(['Bitel', 'Peru'])
      expect(hit.marks[0]!.start).toBe(body.indexOf('Bitel'))
    }
  })

  it('prefers the window holding the most different query words', () => {
    const text = 'Peru xuất khẩu bột cá. Việt Nam nhập khẩu. Một đoạn dài không liên quan gì cả. Bitel và Peru ký thoả thuận mới.'
    const spans = [
      { start: 0, end: 4, group: 0 },
      { start: text.indexOf('Bitel'), end: text.indexOf('Bitel') + 5, group: 1 },
      { start: text.lastIndexOf('Peru'), end: text.lastIndexOf('Peru') + 4, group: 0 },
    ]
    const snippet = makeSnippet(text, spans, 40)
    expect(snippet.text).toContain('Bitel và Peru')
    expect(snippet.snippetMarks).toHaveLength(2)
  })

  it('shows the start of a field when there is no hit to centre on', () => {
    const snippet = makeSnippet('Một hai ba bốn năm sáu bảy tám chín mười', [], 20)
    expect(snippet).toMatchObject({ start: 0, text: 'Một hai ba bốn năm', truncatedStart: false, truncatedEnd: true, marks: [] })
  })
})
