import { AppError } from '../../common/errors'
import type { ArticleSummary } from '../../common/model/article'
import type { LibraryChange } from '../../common/model/library-change'
import type { ArticleSearchResult, LibrarySearchResult } from '../../common/search/library-search-result'
import type { ArticleResult, SearchOptions } from '../../common/search/results'
import type { SearchPort, SearchReply, SearchRequest } from '../../common/search/search-host'
import { searchableArticle, type SearchableArticle } from '../../common/search/searchable'
import type { LibraryStore } from '../store/library-store'


/** Articles per `put` message while building: small messages, so each clone is quick. */
const PUT_BATCH = 25
/** `put` messages in flight at once: enough to keep the index thread busy while this one reads. */
const PUTS_IN_FLIGHT = 2

/**
 * The library's search index, as the service sees it. The index itself lives behind a SearchPort
 * (a worker thread in the app, see worker-search-port.ts): this thread only reads the store and
 * sends articles over, so building the index for 10,000 articles or answering a slow query never
 * holds up the requests and saves this thread serves.
 *
 * The index is built on the first query, from the store (articles, annotations, tags). After
 * that, every commit the store's change feed announces is sent over as soon as this thread is free (changes
 * arriving meanwhile are merged), and a query waits only for the changes made before it.
 *
 * Search as you type: a query from a `box` supersedes that box's older query, which answers with
 * `superseded: true` (never an error) whether it was still waiting for the index or running.
 */
export class LibrarySearch {
  readonly #store: LibraryStore
  readonly #port: SearchPort
  #built = false
  #rebuild = false
  readonly #stale = new Set<string>()
  readonly #deleted = new Set<string>()
  #tagsChanged = false
  /** Updates are sent one pass at a time; queries wait for the pass in progress. */
  #syncing: Promise<void> = Promise.resolve()
  #syncScheduled = false
  #summaries: Map<string, ArticleSummary> | null = null
  readonly #latestByBox = new Map<string, number>()
  #tickets = 0
  readonly #unsubscribe: () => void

  constructor(store: LibraryStore, port: SearchPort) {
    this.#store = store
    this.#port = port
    this.#unsubscribe = store.onChange((change) => this.#noteChange(change))
  }

