import { describe, expect, it } from 'vitest'
import { mergeSpellings, MergedPostings } from '../../src/common/search/merged-postings'
import { PostingList } from '../../src/common/search/posting-list'
import type { SearchIndex } from '../../src/common/search/search-index'
import { decodeBinaryIndex, encodeBinaryIndex } from '../../src/common/search/binary-index'
import { corpus, corpusIndex, doc } from './fixture'

/**
 * A key of several spellings keeps their counts merged in one list (merged-postings.ts), kept up
 * to date as articles come in, rebuilt when a spelling first appears and when the index compacts,
 * and saved with the index. Whatever the route, it must hold exactly what merging the spellings'
 * lists from scratch gives: ranking reads it instead of them.
 */
function expectMergedListsMatchTheSpellings(index: SearchIndex): number {
  let checked = 0
  for (const term of index.terms.values()) {
    if (term.variants.length < 2) {
      expect(term.merged, term.key).toBeNull()
      continue
    }
    const fresh = mergeSpellings(term.variants.map((variant) => variant.postings))
    expect(term.merged, term.key).not.toBeNull()
    expect(Array.from(term.merged!.view()), term.key).toEqual(Array.from(fresh.view()))
    expect(term.merged!.entries, term.key).toBe(fresh.entries)
    expect(term.merged!.lastUnit, term.key).toBe(fresh.lastUnit)
    checked++
  }
  return checked
}

describe('merged posting lists', () => {
  it('encode each unit with the spellings it holds and their counts', () => {
    const first = new PostingList()
    first.append(2, [0, 5])
    first.append(9, [1])
    const second = new PostingList()
    second.append(2, [3])
    second.append(4, [0, 1, 7])
    const merged = mergeSpellings([first, second])
    // unit 2: both (mask 3), counts 2 and 1; unit 4: the second (mask 2), 3; unit 9: the first (mask 1), 1.
    expect(Array.from(merged.view())).toEqual([3, 3, 2, 1, 2, 2, 3, 5, 1, 1])
    expect(merged.entries).toBe(3)
    expect(merged.lastUnit).toBe(9)
    expect(() => merged.append(9, 1, [1])).toThrow(/must grow/)
    expect(() => new MergedPostings().append(1, 0, [])).toThrow(/mask/)
  })

  it('match the spellings after a build, updates, a new spelling, compaction and a reload', () => {
    const index = corpusIndex()
    expect(expectMergedListsMatchTheSpellings(index)).toBeGreaterThan(10)
    const [first, second] = corpus()
    index.addArticle({ ...first!, stamp: '2', body: `${first!.body}\n\nVIÊN viện viễn vien Viển` })
    index.removeArticle(second!.id)
    // A spelling no article had: the key's merged list is rebuilt with it.
    index.addArticle(doc('fedcba987654', 'Viễn thông: viẽn, VIỄN, viên chức, thống nhất.'))
    expectMergedListsMatchTheSpellings(index)
    index.compact()
    expectMergedListsMatchTheSpellings(index)
    const loaded = decodeBinaryIndex(encodeBinaryIndex(index, 1)).index
    expect(expectMergedListsMatchTheSpellings(loaded)).toBeGreaterThan(10)
    loaded.addArticle(doc('0123456789ab', 'Hòa bình, hoà giải, hóa học và họa sĩ.'))
    expectMergedListsMatchTheSpellings(loaded)
  })
})
