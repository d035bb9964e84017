import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BLOCK_ARTICLES, currentBlocks } from '../../src/common/search/block-bounds'
import { wholeWordMatch } from '../../src/common/search/whole-word-match'
import { BINARY_INDEX_VERSION, decodeBinaryIndex, encodeBinaryIndex } from '../../src/common/search/binary-index'
import { rankByBlocks } from '../../src/common/search/block-rank'
import { averageLengths } from '../../src/common/search/clause-match'
import { dropClauseCache } from '../../src/common/search/clause-cache'
import { parseQuery } from '../../src/common/search/parse-query'
import { queryMemory } from '../../src/common/search/query-memory'
import { blockPolicy } from '../../src/common/search/rank'
import { search } from '../../src/common/search/search'
import { SearchIndex } from '../../src/common/search/search-index'
import type { SearchableArticle } from '../../src/common/search/searchable'
import { random } from '../../bench/corpus'

/**
 * Queries of common words ranked by blocks (block-rank.ts, from the blocks a base keeps:
 * block-bounds.ts) against the general path, which reads every article: on generated libraries
 * where a handful of words are in nearly every article (so the best few hundred are a small share,
 * and blocks are skipped), every response is the same to the last digit, through the change log's
 * kinds of changes, from a version 4 base (blocks without per-article bytes) and from a version 3
 * base (no blocks); and the candidates of several words, bounded per article, hold every article
 * a brute-force ranking puts among the best, with the same score.
 */


// Common syllables, several with more than one spelling (a merged list), and rarer filler.
const COMMON = ['hợp', 'hop', 'tác', 'thương', 'thường', 'mại', 'viễn', 'viên', 'viện', 'thông', 'thống', 'an', 'ăn', 'ninh', 'kinh', 'tế', 'tệ', 'đầu', 'tư', 'hòa', 'họa', 'bình']
const FILLER = Array.from({ length: 300 }, (_, i) => `từ${i}`)

function words(rand: () => number, count: number): string {
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const common = rand() < 0.45
    const list = common ? COMMON : FILLER
    // Skewed: the first words of each list far more often.
    out.push(list[Math.floor(list.length * rand() * rand())]!)
  }
  return out.join(' ')
}

function library(size: number, seed: number, prefix = 'a'): SearchableArticle[] {
  const rand = random(seed)
  return Array.from({ length: size }, (_, i) => ({
    id: `${prefix}${String(i).padStart(6, '0')}`,
    stamp: '1',
    title: words(rand, 3 + Math.floor(rand() * 6)),
    body: words(rand, 20 + Math.floor(rand() * 200)),
    source: null,
    language: 'vi' as const,
    published: rand() < 0.5 ? null : `2024-0${1 + Math.floor(rand() * 9)}`,
    annotations: Array.from({ length: Math.floor(rand() * 3) }, (_, n) => ({
      id: `${prefix}${i}-${n}`,
      quote: words(rand, 2 + Math.floor(rand() * 8)),
      note: rand() < 0.5 ? '' : words(rand, 3),
      color: 'yellow' as const,
      tags: [],
    })),
  }))
}

function built(articles: readonly SearchableArticle[]): SearchIndex {
  const index = new SearchIndex()
  for (const article of articles) index.addArticle(article)
  return index
}

/** The index as a base holds it: encoded (with its blocks) and opened again. */
function reopened(index: SearchIndex, version: typeof BINARY_INDEX_VERSION | 4 = BINARY_INDEX_VERSION): SearchIndex {
  return decodeBinaryIndex(encodeBinaryIndex(index, 1, '', version)).index
}

const QUERIES = ['hop', 'hợp', 'thuong', 'thương', 'vien thong', 'viễn thông', 'hop tac', 'kinh te', 'an ninh', 'hoa binh', 'hòa bình', 'dau tu', 'hop tac kinh', 'thuong mai vien', 'te an hop', 'tu dau thong', '"hop tac"']

/** Every query, two pages, with many hits per article: the same from `actual` (its clause cache dropped each time) as from `expected`. */
function expectSameResults(actual: SearchIndex, expected: SearchIndex): void {
  for (const query of QUERIES) {
    for (const offset of [0, 20, 480]) {
      dropClauseCache(actual)
      const options = { limit: 20, offset, prefix: false, hitsPerArticle: 10 }
      expect(search(actual, query, options), `${query} from ${offset}`).toEqual(search(expected, query, options))
    }
  }
}