  /** Notes a commit; it is sent to the index as soon as this thread is free. */
  #noteChange(change: LibraryChange): void {
    // Briefs and settings are not searched: nothing to do, and the summaries stay.
    if (change.everything) this.#rebuild = true
    for (const id of change.articles) this.#stale.add(id)
    for (const id of change.annotations) this.#stale.add(id)
    for (const id of change.deletedArticles) this.#deleted.add(id)
    if (change.tags) this.#tagsChanged = true
    if (change.everything || change.articles.length > 0 || change.deletedArticles.length > 0) this.#summaries = null
    if (this.#built && !this.#syncScheduled) {
      this.#syncScheduled = true
      setImmediate(() => {
        this.#syncScheduled = false
        // A failed update is retried by the next query, which reports it.
        this.#sync().catch(() => undefined)
      })
    }
  }

  async search(query: string, options: SearchOptions = {}, box?: string): Promise<LibrarySearchResult> {
    const ticket = ++this.#tickets
    if (box !== undefined) this.#latestByBox.set(box, ticket)
    try {
      return await this.#searchOnce(query, options, box, ticket)
    } catch (error) {
      if (!(error instanceof SearchIndexLost)) throw error
      // The index thread died (or came back empty): rebuild it from the store and ask once more.
      return await this.#searchOnce(query, options, box, ticket)
    }
  }

  async #searchOnce(query: string, options: SearchOptions, box: string | undefined, ticket: number): Promise<LibrarySearchResult> {
    await this.#sync()
    if (box !== undefined && this.#latestByBox.get(box) !== ticket) return superseded(query)
    const reply = await this.#port.send({ type: 'search', query, options }, box)
    if (reply.type === 'superseded') return superseded(query)
    if (reply.type !== 'results') throw this.#failure(reply)
    const outcome = reply.outcome
    if (!outcome.ok) {
      const { code, params, part, start, end } = outcome.error
      throw new AppError(code, { ...params, part, start, end })
    }
    const summaries = (this.#summaries ??= new Map(this.#store.listArticles().map((article) => [article.id, article])))
    return {
      query: outcome.query,
      mode: outcome.mode,
      total: outcome.total,
      offset: outcome.offset,
      superseded: false,
      results: outcome.results.flatMap((result) => {
        const summary = summaries.get(result.articleId)
        return summary === undefined ? [] : [withSummary(result, summary)]
      }),
    }
  }

  /** Waits for pending updates, then stops the index. */
  async close(): Promise<void> {
    this.#unsubscribe()
    await this.#syncing.catch(() => undefined)
    await this.#port.close()
  }

  /** Brings the index up to date with every change noted so far (one pass at a time). */
  #sync(): Promise<void> {
    const pass = this.#syncing.catch(() => undefined).then(() => this.#syncPass())
    this.#syncing = pass
    return pass
  }

  async #syncPass(): Promise<void> {
    if (!this.#built || this.#rebuild) {
      this.#rebuild = false
      this.#stale.clear()
      this.#deleted.clear()
      this.#tagsChanged = false
      await this.#send({ type: 'clear' })
      await this.#put(this.#store.listArticles().map((article) => article.id))
      this.#built = true
      return
    }
    if (this.#stale.size === 0 && this.#deleted.size === 0 && !this.#tagsChanged) return
    const stale = new Set(this.#stale)
    const deleted = [...this.#deleted]
    const tagsChanged = this.#tagsChanged
    this.#stale.clear()
    this.#deleted.clear()
    this.#tagsChanged = false
    if (tagsChanged) for (const annotation of await this.#store.allAnnotations()) if (annotation.tagIds.length > 0) stale.add(annotation.articleId)
    if (deleted.length > 0) await this.#send({ type: 'remove', ids: deleted })
    await this.#put([...stale])
  }

  /** Reads the articles from the store and sends them over in batches. */
  async #put(ids: readonly string[]): Promise<void> {
    const tags = this.#store.listTags()
    const inFlight: Array<Promise<void>> = []
    let batch: SearchableArticle[] = []
    const removed: string[] = []
    const flush = async () => {
      if (batch.length === 0) return
      inFlight.push(this.#send({ type: 'put', articles: batch }))
      batch = []
      if (inFlight.length >= PUTS_IN_FLIGHT) await inFlight.shift()
    }
    try {
      for (const id of ids) {
        const article = await this.#store.getArticle(id)
        if (article === null) {
          removed.push(id)
          continue
        }
        batch.push(searchableArticle(article, await this.#store.getAnnotations(id), tags))
        if (batch.length === PUT_BATCH) await flush()
      }
      await flush()
      await Promise.all(inFlight)
    } catch (error) {
      // Let every batch already sent settle before reporting (no stray rejection).
      await Promise.allSettled(inFlight)
      throw error
    }
    if (removed.length > 0) await this.#send({ type: 'remove', ids: removed })
  }

  async #send(request: SearchRequest): Promise<void> {
    const reply = await this.#port.send(request)
    if (reply.type === 'failed') throw this.#failure(reply)
  }

  /** The index is in doubt after any failure (the thread may have died): rebuild it next time. */
  #failure(reply: Exclude<SearchReply, { type: 'results' | 'superseded' }>): Error {
    this.#built = false
    return new SearchIndexLost(reply.type === 'failed' ? `search index: ${reply.reason}` : `search index: unexpected ${reply.type} reply`)
  }
}

/** The index failed to answer; it will be rebuilt from the store before the next request. */
class SearchIndexLost extends Error {
  override readonly name = 'SearchIndexLost'
}

function superseded(query: string): LibrarySearchResult {
  return { query, mode: 'all', total: 0, offset: 0, superseded: true, results: [] }
}

function withSummary(result: ArticleResult, summary: ArticleSummary): ArticleSearchResult {
  return { ...result, title: summary.title, source: summary.source, published: summary.published, language: summary.language }
}
