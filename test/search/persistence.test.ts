import { describe, expect, it } from 'vitest'
import { BINARY_INDEX_VERSION, decodeBinaryIndex, encodeBinaryIndex } from '../../src/common/search/binary-index'
import { memorySource, type ByteSource } from '../../src/common/search/byte-source'
import { SearchIndexFormatError } from '../../src/common/search/saved-articles'
import { SearchIndex } from '../../src/common/search/search-index'
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

describe('the saved form', () => {
  it('refuses a file of another version, and the host rebuilds the index from the articles', () => {
    const bytes = encodeBinaryIndex(buildIndex(corpus()), 1)
    const old = bytes.slice()
    new DataView(old.buffer).setUint32(4, 2, true)
    expect(() => decodeBinaryIndex(old)).toThrow(SearchIndexFormatError)
    expect(() => decodeBinaryIndex(old)).toThrow(`version 2, expected 3 to ${BINARY_INDEX_VERSION}`)
  })

  it('drops removed articles from what it writes', () => {
    const index = buildIndex(corpus())
    index.removeArticle(first!.id)
    const loaded = decodeBinaryIndex(encodeBinaryIndex(index, 1)).index
    expect(loaded.articles.map((entry) => entry.id)).not.toContain(first!.id)
    expect(Array.from({ length: loaded.units.count }, (_, unit) => loaded.units.textOf(unit))).not.toContain(first!.body)
    expect(loaded.deadTokens).toBe(0)
  })

  it('reads nothing of the lists and texts until a query needs them', () => {
    const index = buildIndex(corpus())
    const loaded = decodeBinaryIndex(encodeBinaryIndex(index, 1)).index
    const lists = () => [...loaded.terms.values()].flatMap((term) => term.variants.map((variant) => variant.postings))
    expect(lists().every((list) => list.unread)).toBe(true)
    expect(loaded.units.storedTextOf(0)).not.toBeNull()
    run(loaded, 'bitel')
    const read = lists().filter((list) => !list.unread).length
    expect(read).toBeGreaterThan(0)
    expect(read).toBeLessThan(lists().length / 10)
    expectSameResults(loaded, index)
  })

  it("reads an article's record only when a query needs it, and the records read equal the built ones", () => {
    const index = buildIndex(corpus())
    const bytes = encodeBinaryIndex(index, 1)
    // A highlight's id lies in its article's record, nowhere else in the file.
    const annotated = corpus().find((entry) => entry.annotations.length > 0)!
    const at = Buffer.from(bytes).indexOf(annotated.annotations[0]!.id)
    expect(at).toBeGreaterThan(0)
    const reads: Array<[number, number]> = []
    const memory = memorySource(bytes)
    const source: ByteSource = {
      length: memory.length,
      read(offset, length) {
        reads.push([offset, offset + length])
        return memory.read(offset, length)
      },
    }
    const touched = () => reads.some(([from, to]) => from <= at && at < to)
    const loaded = decodeBinaryIndex(source).index
    run(loaded, 'bitel')
    expect(touched()).toBe(false)
    // A filter on highlights reads every candidate's record.
    run(loaded, 'has:highlight')
    expect(touched()).toBe(true)
    const plain = (entry: (typeof index.articles)[number]) => ({ firstUnit: entry.firstUnit, unitCount: entry.unitCount, id: entry.id, stamp: entry.stamp, source: entry.source, sourceKey: entry.sourceKey, language: entry.language, published: entry.published, days: entry.days, annotations: entry.annotations, alive: entry.alive })
    expect(loaded.articles.map(plain)).toEqual(index.articles.map(plain))
    expectSameResults(loaded, index)
  })
})
