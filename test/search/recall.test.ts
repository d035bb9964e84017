import { describe, expect, it } from 'vitest'
import { corpus, corpusIndex, ids, naiveMatches, readJson, run, type RecallCase } from './fixture'

const cases = readJson<{ cases: RecallCase[] }>('folding-recall.json').cases
const index = corpusIndex()

describe('folding recall set', () => {
  it('covers NFC/NFD, đ, tone placement, capitals and typing without diacritics', () => {
    const queries = cases.map((entry) => entry.query)
    expect(queries.some((query) => query !== query.normalize('NFC'))).toBe(true)
    expect(queries.some((query) => /đ/iu.test(query))).toBe(true)
    expect(queries).toEqual(expect.arrayContaining(['hoà bình', 'hòa bình', 'thuý', 'thúy', 'uỷ ban', 'ủy ban', 'VIỆT NAM', 'duong']))
    expect(corpus().some((entry) => entry.body !== entry.body.normalize('NFC'))).toBe(true)
  })

  it.each(cases.map((entry) => [entry.query, entry] as const))('%j finds every expected article', (_query, entry) => {
    const found = ids(run(index, entry.query, { prefix: false }))
    expect(found).toEqual(expect.arrayContaining([...entry.expected]))
  })

  it('has 100% recall over the whole set, with or without search-as-you-type', () => {
    let expected = 0
    let found = 0
    for (const entry of cases) {
      for (const prefix of [false, true]) {
        const results = new Set(ids(run(index, entry.query, { prefix })))
        expected += entry.expected.length
        found += entry.expected.filter((id) => results.has(id)).length
      }
    }
    expect(found / expected).toBe(1)
  })

  it('lists exactly what a naive fold-and-scan finds (the fixture is not missing any article)', () => {
    for (const entry of cases.filter((candidate) => candidate.oracle !== false)) {
      expect([...entry.expected].sort(), entry.query).toEqual(naiveMatches(corpus(), entry.query).sort())
    }
  })
})
