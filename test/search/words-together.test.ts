import { describe, expect, it } from 'vitest'
import { kthLargest } from '../../src/common/search/kth-largest'
import { ADJACENCY_DEPTH, RERANK_DEPTH } from '../../src/common/search/rank'
import type { SearchResponse } from '../../src/common/search/results'
import { SearchIndex } from '../../src/common/search/search-index'
import type { SearchableArticle } from '../../src/common/search/searchable'
import { doc, ids, run } from './fixture'

function indexOf(articles: readonly SearchableArticle[]): SearchIndex {
  const index = new SearchIndex()
  for (const article of articles) index.addArticle(article)
  return index
}

function flags(response: SearchResponse): Record<string, boolean> {
  return Object.fromEntries(response.results.map((result) => [result.articleId, result.scattered]))
}

// Articles that share the common syllables, so that document frequencies look like a library's.
const filler = Array.from({ length: 6 }, (_, i) => doc(`f${i}`, `Hai bên nhất trí tăng cường hợp tác và trao đổi đoàn số ${i}.`))

// The case: "vien thong" found an article without "viễn thông" among five, and ranked it
// high because it has "thống" and "viên" in its title and several times in its text.
const together = doc('together', 'Hai nước bàn về hợp tác trong lĩnh vực viễn thông và nông nghiệp trong thời gian tới.', {
  title: 'Thứ trưởng Ngoại giao thăm Peru',
})
const apart = doc(
  'apart',
  'Tổng thống Peru tiếp đoàn. Tổng thống khẳng định các thành viên của đoàn được chào đón; ông cảm ơn từng thành viên. Hệ thống đường sắt cũng được nhắc tới.',
  { title: 'Tổng thống Peru tiếp các thành viên đoàn' },
)

