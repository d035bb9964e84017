import { describe, expect, it } from 'vitest'
import { SearchIndex } from '../../src/common/search/search-index'
import type { SearchableArticle } from '../../src/common/search/searchable'
import { corpusIndex, doc, ids, run } from './fixture'

function indexOf(articles: readonly SearchableArticle[]): SearchIndex {
  const index = new SearchIndex()
  for (const article of articles) index.addArticle(article)
  return index
}

// Articles that share the common syllables, so that document frequencies look like a library's.
const filler = Array.from({ length: 8 }, (_, i) =>
  doc(`f${i}`, `Hai nước và các bên nhất trí tăng cường hợp tác và trao đổi đoàn số ${i}.`),
)

describe('ranking', () => {
  it('ranks an exact-accent match above a folded-only one', () => {
    const index = indexOf([
      ...filler,
      doc('hoa-grave', 'Hai bên mong muốn hòa bình và hợp tác lâu dài.'),
      doc('hoa-acute', 'Hai bên mong muốn hóa chất và hợp tác lâu dài.'),
      doc('hoa-dot', 'Hai bên mong muốn họa sĩ và hợp tác lâu dài.'),
    ])
    expect(ids(run(index, 'hòa', { prefix: false }))[0]).toBe('hoa-grave')
    expect(ids(run(index, 'hóa', { prefix: false }))[0]).toBe('hoa-acute')
    expect(ids(run(index, 'họa', { prefix: false }))[0]).toBe('hoa-dot')
    // Typed without diacritics: every spelling is as good.
    const plain = run(index, 'hoa', { prefix: false }).results
    expect(plain).toHaveLength(3)
    expect(new Set(plain.map((result) => result.score)).size).toBe(1)
  })

  it('treats old and new tone placement as the same exact spelling', () => {
    const index = indexOf([
      ...filler,
      doc('old', 'Quan hệ hữu nghị, hòa bình giữa hai nước.'),
      doc('new', 'Quan hệ hữu nghị, hoà bình giữa hai nước.'),
      doc('other', 'Quan hệ hữu nghị, hóa bình giữa hai nước.'),
    ])
    for (const query of ['hòa bình', 'hoà bình']) {
      const results = run(index, query, { prefix: false }).results
      expect(results.map((result) => result.articleId).slice(0, 2).sort()).toEqual(['new', 'old'])
      expect(results[0]!.score).toBe(results[1]!.score)
      expect(results[2]!.articleId).toBe('other')
      expect(results[2]!.score).toBeLessThan(results[1]!.score)
    }
  })

  it('does not let a common syllable drown a rare term', () => {
    const index = indexOf([
      ...filler,
      doc('many-va', 'Và và và hợp tác và phát triển và kinh tế và văn hoá và giáo dục và Bitel.'),
      doc('two-bitel', 'Bitel mở rộng mạng lưới và Bitel tuyển thêm kỹ sư.'),
    ])
    expect(ids(run(index, 'và bitel', { prefix: false }))).toEqual(['two-bitel', 'many-va'])
    const common = run(index, 'và', { prefix: false })
    expect(common.total).toBe(10)
    expect(common.results[0]!.score).toBeLessThan(run(index, 'bitel', { prefix: false }).results[0]!.score)
  })

  it('ranks the words of a phrase found together above the same words apart', () => {
    const index = indexOf([
      ...filler,
      doc('apart', 'Người dân yêu thương văn hoá Việt Nam; nhiều cửa hàng có chương trình khuyến mại.'),
      doc('together', 'Kim ngạch thương mại giữa hai nước tăng mạnh trong năm qua, theo số liệu mới.'),
    ])
    expect(ids(run(index, 'thuong mai', { prefix: false }))).toEqual(['together', 'apart'])
    expect(ids(run(index, '"thuong mai"', { prefix: false }))).toEqual(['together'])
    expect(ids(run(index, '"mai thuong"', { prefix: false }))).toEqual([])
  })

  it('does not match a phrase across a sentence end', () => {
    const index = indexOf([doc('split', 'Hai nước thúc đẩy thương. Mại dâm là tệ nạn.'), doc('whole', 'Hai nước thúc đẩy thương mại.')])
    expect(ids(run(index, '"thuong mai"', { prefix: false }))).toEqual(['whole'])
  })

  it('weighs title and tag hits above body hits', () => {
    const tag = { id: 'tg_00000000000000b1', names: ['Viễn thông'], ancestorNames: [] }
    const index = indexOf([
      ...filler,
      doc('in-body', 'Tin tức viễn thông trong nước hôm nay, nhiều chi tiết.', { title: 'Tin ngắn hôm nay' }),
      doc('in-title', 'Tin tức trong nước hôm nay, nhiều chi tiết hơn nữa.', { title: 'Viễn thông hôm nay' }),
      doc('in-tag', 'Tin tức trong nước hôm nay, nhiều chi tiết hơn nữa.', {
        title: 'Tin ngắn hôm nay',
        annotations: [{ id: 'an_00000000000000b1', quote: 'Tin tức', note: '', color: 'yellow', tags: [tag] }],
      }),
    ])
    const order = ids(run(index, 'vien thong', { prefix: false }))
    expect(order.indexOf('in-title')).toBeLessThan(order.indexOf('in-body'))
    expect(order.indexOf('in-tag')).toBeLessThan(order.indexOf('in-body'))
  })

  it('completes the word being typed, the whole word first', () => {
    const index = indexOf([...filler, doc('whole', 'Đoàn công tác tới Peru.'), doc('longer', 'Đoàn công tác gặp đối tác peruano.')])
    expect(ids(run(index, 'peru', { prefix: true }))).toEqual(['whole', 'longer'])
    expect(ids(run(index, 'peru', { prefix: false }))).toEqual(['whole'])
    expect(ids(run(index, 'peru ', { prefix: true }))).toEqual(['whole'])
    expect(ids(run(index, 'doan per'))).toEqual(['whole', 'longer'])
  })

  it('requires every word, and falls back to some of them (saying so) when no article has all', () => {
    const index = corpusIndex()
    const all = run(index, 'bitel giao duc', { prefix: false })
    expect(all.mode).toBe('all')
    expect(ids(all)).toEqual(['a1b2c3d4e5f6'])
    const some = run(index, 'bitel xyzzy', { prefix: false })
    expect(some.mode).toBe('any')
    expect(ids(some).sort()).toEqual(['9a8b7c6d5e4f', 'a1b2c3d4e5f6'])
  })

  it('orders ties newest first, then by id, and pages consistently', () => {
    const index = indexOf([
      doc('b', 'Hội thảo APEC.', { published: '2024-05' }),
      doc('a', 'Hội thảo APEC.', { published: '2024-05' }),
      doc('c', 'Hội thảo APEC.', { published: '2025-01-02' }),
      doc('d', 'Hội thảo APEC.', { published: null }),
    ])
    expect(ids(run(index, 'apec'))).toEqual(['c', 'a', 'b', 'd'])
    const pages = [0, 1, 2, 3].map((offset) => ids(run(index, 'apec', { offset, limit: 1 })))
    expect(pages.flat()).toEqual(['c', 'a', 'b', 'd'])
    expect(run(index, 'apec', { offset: 3, limit: 5 })).toMatchObject({ total: 4, offset: 3 })
  })

  it('gives the same results on every run', () => {
    const index = corpusIndex()
    const first = run(index, 'viet nam peru')
    expect(run(index, 'viet nam peru')).toEqual(first)
  })
})
