import { describe, expect, it } from 'vitest'
import { dropClauseCache } from '../../src/common/search/clause-cache'
import type { SearchOptions } from '../../src/common/search/results'
import { corpus, corpusIndex, doc, ids, readJson, run, type RecallCase } from './fixture'

/**
 * Clause matches are kept between queries (clause-cache.ts). What was searched before must never
 * change an answer: the same results, scores, snippets and marks as from a cold index, and a
 * change to the index forgets everything kept.
 */
const recall = readJson<{ cases: RecallCase[] }>('folding-recall.json').cases.map((entry) => entry.query)
const queries = [
  ...recall,
  'thuong mai viet nam',
  'viet nam thuong mai',
  'hợp tác kinh tế',
  '"hop tac" kinh te',
  'peru hop tac',
  'hop tac peru xyzzy',
  'bitel tag:cptpp',
  'viet nam lang:vi',
  'thuo',
  'viet nam h',
]

describe('the clause cache', () => {
  it('answers every query exactly as a cold index does, whatever was searched before', () => {
    const index = corpusIndex()
    for (const prefix of [false, true]) {
      const options: SearchOptions = { prefix, hitsPerArticle: 100 }
      const cold = queries.map((query) => {
        dropClauseCache(index)
        return run(index, query, options)
      })
      // Every query again, in reverse order and twice, with whatever the others left cached.
      for (const round of [0, 1]) {
        queries.toReversed().forEach((query, i) => {
          expect(run(index, query, options), `${query} (prefix ${prefix}, round ${round})`).toEqual(cold[queries.length - 1 - i])
        })
      }
    }
  })

  it('forgets what it kept when an article is added, changed or removed', () => {
    const index = corpusIndex()
    const before = ids(run(index, 'bitel viettel', { prefix: false }))
    expect(before.length).toBeGreaterThan(0)
    expect(before).not.toContain('new-bitel')

    index.addArticle(doc('new-bitel', 'Bitel và Viettel mở rộng mạng lưới.'))
    expect(ids(run(index, 'bitel viettel', { prefix: false }))).toContain('new-bitel')

    index.addArticle(doc('new-bitel', 'Một bài khác hẳn.'))
    expect(ids(run(index, 'bitel viettel', { prefix: false }))).toEqual(before)

    const removed = before[0]!
    expect(index.removeArticle(removed)).toBe(true)
    expect(ids(run(index, 'bitel viettel', { prefix: false }))).not.toContain(removed)
    expect(corpus().some((article) => article.id === removed)).toBe(true)
  })
})
