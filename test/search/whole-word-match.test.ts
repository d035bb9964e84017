import { describe, expect, it } from 'vitest'
import { articleTotals } from '../../src/common/search/article-totals'
import { averageLengths, type ClauseMatch } from '../../src/common/search/clause-match'
import { matchClause } from '../../src/common/search/match-clause'
import { parseQuery } from '../../src/common/search/parse-query'
import type { QueryClause } from '../../src/common/search/query'
import { queryMemory } from '../../src/common/search/query-memory'
import type { SearchIndex } from '../../src/common/search/search-index'
import { tokenize } from '../../src/common/search/tokenize'
import { wholeWordMatch } from '../../src/common/search/whole-word-match'
import { corpus, corpusIndex } from './fixture'

/**
 * A word met for the first time is matched, scored and totalled in one pass (whole-word-match.ts)
 * instead of wordMatch then articleTotals. Both must give the same units, the same scores and the
 * same per-article totals to the bit, for every word of the corpus as it is written (accented,
 * several spellings per folded key) and typed without diacritics, with and without removed
 * articles in the index.
 */
function words(): string[] {
  const seen = new Set<string>()
  for (const entry of corpus()) {
    for (const token of tokenize(`${entry.title}\n${entry.body}`)) {
      seen.add(token.text)
      seen.add(token.folded)
    }
  }
  return [...seen]
}

function clauseOf(word: string, prefix: boolean): QueryClause | null {
  const parsed = parseQuery(word)
  if (!parsed.ok || parsed.query.clauses.length !== 1) return null
  const clause = parsed.query.clauses[0]!
  return clause.terms.length === 1 ? { ...clause, prefix } : null
}

interface Plain {
  readonly units: number[]
  readonly scores: number[]
  readonly idf: number
  readonly slots: number[]
  readonly totals: number[]
}

function plain(match: ClauseMatch, slots: Int32Array, totals: Float64Array, articles: number): Plain {
  return {
    units: Array.from(match.units.subarray(0, match.count)),
    scores: Array.from(match.scores.subarray(0, match.count)),
    idf: match.idf,
    slots: Array.from(slots.subarray(0, articles)),
    totals: Array.from(totals.subarray(0, articles)),
  }
}

/** Compares every word (as a whole word, and as a prefix being typed); counts the words of several spellings compared. */
function compareEveryWord(index: SearchIndex): { compared: number; spellings: number } {
  const averages = averageLengths(index)
  let compared = 0
  let spellings = 0
  for (const word of words()) for (const prefix of [false, true]) {
    const clause = clauseOf(word, prefix)
    if (clause === null) continue
    queryMemory(index).reset()
    const whole = wholeWordMatch(index, clause.terms[0]!, prefix, averages)
    // Number forms and completions take the general path (null); all else must agree with it.
    if (whole === null) continue
    if (whole.match.spellings !== null || whole.match.sources.length > 1) spellings++
    const general = matchClause(index, clause, averages)
    const totals = articleTotals(index, general, new Int32Array(general.count), new Float64Array(general.count))
    expect(plain(whole.match, whole.totals.slots, whole.totals.totals, whole.totals.count), word).toEqual(
      plain(general, totals.slots, totals.totals, totals.count),
    )
    compared++
  }
  return { compared, spellings }
}

describe('matching a word over the whole library in one pass', () => {
  it('gives the units, scores and article totals of wordMatch + articleTotals, for every word of the corpus', () => {
    const { compared, spellings } = compareEveryWord(corpusIndex())
    expect(compared).toBeGreaterThan(200)
    expect(spellings).toBeGreaterThan(10)
  })

  it('skips removed articles exactly as wordMatch does', () => {
    const index = corpusIndex()
    const removed = corpus().filter((_, i) => i % 3 === 0)
    for (const entry of removed) expect(index.removeArticle(entry.id)).toBe(true)
    expect(index.aliveSlots()).not.toBeNull()
    expect(compareEveryWord(index).compared).toBeGreaterThan(100)
  })
})
