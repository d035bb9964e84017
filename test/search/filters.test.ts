import { describe, expect, it } from 'vitest'
import { search } from '../../src/common/search/search'
import { corpusIndex, ids, run } from './fixture'

const index = corpusIndex()
const found = (query: string) => ids(run(index, query)).sort()

describe('filters', () => {
  it('tag: matches a name, an alias, or an ancestor of a highlight’s tag', () => {
    expect(found('tag:telecom')).toEqual(['a1b2c3d4e5f6'])
    expect(found('tag:"Viễn thông"')).toEqual(['a1b2c3d4e5f6'])
    expect(found('tag:vien_thong')).toEqual(['a1b2c3d4e5f6'])
    expect(found('tag:"hiep dinh cptpp"')).toEqual(['0f1e2d3c4b5a'])
    expect(found('tag:economy')).toEqual(['0f1e2d3c4b5a', 'a1b2c3d4e5f6'])
    expect(found('tag:tg_00000000000000a5')).toEqual(['5566ccdd7788', '9a8b7c6d5e4f'])
    expect(found('tag:nothing')).toEqual([])
  })

  it('applies tag:, color: and has: to the same highlight', () => {
    expect(found('tag:trade color:yellow')).toEqual(['0f1e2d3c4b5a'])
    expect(found('tag:cptpp color:yellow')).toEqual([])
    expect(found('tag:cptpp has:note')).toEqual(['0f1e2d3c4b5a'])
    expect(found('tag:trade has:note')).toEqual(['0f1e2d3c4b5a']) // the CPTPP highlight: CPTPP is under Trade
    expect(found('tag:trade color:yellow has:note')).toEqual([])
  })

  it('has: and color: find highlights', () => {
    expect(found('has:note')).toEqual(['0f1e2d3c4b5a', '9a8b7c6d5e4f', 'a1b2c3d4e5f6', 'ddee11ff2233'])
    expect(found('has:highlight')).toEqual(['0f1e2d3c4b5a', '5566ccdd7788', '9a8b7c6d5e4f', 'a1b2c3d4e5f6', 'ddee11ff2233'])
    expect(found('color:yellow')).toEqual(['0f1e2d3c4b5a', '9a8b7c6d5e4f', 'ddee11ff2233'])
    expect(found('color:pink,green')).toEqual(['5566ccdd7788', 'a1b2c3d4e5f6'])
  })

  it('lang: and source: filter articles', () => {
    expect(found('lang:en')).toEqual(['9a8b7c6d5e4f'])
    expect(found('lang:es')).toEqual(['1122aabb3344'])
    expect(found('lang:vi,es')).toHaveLength(10)
    expect(found('source:ttxvn')).toEqual(['778899ccddee', 'a1b2c3d4e5f6', 'ddee11ff2233'])
    expect(found('source:"Nhân Dân"')).toEqual(['0f1e2d3c4b5a'])
  })

  it('date filters keep articles whose date overlaps, and drop undated ones', () => {
    expect(found('date:2024')).toEqual(['0f1e2d3c4b5a', '9a8b7c6d5e4f', 'a1b2c3d4e5f6', 'abcdef012345', 'c0ffee123456', 'ddee11ff2233'])
    // Dated only "2023": it may be from April.
    expect(found('date:2023-04')).toEqual(['5566ccdd7788'])
    expect(found('after:2024-10')).toEqual(['778899ccddee', '9a8b7c6d5e4f', 'a1b2c3d4e5f6', 'c0ffee123456'])
    expect(found('before:2022')).toEqual(['44556677aabb'])
    expect(found('date:2022-09..2023-06')).toEqual(['1122aabb3344', '5566ccdd7788', '99aa88bb77cc'])
    expect(found('after:2024-06 before:2024-11')).toEqual(['a1b2c3d4e5f6', 'abcdef012345'])
  })

  it('combines filters with words', () => {
    expect(found('peru lang:en')).toEqual(['9a8b7c6d5e4f'])
    expect(found('viet nam date:2024 source:ttxvn')).toEqual(['ddee11ff2233'])
    expect(found('hop tac tag:apec color:pink')).toEqual(['5566ccdd7788'])
    expect(found('bitel lang:es')).toEqual([])
  })

  it('lists filter-only results newest first, with the matching highlights as hits', () => {
    const response = run(index, 'has:note')
    expect(response.mode).toBe('filters')
    expect(ids(response)).toEqual(['9a8b7c6d5e4f', 'a1b2c3d4e5f6', 'ddee11ff2233', '0f1e2d3c4b5a'])
    const trade = response.results.find((result) => result.articleId === '0f1e2d3c4b5a')!
    expect(trade.hitCount).toBe(1)
    expect(trade.hits).toEqual([
      expect.objectContaining({ field: 'quote', annotationId: 'an_0000000000000003', snippet: 'Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái Bình Dương (CPTPP)' }),
    ])
    expect(run(index, 'lang:en').results[0]!.hits).toEqual([])
  })

  it('reports a malformed filter as an error value', () => {
    const outcome = search(index, 'bitel color:red')
    expect(outcome).toEqual({ ok: false, error: expect.objectContaining({ code: 'search.badColor', part: 'color:red', start: 6, end: 15 }) })
  })

  it('returns nothing for an empty query', () => {
    expect(run(index, '   ')).toMatchObject({ total: 0, results: [] })
  })
})
