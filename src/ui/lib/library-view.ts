import type { ListedArticle } from '../../common/model/article-list'
import { foldText } from '../../common/search/tokenize'

/** The orders the library list offers. `newest` is the service's own order (listArticleColumns). */
export const LIBRARY_ORDERS = ['newest', 'oldest', 'title'] as const
export type LibraryOrder = (typeof LIBRARY_ORDERS)[number]

/**
 * What the library list shows: positions into the list of summaries (as `listArticleColumns` gave it,
 * newest first), in the chosen order, keeping those whose title or source holds the filter.
 *
 * Why it is fast at 100,000 articles: the costly parts are computed once per list and kept
 * (`prepare` builds them when the renderer is idle): the title order (one sort with one
 * Intl.Collator, about 1.7 million comparisons at 100,000) and each article's folded title and
 * source. After that, a change of order is a lookup and a filter is one pass of `includes` over
 * the folded texts, in the order's sequence of positions. Positions are kept in typed arrays, and
 * the summaries are never copied or wrapped (the renderer holds them in `$state.raw`).
 */
export class LibraryView {
  readonly #articles: readonly ListedArticle[]
  readonly #orders = new Map<LibraryOrder, Uint32Array>()
  #folded: string[] | null = null
  /** The last filter's answer, reused when the next filter only adds letters to it (typing). */
  #lastFilter: { order: LibraryOrder; needle: string; positions: Uint32Array } | null = null

  constructor(articles: readonly ListedArticle[]) {
    this.#articles = articles
  }

  get articles(): readonly ListedArticle[] {
    return this.#articles
  }

  /** Builds every key now (call when idle), so the first change of order or filter is as quick as the next. */
  prepare(): void {
    for (const order of LIBRARY_ORDERS) this.order(order)
    this.#foldedTexts()
  }

  /** Positions of the articles in `order`. */
  order(order: LibraryOrder): Uint32Array {
    let positions = this.#orders.get(order)
    if (positions === undefined) {
      positions = order === 'newest' ? identity(this.#articles.length) : order === 'title' ? byTitle(this.#articles) : oldestFirst(this.#articles)
      this.#orders.set(order, positions)
    }
    return positions
  }

  /** Positions in `order` of the articles whose title or source holds `filter` (folded: no accents, no case). */
  shown(order: LibraryOrder, filter: string): Uint32Array {
    const needle = foldText(filter)
    if (needle === '') return this.order(order)
    const last = this.#lastFilter
    const from = last !== null && last.order === order && needle.startsWith(last.needle) ? last.positions : this.order(order)
    const folded = this.#foldedTexts()
    const kept = new Uint32Array(from.length)
    let count = 0
    for (const position of from) if (folded[position]!.includes(needle)) kept[count++] = position
    const positions = kept.slice(0, count)
    this.#lastFilter = { order, needle, positions }
    return positions
  }

  #foldedTexts(): string[] {
    return (this.#folded ??= this.#articles.map((article) => foldText(article.source === null ? article.title : `${article.title}\n${article.source}`)))
  }
}

function identity(count: number): Uint32Array {
  const positions = new Uint32Array(count)
  for (let i = 0; i < count; i++) positions[i] = i
  return positions
}

/** By title in Vietnamese order (one collator, made once), then as listed (newest first). */
function byTitle(articles: readonly ListedArticle[]): Uint32Array {
  const collator = new Intl.Collator('vi')
  const titles = articles.map((article) => article.title)
  return identity(articles.length).sort((a, b) => collator.compare(titles[a]!, titles[b]!) || a - b)
}

/**
 * Oldest first, undated articles last, by title within a date. The newest-first list already has
 * dates in runs, each run by title: this takes the runs from the end, each in its own order, so
 * it is one pass and no comparison of titles.
 */
function oldestFirst(articles: readonly ListedArticle[]): Uint32Array {
  const positions = new Uint32Array(articles.length)
  let undated = articles.length
  while (undated > 0 && articles[undated - 1]!.published === null) undated--
  let out = 0
  let end = undated
  while (end > 0) {
    let start = end - 1
    while (start > 0 && articles[start - 1]!.published === articles[end - 1]!.published) start--
    for (let i = start; i < end; i++) positions[out++] = i
    end = start
  }
  for (let i = undated; i < articles.length; i++) positions[out++] = i
  return positions
}
