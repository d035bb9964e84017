import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { search } from '../../src/common/search/search'
import { SearchIndex } from '../../src/common/search/search-index'
import type { SearchOptions, SearchResponse } from '../../src/common/search/results'
import type { SearchableArticle } from '../../src/common/search/searchable'
import { ROOT } from '../helpers'

export const FIXTURES = join(ROOT, 'test', 'fixtures', 'search')

export interface RecallCase {
  readonly query: string
  readonly expected: readonly string[]
  readonly why: string
  readonly oracle?: boolean
}

export function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T
}

export function corpus(): SearchableArticle[] {
  return readJson<{ articles: SearchableArticle[] }>('corpus.json').articles
}

export function article(id: string): SearchableArticle {
  const found = corpus().find((candidate) => candidate.id === id)
  if (found === undefined) throw new Error(`no fixture article ${id}`)
  return found
}

export function corpusIndex(): SearchIndex {
  return buildIndex(corpus())
}

/** Runs a query that must parse; fails the test with the error otherwise. */
export function run(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResponse {
  const outcome = search(index, query, { limit: 100, ...options })
  if (!outcome.ok) throw new Error(`query ${JSON.stringify(query)} failed: ${outcome.error.code} (${outcome.error.part})`)
  return outcome
}

export function ids(response: SearchResponse): string[] {
  return response.results.map((result) => result.articleId)
}

/** A minimal article for ranking tests. */
export function doc(id: string, body: string, extra: Partial<SearchableArticle> = {}): SearchableArticle {
  return { id, stamp: '1', title: `Bài ${id}`, body, source: null, language: 'vi', published: null, annotations: [], ...extra }
}

/** A plain folding to check the index against: strip every mark after NFD, đ → d, lower case. */
export function naiveFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
}

/** A text's folded words, split on anything that is not a letter or a digit. */
export function naiveWords(text: string): string[] {
  return naiveFold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
}

/** The ids of articles found by a naive scan: fold by NFD-strip, split on non-letters. */
export function naiveMatches(articles: readonly SearchableArticle[], query: string): string[] {
  const wanted = naiveWords(query)
  return articles
    .filter((entry) => {
      const texts = [entry.title, entry.body, ...entry.annotations.flatMap((a) => [a.quote, a.note, ...a.tags.flatMap((tag) => tag.names)])]
      const present = new Set(texts.flatMap(naiveWords))
      return wanted.every((word) => present.has(word))
    })
    .map((entry) => entry.id)
}

/** Queries whose results a rebuilt or reloaded index must give exactly as a fresh build does. */
const SAME_RESULT_QUERIES = ['viet nam', 'duong', 'hòa bình', '"thuong mai"', 'bitel giao duc', 'peru lang:en', 'tag:economy', 'has:note', 'date:2024 peru', 'thuo', 'dau tu', '30000', 'hop tac kinh']

/** An index of the given articles, added one by one. */
export function buildIndex(articles: readonly SearchableArticle[]): SearchIndex {
  const index = new SearchIndex()
  for (const entry of articles) index.addArticle(entry)
  return index
}

/** Asserts that two indexes answer every query above identically, with and without prefixes. */
export function expectSameResults(actual: SearchIndex, expected: SearchIndex): void {
  for (const query of SAME_RESULT_QUERIES) {
    for (const prefix of [false, true]) expect(run(actual, query, { prefix, hitsPerArticle: 10 }), query).toEqual(run(expected, query, { prefix, hitsPerArticle: 10 }))
  }
}

/** The queries above as search requests to a SearchHost, with and without prefixes. */
export function sameResultRequests(): Array<{ readonly type: 'search'; readonly query: string; readonly options: SearchOptions }> {
  return SAME_RESULT_QUERIES.flatMap((query) => [false, true].map((prefix) => ({ type: 'search' as const, query, options: { prefix, hitsPerArticle: 10, limit: 100 } })))
}
