import { describe, expect, it } from 'vitest'
import { summarize, type ArticleSummary } from '../../src/common/model/article'
import { generatedArticle } from '../../bench/library-generator'
import { newestFirst } from '../../src/node/library/article-order'
import { LibraryView } from '../../src/ui/lib/library-view'

/** Summaries as listArticles gives them: newest first, undated last, by title within a date. */
function listed(summaries: ArticleSummary[]): ArticleSummary[] {
  return newestFirst([...summaries])
}

function summary(id: string, title: string, published: string | null, source: string | null = 'TTXVN'): ArticleSummary {
  return { ...summarize(generatedArticle(Number.parseInt(id, 16), 60)), id, title, published, source }
}

const titles = (view: LibraryView, positions: Uint32Array) => Array.from(positions, (position) => view.articles[position]!.title)

describe('the library list view: orders and filter over positions', () => {
  const articles = listed([
    summary('a1', 'Đà Nẵng đón tàu', '2024-05-01'),
    summary('a2', 'An ninh biển', '2024-05-01'),
    summary('a3', 'Ăn Tết xa nhà', '2023'),
    summary('a4', 'Zebra crossing', null, null),
    summary('a5', 'Dầu khí', '2024-05-02', 'Reuters'),
    summary('a6', 'Bão số 3', null),
  ])

  it('newest first is the listed order; oldest first keeps titles in order within a date and undated last', () => {
    const view = new LibraryView(articles)
    expect(titles(view, view.order('newest'))).toEqual(['Dầu khí', 'An ninh biển', 'Đà Nẵng đón tàu', 'Ăn Tết xa nhà', 'Bão số 3', 'Zebra crossing'])
    expect(titles(view, view.order('oldest'))).toEqual(['Ăn Tết xa nhà', 'An ninh biển', 'Đà Nẵng đón tàu', 'Dầu khí', 'Bão số 3', 'Zebra crossing'])
  })

  it('by title follows Vietnamese order (a < ă, d < đ), whatever the date', () => {
    const view = new LibraryView(articles)
    expect(titles(view, view.order('title'))).toEqual(['An ninh biển', 'Ăn Tết xa nhà', 'Bão số 3', 'Dầu khí', 'Đà Nẵng đón tàu', 'Zebra crossing'])
  })

  it('filters by title or source without accents or case, in the chosen order, narrowing as one types', () => {
    const view = new LibraryView(articles)
    expect(titles(view, view.shown('title', 'da'))).toEqual(['Dầu khí', 'Đà Nẵng đón tàu'])
    expect(titles(view, view.shown('title', 'dau'))).toEqual(['Dầu khí'])
    expect(titles(view, view.shown('newest', 'REUTERS'))).toEqual(['Dầu khí'])
    expect(titles(view, view.shown('oldest', 'tet'))).toEqual(['Ăn Tết xa nhà'])
    expect(view.shown('oldest', 'nothing like it')).toHaveLength(0)
    // Back to a shorter filter: all its matches again, not only the last answer's.
    expect(titles(view, view.shown('oldest', 'a'))).toHaveLength(6)
    expect(titles(view, view.shown('newest', '  '))).toHaveLength(6)
  })

  it('at 10,000 generated articles, every order holds each article once and agrees with a collator sort', () => {
    const many = listed(Array.from({ length: 10_000 }, (_, i) => summarize(generatedArticle(i, 60))))
    const view = new LibraryView(many)
    view.prepare()
    for (const order of ['newest', 'oldest', 'title'] as const) expect(new Set(view.order(order)).size).toBe(many.length)
    const collator = new Intl.Collator('vi')
    expect(titles(view, view.order('title'))).toEqual(many.map((article) => article.title).sort(collator.compare))
    const oldest = Array.from(view.order('oldest'), (position) => many[position]!.published ?? '9999')
    expect(oldest).toEqual([...oldest].sort())
  })
})
