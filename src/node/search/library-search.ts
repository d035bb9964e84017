import { AppError } from '../../common/errors'
import type { Annotation } from '../../common/model/annotation'
import type { ArticleSummary } from '../../common/model/article'
import type { ArticleSearchResult, LibrarySearchResult } from '../../common/search/library-search-result'
import type { ArticleResult, SearchOptions } from '../../common/search/results'
import { search } from '../../common/search/search'
import { SearchIndex } from '../../common/search/search-index'
import { searchableArticle } from '../../common/search/searchable'
import type { LibraryStore } from '../store/library-store'

/** What a write changed (the service's LibraryChange). */
export interface SearchChange {
  readonly everything?: boolean
  readonly articles?: readonly string[]
  readonly deletedArticles?: readonly string[]
  readonly tags?: boolean
}

/** Articles indexed between two yields to the event loop while building. */
const BUILD_CHUNK = 25

/**
 * The library's search index, kept in the service process. It is built on the first query, from
 * the store (articles, annotations, tags), then kept up to date from the service's change
 * notifications: changes are noted at once and applied before the next query, so a burst of
 * writes costs one re-index per article.
 *
 * Off the UI thread: the renderer only sends the query; building yields to the event loop every
 * BUILD_CHUNK articles so other requests keep being answered. It is not in a worker thread: the
 * pure SearchIndex/SearchHost could move there unchanged, once the build can bundle a worker entry.
 */
export class LibrarySearch {
  readonly #store: LibraryStore
  #index: SearchIndex | null = null
  #queue: Promise<unknown> = Promise.resolve()
  #rebuild = false
  readonly #stale = new Set<string>()
  readonly #deleted = new Set<string>()
  #tagsChanged = false

  constructor(store: LibraryStore) {
    this.#store = store
  }

  /** Notes a change; it is applied before the next query. */
  noteChange(change: SearchChange): void {
    if (change.everything === true) this.#rebuild = true
    for (const id of change.articles ?? []) this.#stale.add(id)
    for (const id of change.deletedArticles ?? []) this.#deleted.add(id)
    if (change.tags === true) this.#tagsChanged = true
  }

  search(query: string, options: SearchOptions = {}): Promise<LibrarySearchResult> {
    const run = this.#queue.then(async () => {
      const index = await this.#current()
      const outcome = search(index, query, options)
      if (!outcome.ok) {
        const { code, params, part, start, end } = outcome.error
        throw new AppError(code, { ...params, part, start, end })
      }
      const summaries = new Map(this.#store.listArticles().map((article) => [article.id, article]))
      return {
        query: outcome.query,
        mode: outcome.mode,
        total: outcome.total,
        offset: outcome.offset,
        results: outcome.results.flatMap((result) => {
          const summary = summaries.get(result.articleId)
          return summary === undefined ? [] : [withSummary(result, summary)]
        }),
      }
    })
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #current(): Promise<SearchIndex> {
    if (this.#index === null || this.#rebuild) {
      this.#rebuild = false
      this.#stale.clear()
      this.#deleted.clear()
      this.#tagsChanged = false
      const index = new SearchIndex()
      await this.#put(index, this.#store.listArticles().map((article) => article.id))
      this.#index = index
      return index
    }
    const index = this.#index
    const stale = new Set(this.#stale)
    if (this.#tagsChanged) for (const annotation of await this.#store.allAnnotations()) if (annotation.tagIds.length > 0) stale.add(annotation.articleId)
    for (const id of this.#deleted) index.removeArticle(id)
    this.#stale.clear()
    this.#deleted.clear()
    this.#tagsChanged = false
    await this.#put(index, [...stale])
    return index
  }

  async #put(index: SearchIndex, ids: readonly string[]): Promise<void> {
    const tags = this.#store.listTags()
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      const article = await this.#store.getArticle(id)
      if (article === null) {
        index.removeArticle(id)
        continue
      }
      const annotations: Annotation[] = await this.#store.getAnnotations(id)
      index.addArticle(searchableArticle(article, annotations, tags))
      if (i % BUILD_CHUNK === BUILD_CHUNK - 1) await new Promise((resolve) => setImmediate(resolve))
    }
  }
}

function withSummary(result: ArticleResult, summary: ArticleSummary): ArticleSearchResult {
  return { ...result, title: summary.title, source: summary.source, published: summary.published, language: summary.language }
}
