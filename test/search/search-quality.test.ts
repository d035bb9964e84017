import { describe, expect, it } from 'vitest'
import { search } from '../../src/common/search/search'
import { SearchIndex } from '../../src/common/search/search-index'
import type { SearchableArticle } from '../../src/common/search/searchable'
import { naiveFold, naiveWords, readJson } from './fixture'

/** The labelled set of `npm run bench` (BENCH_ONLY=search-quality), held to the goals here. */
interface QualitySet {
  readonly articles: readonly SearchableArticle[]
  readonly queries: ReadonlyArray<{ readonly query: string; readonly expected: readonly string[] }>
}

const set = readJson<QualitySet>('quality.json')
const index = new SearchIndex()
for (const article of set.articles) index.addArticle(article)

const fold = naiveFold
const words = naiveWords
/** A plain scan: the query's folded words one after the other within a sentence of the text. */
function together(text: string, query: readonly string[]): boolean {
  return text.split(/[.!?;…]\s+|\n/u).some((sentence) => {
    const tokens = words(sentence)
    for (let i = 0; i + query.length <= tokens.length; i++) if (query.every((word, j) => tokens[i + j] === word)) return true
    return false
  })
}
const apart = (article: SearchableArticle, query: readonly string[]) => {
  const present = new Set(words(`${article.title}\n${article.body}`))
  return query.every((word) => present.has(word)) && !together(article.title, query) && !together(article.body, query)
}

describe('search quality set', () => {
  it('has 40+ queries, every word typed with and without diacritics, and decoys with the syllables apart', () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(40)
    const queries = set.queries.map((entry) => entry.query)
    expect(new Set(queries).size).toBe(queries.length)
    const plain = queries.filter((query) => fold(query) === query)
    expect(plain.length).toBe(queries.length / 2)
    for (const query of queries.filter((candidate) => fold(candidate) !== candidate)) expect(plain).toContain(fold(query))
    // Most words have an article with their syllables apart, the case the ranking is about.
    const withDecoys = set.queries.filter((entry) => set.articles.some((article) => apart(article, words(entry.query))))
    expect(withDecoys.length).toBeGreaterThanOrEqual(0.9 * set.queries.length)
  })

  it('labels exactly the articles a plain scan finds the word in', () => {
    for (const entry of set.queries) {
      const query = words(entry.query)
      const found = set.articles.filter((article) => together(article.title, query) || together(article.body, query)).map((article) => article.id)
      expect([...entry.expected].sort(), entry.query).toEqual(found.sort())
      expect(entry.expected.length, entry.query).toBeGreaterThan(0)
    }
  })

  it('meets the goals: precision at 5 >= 0.9, and every first result holds the words together', () => {
    let precision = 0
    for (const entry of set.queries) {
      const outcome = search(index, entry.query, { limit: 5, prefix: false })
      if (!outcome.ok) throw new Error(entry.query)
      const k = Math.min(5, entry.expected.length)
      precision += outcome.results.slice(0, k).filter((result) => entry.expected.includes(result.articleId)).length / k
      const first = outcome.results[0]!
      expect(entry.expected, entry.query).toContain(first.articleId)
      expect(first.scattered, entry.query).toBe(false)
      // Articles with the syllables apart are all flagged, and none with them together is.
      for (const result of outcome.results) expect(result.scattered, `${entry.query}: ${result.articleId}`).toBe(!entry.expected.includes(result.articleId))
    }
    expect(precision / set.queries.length).toBeGreaterThanOrEqual(0.9)
  })
})
