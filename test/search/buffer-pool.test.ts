import { describe, expect, it } from 'vitest'
import { bufferPool } from '../../src/common/search/buffer-pool'
import { dropClauseCache } from '../../src/common/search/clause-cache'
import { SearchIndex } from '../../src/common/search/search-index'
import { corpusIndex, run } from './fixture'

/**
 * Cached clauses' buffers are recycled (buffer-pool.ts). A buffer the cache dropped during a query
 * may still be read by that query, so it must not be handed out again before the next one starts;
 * and answers must not depend on what a recycled buffer held before.
 */
describe('the buffer pool of cached clauses', () => {
  it('hands a dropped buffer out again only once the next query has started', () => {
    const pool = bufferPool(new SearchIndex())
    const dropped = new ArrayBuffer(1024)
    pool.give(dropped)
    expect(pool.take(1024)).not.toBe(dropped)
    pool.startQuery()
    expect(pool.take(1000)).toBe(dropped)
    // Gone from the pool once taken.
    expect(pool.take(1000)).not.toBe(dropped)
  })

  it('does not hand out a buffer much larger than asked for', () => {
    const pool = bufferPool(new SearchIndex())
    const large = new ArrayBuffer(4096)
    pool.give(large)
    pool.startQuery()
    expect(pool.take(1024)).not.toBe(large)
    expect(pool.take(4000)).toBe(large)
  })

  it('gives the same answers whichever recycled buffers the words land in', () => {
    const index = corpusIndex()
    const queries = ['hợp tác', 'viet nam', 'thuong mai', 'peru', 'kinh te', 'bitel viettel', 'hoa binh']
    const fresh = queries.map((query) => {
      dropClauseCache(index)
      return run(index, query, { prefix: false, hitsPerArticle: 100 })
    })
    // Each query now takes buffers the others left behind, in a different order each round.
    for (const round of [0, 1, 2]) {
      const order = round === 1 ? queries.toReversed() : queries
      for (const query of order) {
        dropClauseCache(index)
        expect(run(index, query, { prefix: false, hitsPerArticle: 100 }), `${query} round ${round}`).toEqual(fresh[queries.indexOf(query)])
      }
    }
  })
})
