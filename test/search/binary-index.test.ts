import { describe, expect, it } from 'vitest'
import { decodeBinaryIndex, encodeBinaryIndex } from '../../src/common/search/binary-index'
import { SearchIndex } from '../../src/common/search/search-index'
import type { SearchableArticle } from '../../src/common/search/searchable'
import { SearchIndexFormatError } from '../../src/common/search/serialize'
import { encodeUtf8 } from '../../src/common/search/utf8'
import { corpus, doc, run } from './fixture'

const QUERIES = ['viet nam', 'duong', 'hòa bình', '"thuong mai"', 'bitel giao duc', 'peru lang:en', 'tag:economy', 'has:note', 'date:2024 peru', 'thuo', 'dau tu', '30000', 'hop tac kinh']

function build(articles: readonly SearchableArticle[]): SearchIndex {
  const index = new SearchIndex()
  for (const entry of articles) index.addArticle(entry)
  return index
}

function expectSameResults(actual: SearchIndex, expected: SearchIndex): void {
  for (const query of QUERIES) {
    for (const prefix of [false, true]) expect(run(actual, query, { prefix, hitsPerArticle: 10 }), query).toEqual(run(expected, query, { prefix, hitsPerArticle: 10 }))
  }
}

const [first, second, ...rest] = corpus()

describe('the binary cache file of the index', () => {
  it('round-trips with identical results, the sequence number and identical bytes', () => {
    const index = build(corpus())
    const bytes = encodeBinaryIndex(index, 1234)
    const { seq, index: loaded } = decodeBinaryIndex(bytes)
    expect(seq).toBe(1234)
    expect(loaded.articleCount).toBe(index.articleCount)
    expectSameResults(loaded, index)
    // Texts never read since loading are written from the loaded bytes, unchanged.
    expect(encodeBinaryIndex(loaded, 1234)).toEqual(bytes)
  })

  it('keeps working incrementally after loading (posting lists that were views of the file grow into their own memory)', () => {
    const bytes = encodeBinaryIndex(build(corpus()), 1)
    const copy = bytes.slice()
    const { index: loaded } = decodeBinaryIndex(bytes)
    const extra = doc('fedcba987654', 'Bitel khai trương trung tâm dữ liệu mới tại Arequipa về thương mại.')
    loaded.addArticle(extra)
    loaded.removeArticle(second!.id)
    loaded.addArticle({ ...first!, stamp: '2', body: `${first!.body}\n\nHợp tác viễn thông Việt Nam.` })
    expectSameResults(loaded, build([...rest, extra, { ...first!, stamp: '2', body: `${first!.body}\n\nHợp tác viễn thông Việt Nam.` }]))
    // The file's bytes were never written through.
    expect(bytes).toEqual(copy)
    loaded.compact()
    const again = decodeBinaryIndex(encodeBinaryIndex(loaded, 2)).index
    expectSameResults(again, loaded)
  })

  it('is smaller than 1.5 times the text it indexes', () => {
    const articles = corpus()
    const index = build(articles)
    let text = 0
    for (let unit = 0; unit < index.units.count; unit++) text += encodeUtf8(index.units.textOf(unit)).length
    const file = encodeBinaryIndex(index, 1).length
    expect(file).toBeLessThan(1.5 * text + 64 * 1024)
  })

  it.each([
    ['an empty file', () => new Uint8Array(0)],
    ['another magic', (bytes: Uint8Array) => Uint8Array.from([0x58, ...bytes.subarray(1)])],
    ['another version', (bytes: Uint8Array) => {
      const copy = bytes.slice()
      copy[4] = 99
      return copy
    }],
    ['a truncated file', (bytes: Uint8Array) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['a head that is not JSON', (bytes: Uint8Array) => {
      const copy = bytes.slice()
      copy.fill(0x7b, 16, 40)
      return copy
    }],
  ])('refuses %s with SearchIndexFormatError', (_name, corrupt) => {
    const bytes = encodeBinaryIndex(build(corpus()), 1)
    expect(() => decodeBinaryIndex(corrupt(bytes))).toThrow(SearchIndexFormatError)
  })
})