/** How many candidates the blocks scored to find the best `depth`, of how many hold every word. */
function scored(index: SearchIndex, query: string, depth: number): { total: number; scored: number } {
  const parsed = parseQuery(query)
  if (!parsed.ok) throw new Error(query)
  const memory = queryMemory(index)
  memory.reset()
  // As rank() hands them over for a search without prefixes.
  const clauses = parsed.query.clauses.map((clause) => ({ ...clause, prefix: false }))
  const ranking = rankByBlocks(index, clauses, averageLengths(index), memory.float64(index.articles.length), memory)
  if (ranking === null) throw new Error(`${query} is not ranked by blocks`)
  return { total: ranking.total, scored: ranking.deepen(depth).length }
}

/**
 * Brute force: every article holding every word of `query` and its score, as the general path
 * adds them (each word matched over the whole library, totals added in clause order), best first.
 */
function bruteForce(index: SearchIndex, query: string): { slot: number; score: number }[] {
  const parsed = parseQuery(query)
  if (!parsed.ok) throw new Error(query)
  const averages = averageLengths(index)
  const sums = new Map<number, { score: number; words: number }>()
  for (const clause of parsed.query.clauses) {
    const totals = wholeWordMatch(index, clause.terms[0]!, false, averages)!.totals
    for (let i = 0; i < totals.count; i++) {
      const entry = sums.get(totals.slots[i]!) ?? { score: 0, words: 0 }
      entry.score += totals.totals[i]!
      entry.words++
      sums.set(totals.slots[i]!, entry)
    }
  }
  const words = parsed.query.clauses.length
  return [...sums].filter(([, entry]) => entry.words === words).map(([slot, entry]) => ({ slot, score: entry.score })).sort((x, y) => y.score - x.score)
}

/** The candidates blocks return for the best `depth` of `query`, and their scores. */
function blockCandidates(index: SearchIndex, query: string, depth: number): Map<number, number> {
  const parsed = parseQuery(query)
  if (!parsed.ok) throw new Error(query)
  const memory = queryMemory(index)
  memory.reset()
  const clauses = parsed.query.clauses.map((clause) => ({ ...clause, prefix: false }))
  const score = memory.float64(index.articles.length)
  const ranking = rankByBlocks(index, clauses, averageLengths(index), score, memory)
  if (ranking === null) throw new Error(`${query} is not ranked by blocks`)
  return new Map(Array.from(ranking.deepen(depth), (slot) => [slot, score[slot]!]))
}

