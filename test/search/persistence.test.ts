import { describe, expect, it } from 'vitest'
import { SearchHost } from '../../src/common/search/search-host'
import { SearchIndex } from '../../src/common/search/search-index'
import { deserializeIndex, SearchIndexFormatError, serializeIndex, type SerializedSearchIndex } from '../../src/common/search/serialize'
import { buildIndex, corpus, doc, expectSameResults, ids, run } from './fixture'

const [first, second, ...rest] = corpus()

describe('incremental updates', () => {
  it('adds, replaces and removes one article, ending exactly where a fresh build would', () => {
    const index = buildIndex(corpus())
    const changed = { ...first!, stamp: '2', body: `${first!.body}\n\nBitel công bố kế hoạch mới với 500 trạm phát sóng.` }
    index.addArticle(changed)
    expect(index.removeArticle(second!.id)).toBe(true)
    expect(index.removeArticle(second!.id)).toBe(false)
    const extra = doc('fedcba987654', 'Hội nghị APEC năm nay bàn về chuyển đổi số và thương mại.', { published: '2025-02' })
    index.addArticle(extra)
    expect(index.articleCount).toBe(corpus().length)
    expect(index.stampOf(first!.id)).toBe('2')
    expect(index.stampOf(second!.id)).toBeNull()

    const fresh = buildIndex([...rest, changed, extra])
    expectSameResults(index, fresh)
    expect(ids(run(index, 'tram phat song'))).toEqual([first!.id])
    expect(ids(run(index, 'kim ngach'))).toEqual([])

    index.compact()
    expect(index.deadTokens).toBe(0)
    expectSameResults(index, fresh)
  })

  it('compacts by itself when replaced text piles up', () => {
    const index = new SearchIndex()
    const body = Array.from({ length: 4000 }, (_, i) => `đoạn ${i} về hợp tác kinh tế giữa hai nước.`).join('\n\n')
    for (let revision = 1; revision <= 12; revision++) index.addArticle(doc('big', `${body} Phiên bản ${revision}.`, { stamp: String(revision) }))
    expect(index.articleCount).toBe(1)
    // Twelve versions of 40,000 tokens were indexed; only a few dead ones may linger.
    expect(index.deadTokens).toBeLessThan(3 * index.liveTokens)
    expect(index.units.count).toBeLessThan(12 * 2)
    expect(ids(run(index, 'phien ban 12'))).toEqual(['big'])
    expect(run(index, '"phien ban 3"').total).toBe(0)
  })

  it('lists stamps so a saved index can be brought up to date', () => {
    const index = buildIndex(corpus())
    index.addArticle({ ...first!, stamp: '7' })
    const stamps = new Map(index.stamps())
    expect(stamps.size).toBe(corpus().length)
    expect(stamps.get(first!.id)).toBe('7')
    expect(stamps.get(second!.id)).toBe('1')
  })
})

describe('serialisation', () => {
  it('refuses an index saved before merged lists (version 1), and the host rebuilds it from the articles', () => {
    const data = serializeIndex(buildIndex(corpus()))
    // What version 1 wrote: the same, without the merged lists.
    const { mergedEntries: _entries, mergedByteLengths: _lengths, merged: _merged, ...terms } = data.terms
    const old = JSON.parse(JSON.stringify({ ...data, version: 1, terms }))
    expect(() => deserializeIndex(old)).toThrow(SearchIndexFormatError)
    const host = new SearchHost()
    expect(host.handle({ type: 'load', index: old })).toEqual({ type: 'failed', reason: expect.stringContaining('version 1, expected 2') })
    expect(host.handle({ type: 'put', articles: corpus() })).toEqual({ type: 'done', articleCount: corpus().length })
    const rebuilt = host.handle({ type: 'save' })
    expect(rebuilt.type === 'saved' && JSON.stringify(rebuilt.index)).toBe(JSON.stringify(data))
  })

  it('round-trips through JSON with identical results', () => {
    const index = buildIndex(corpus())
    const json = JSON.stringify(serializeIndex(index))
    const loaded = deserializeIndex(JSON.parse(json))
    expect(loaded.articleCount).toBe(index.articleCount)
    expectSameResults(loaded, index)
    expect(JSON.stringify(serializeIndex(loaded))).toBe(json)
  })

  it('keeps working incrementally after loading', () => {
    const loaded = deserializeIndex(JSON.parse(JSON.stringify(serializeIndex(buildIndex(corpus())))))
    const extra = doc('fedcba987654', 'Bitel khai trương trung tâm dữ liệu mới tại Arequipa.')
    loaded.addArticle(extra)
    loaded.removeArticle(second!.id)
    expectSameResults(loaded, buildIndex([first!, ...rest, extra]))
  })

  it('drops removed articles from what it writes', () => {
    const index = buildIndex(corpus())
    index.removeArticle(first!.id)
    const data = serializeIndex(index)
    expect(data.articles.map((entry) => entry.id)).not.toContain(first!.id)
    expect(data.units.text).not.toContain(first!.body)
  })

  it('is compact: posting lists are one base64 string, units are columns', () => {
    const data = serializeIndex(buildIndex(corpus()))
    expect(typeof data.spellings.postings).toBe('string')
    expect(data.units.field.every((field) => Number.isInteger(field))).toBe(true)
    expect(Object.keys(data).sort()).toEqual(['articles', 'format', 'spellings', 'terms', 'units', 'version'])
  })

  it.each([
    ['not an object', () => 42],
    ['another format', (data: SerializedSearchIndex) => ({ ...data, format: 'something-else' })],
    ['another version', (data: SerializedSearchIndex) => ({ ...data, version: 999 })],
    ['missing columns', (data: SerializedSearchIndex) => ({ ...data, units: { ...data.units, length: [] } })],
    ['unit count mismatch', (data: SerializedSearchIndex) => ({ ...data, articles: data.articles.slice(1) })],
    ['broken base64', (data: SerializedSearchIndex) => ({ ...data, spellings: { ...data.spellings, postings: `${data.spellings.postings.slice(0, -4)}!!!!` } })],
    ['truncated postings', (data: SerializedSearchIndex) => ({ ...data, spellings: { ...data.spellings, postings: data.spellings.postings.slice(0, 400) } })],
    ['a bad language', (data: SerializedSearchIndex) => ({ ...data, articles: data.articles.map((entry) => ({ ...entry, language: 'xx' })) })],
    ['no merged lists', (data: SerializedSearchIndex) => ({ ...data, terms: { ...data.terms, mergedEntries: data.terms.mergedEntries.map(() => 0), mergedByteLengths: data.terms.mergedByteLengths.map(() => 0), merged: '' } })],
    ['truncated merged lists', (data: SerializedSearchIndex) => ({ ...data, terms: { ...data.terms, merged: data.terms.merged.slice(0, 400) } })],
  ])('refuses %s with SearchIndexFormatError', (_name, corrupt) => {
    const data = serializeIndex(buildIndex(corpus()))
    expect(() => deserializeIndex(corrupt(data))).toThrow(SearchIndexFormatError)
  })
})
