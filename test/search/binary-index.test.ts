import { describe, expect, it } from 'vitest'
import { decodeBinaryIndex, encodeBinaryIndex } from '../../src/common/search/binary-index'
import { SearchIndexFormatError } from '../../src/common/search/saved-articles'
import { encodeUtf8 } from '../../src/common/search/utf8'
import { buildIndex, corpus, doc, expectSameResults } from './fixture'

const [first, second, ...rest] = corpus()

describe('the binary cache file of the index', () => {
  it('round-trips with identical results, the sequence number and identical bytes', () => {
    const index = buildIndex(corpus())
    const bytes = encodeBinaryIndex(index, 1234)
    const { seq, index: loaded } = decodeBinaryIndex(bytes)
    expect(seq).toBe(1234)
    expect(loaded.articleCount).toBe(index.articleCount)
    expectSameResults(loaded, index)
    // Texts never read since loading are written from the loaded bytes, unchanged.
    expect(encodeBinaryIndex(loaded, 1234)).toEqual(bytes)
  })

  it('keeps working incrementally after loading (posting lists that were views of the file grow into their own memory)', () => {
    const bytes = encodeBinaryIndex(buildIndex(corpus()), 1)
    const copy = bytes.slice()
    const { index: loaded } = decodeBinaryIndex(bytes)
    const extra = doc('fedcba987654', 'Bitel khai trương trung tâm dữ liệu mới tại Arequipa về thương mại.')
    loaded.addArticle(extra)
    loaded.removeArticle(second!.id)
    loaded.addArticle({ ...first!, stamp: '2', body: `${first!.body}\n\nHợp tác viễn thông Việt Nam.` })
    expectSameResults(loaded, buildIndex([...rest, extra, { ...first!, stamp: '2', body: `${first!.body}\n\nHợp tác viễn thông Việt Nam.` }]))
    // The file's bytes were never written through.
    expect(bytes).toEqual(copy)
    loaded.compact()
    const again = decodeBinaryIndex(encodeBinaryIndex(loaded, 2)).index
    expectSameResults(again, loaded)
  })

  it('opens from bytes at any alignment (columns not on a 4-byte boundary are copied)', () => {
    const index = buildIndex(corpus())
    const bytes = encodeBinaryIndex(index, 5)
    const shifted = new Uint8Array(bytes.length + 1)
    shifted.set(bytes, 1)
    const { seq, index: loaded } = decodeBinaryIndex(shifted.subarray(1))
    expect(seq).toBe(5)
    expectSameResults(loaded, index)
  })

  it('is smaller than 1.5 times the text it indexes', () => {
    const articles = corpus()
    const index = buildIndex(articles)
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
    const bytes = encodeBinaryIndex(buildIndex(corpus()), 1)
    expect(() => decodeBinaryIndex(corrupt(bytes))).toThrow(SearchIndexFormatError)
  })
})