describe('ranking common words by blocks', () => {
  // Every query that can be ranked by blocks is, however small the library (see blocksPay).
  const policy = blockPolicy.articlesPerDepth
  beforeAll(() => {
    blockPolicy.articlesPerDepth = 0
  })
  afterAll(() => {
    blockPolicy.articlesPerDepth = policy
  })
  const articles = library(3000, 7)
  const fresh = built(articles)

  it('answers exactly as the general path reading every article, while scoring a fraction of them', () => {
    const loaded = reopened(built(articles))
    expect(currentBlocks(loaded.terms.get('hop')!)).not.toBeNull()
    expect(currentBlocks(loaded.terms.get('vien')!)).not.toBeNull()
    expect(fresh.terms.get('hop')!.blocks).toBeNull()
    expectSameResults(loaded, fresh)
    // The page of one word: most blocks skipped; of three (whose bounds add up): some.
    const one = scored(loaded, 'hop', 20)
    expect(one.total).toBeGreaterThan(2000)
    expect(one.scored).toBeLessThan(one.total / 4)
    const three = scored(loaded, 'hop tac kinh', 20)
    expect(three.scored).toBeLessThan(three.total)
    // Every candidate that can be in the best `depth` is among those scored (more is allowed).
    expect(one.scored).toBeGreaterThanOrEqual(20)
  }, 180_000)

  it('keeps its blocks valid through edits, removals and additions after the base (the change log), and drops them when a list is rebuilt', () => {
    const current = new Map(articles.map((article) => [article.id, article]))
    const loaded = reopened(built(articles))
    const hop = loaded.terms.get('hop')!
    const changes: SearchableArticle[] = [
      ...articles
        .slice(0, 200)
        .filter((_, i) => i % 7 === 0)
        .map((article) => ({ ...article, stamp: '2', title: `hợp tác hợp tác kinh tế ${article.title}` })),
      ...library(150, 99, 'n'),
    ]
    for (const change of changes) {
      loaded.addArticle(change)
      current.set(change.id, change)
    }
    for (const id of ['a000003', 'a000500', 'a002999']) {
      loaded.removeArticle(id)
      current.delete(id)
    }
    // Appending to the lists keeps the blocks; the new slots are scored past them.
    expect(currentBlocks(hop)).not.toBeNull()
    expect(loaded.articles.length).toBeGreaterThan(hop.blocks!.articles)
    expectSameResults(loaded, built([...current.values()]))

    // A new spelling rebuilds the word's merged list: its blocks no longer describe it.
    const spelled = { ...articles[10]!, stamp: '3', body: `hộp ${articles[10]!.body}` }
    loaded.addArticle(spelled)
    current.set(spelled.id, spelled)
    expect(currentBlocks(hop)).toBeNull()
    expectSameResults(loaded, built([...current.values()]))

    // A new base holds the changes, and blocks for them.
    const rewritten = reopened(loaded)
    expect(currentBlocks(rewritten.terms.get('hop')!)).not.toBeNull()
    expect(rewritten.terms.get('hop')!.blocks!.articles).toBe(current.size)
    expectSameResults(rewritten, built([...current.values()]))
  }, 300_000)

  it('bounds each article for several words: the candidates hold the brute-force best with their scores, scoring fewer than block bounds alone', () => {
    const loaded = reopened(built(articles))
    const older = reopened(built(articles), 4)
    expect(currentBlocks(loaded.terms.get('hop')!)!.articleBounds).toBe(true)
    expect(currentBlocks(older.terms.get('hop')!)!.articleBounds).toBe(false)
    for (const query of ['hop tac kinh', 'thuong mai vien', 'te an hop', 'hòa bình', 'viễn thông', 'kinh te', 'hop hop tac']) {
      const best = bruteForce(loaded, query)
      for (const depth of [20, 100, 500]) {
        const candidates = blockCandidates(loaded, query, depth)
        const threshold = best[Math.min(depth, best.length) - 1]!.score
        for (const { slot, score } of best) {
          if (score < threshold) break
          expect(candidates.get(slot), `${query}: article ${slot} among the best ${depth}`).toBe(score)
        }
      }
      // Per-article bounds skip at least what block bounds skip.
      expect(blockCandidates(loaded, query, 100).size).toBeLessThanOrEqual(blockCandidates(older, query, 100).size)
    }
    // 94 blocks of 32 here: the best 20 of three words lie in a few of them.
    const tight = blockCandidates(loaded, 'hop tac kinh', 20).size
    expect(tight).toBeLessThan(blockCandidates(older, 'hop tac kinh', 20).size)
    expect(tight).toBeLessThan(bruteForce(loaded, 'hop tac kinh').length / 4)
  }, 180_000)

  it('reads a version 4 base (blocks without per-article bytes) and answers the same', () => {
    const bytes = encodeBinaryIndex(built(articles), 1, '', 4)
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(4)
    const old = decodeBinaryIndex(bytes).index
    expect(currentBlocks(old.terms.get('hop')!)!.articleBounds).toBe(false)
    expectSameResults(old, fresh)
  }, 180_000)

  it('reads a version 3 base (no blocks) and answers the same', () => {
    const bytes = encodeBinaryIndex(built(articles), 1)
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(BINARY_INDEX_VERSION)
    new DataView(bytes.buffer).setUint32(4, 3, true)
    const old = decodeBinaryIndex(bytes).index
    expect([...old.terms.values()].every((term) => term.blocks === null)).toBe(true)
    expectSameResults(old, fresh)
  }, 180_000)

  it('leaves a library smaller than a block without blocks', () => {
    const small = reopened(built(library(BLOCK_ARTICLES - 1, 3)))
    expect([...small.terms.values()].every((term) => term.blocks === null)).toBe(true)
  })
})