describe('words together rank first', () => {
  const index = indexOf([...filler, apart, together])

  it('puts "viễn thông" above "Tổng thống … thành viên", however the query is typed, and flags the second', () => {
    for (const query of ['vien thong', 'viễn thông', 'VIEN THONG', 'viên thống', 'vien thong '.normalize('NFD')]) {
      const response = run(index, query, { prefix: false })
      expect(ids(response), query).toEqual(['together', 'apart'])
      expect(flags(response), query).toEqual({ together: false, apart: true })
    }
    // The scattered article scores higher on its words alone: only the tier puts it second.
    const [first, second] = run(index, 'vien thong', { prefix: false }).results
    expect(second!.score).toBeGreaterThan(first!.score)
  })

  it('also while the last word is being typed', () => {
    const response = run(index, 'vien tho', { prefix: true })
    expect(ids(response)[0]).toBe('together')
    expect(flags(response)['together']).toBe(false)
  })

  it('shows the words together in the first snippet, and the hit with them first', () => {
    const [first] = run(index, 'vien thong', { prefix: false }).results
    const hit = first!.hits[0]!
    expect(hit.field).toBe('body')
    expect(hit.snippetMarks.map((mark) => hit.snippet.slice(mark.start, mark.end))).toEqual(['viễn', 'thông'])
  })

  it('centres a long text on the words together, not on a denser cluster of them apart', () => {
    const scattered = 'Tổng thống và các thành viên chính phủ, thành viên quốc hội, hệ thống chính trị, truyền thống ngoại giao.'
    const text = `${scattered} ${'Hai bên trao đổi ý kiến về nhiều vấn đề cùng quan tâm trong khu vực. '.repeat(6)}Doanh nghiệp viễn thông mở rộng mạng lưới ở vùng núi.`
    const small = indexOf([...filler, doc('long', text)])
    const hit = run(small, 'vien thong', { prefix: false, snippetLength: 80 }).results[0]!.hits[0]!
    expect(hit.snippet).toContain('viễn thông')
    expect(hit.snippet).not.toContain('Tổng thống')
  })

  it('centres the snippet on the words together, even with one of them apart close by', () => {
    const text = 'Hai nước cùng là thành viên CPTPP, còn nhiều dư địa để hợp tác viễn thông và nông nghiệp trong những năm tới như đã thống nhất.'
    const hit = run(indexOf([...filler, doc('near', text)]), 'vien thong', { prefix: false, snippetLength: 80 }).results[0]!.hits[0]!
    const at = hit.snippet.indexOf('viễn thông')
    expect(at).toBeGreaterThan(0)
    // As much context after the words as before them (within a word), not a window that ends on them.
    expect(Math.abs(hit.snippet.length - (at + 'viễn thông'.length) - at)).toBeLessThan(12)
    expect(hit.snippet).not.toContain('thành viên')
  })

  it('ranks more pairs together first for longer queries, and flags any with a pair apart', () => {
    const articles = [
      ...filler,
      doc('none', 'Người dân bắt đầu dùng khí đốt; giá dầu ăn tăng; khách sạn ở Nam Định đón khách Việt kiều.'),
      doc('one', 'Giá dầu ăn tăng nhẹ, trong khi khí hậu thay đổi; xuất khẩu của Việt Nam vẫn tăng.'),
      doc('two', 'Ngành dầu khí đóng góp lớn cho ngân sách, theo báo cáo của bộ ngành Việt Nam.'),
      doc('all', 'Tập đoàn Dầu khí Việt Nam ký thỏa thuận hợp tác mới.'),
    ]
    const response = run(indexOf(articles), 'dau khi viet nam', { prefix: false })
    expect(ids(response)).toEqual(['all', 'two', 'one', 'none'])
    expect(flags(response)).toEqual({ all: false, two: true, one: true, none: true })
  })

  it('finds the one article with the words together below many that have them apart but score higher', () => {
    // More scattered candidates than the first round reads: the later rounds find it.
    const many = Array.from({ length: RERANK_DEPTH + 50 }, (_, i) =>
      doc(`m${i}`, `Tổng thống tiếp các thành viên. Thành viên đoàn ${i} thăm hệ thống cảng; tổng thống chúc thành viên mạnh khỏe.`, {
        title: `Tổng thống và thành viên đoàn ${i}`,
      }),
    )
    const lone = doc('lone', `Báo cáo thường niên về nhiều lĩnh vực. ${'Các bên tiếp tục trao đổi ý kiến. '.repeat(20)}Hợp tác viễn thông được nhắc tới.`)
    expect(many.length + 1).toBeLessThan(ADJACENCY_DEPTH)
    const response = run(indexOf([...many, lone]), 'vien thong', { prefix: false, limit: 5 })
    expect(response.total).toBe(many.length + 1)
    expect(response.results[0]!.articleId).toBe('lone')
    expect(response.results[0]!.scattered).toBe(false)
    expect(response.results.slice(1).every((result) => result.scattered)).toBe(true)
    expect(response.results[1]!.score).toBeGreaterThan(response.results[0]!.score)
  })

  it('judges only the pairs an article has both words of, when no article has every word', () => {
    const response = run(index, 'vien thong zzzq', { prefix: false })
    expect(response.mode).toBe('any')
    expect(ids(response)).toEqual(['together', 'apart'])
    expect(flags(response)).toEqual({ together: false, apart: true })
  })

  it('never flags a single word, a quoted phrase or words the article has together', () => {
    expect(run(index, 'thong', { prefix: false }).results.every((result) => !result.scattered)).toBe(true)
    expect(run(index, '"vien thong"', { prefix: false }).results.map((result) => [result.articleId, result.scattered])).toEqual([['together', false]])
    expect(flags(run(index, 'nong nghiep', { prefix: false }))).toEqual({ together: false })
  })
})

describe('kthLargest', () => {
  it('agrees with a sort, with ties and any k', () => {
    let seed = 7
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 50
    const values = Array.from({ length: 997 }, (_, i) => (i % 5 === 0 ? 3 : Math.floor(next())))
    const sorted = [...values].sort((a, b) => b - a)
    for (const k of [1, 2, 10, 100, 500, 996, 997]) expect(kthLargest(Float64Array.from(values), values.length, k)).toBe(sorted[k - 1])
  })
})
