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
 * A search waits for the index to catch up only when that means indexing at most this many
 * articles (a fraction of a second); beyond that it answers from what the index holds and says so.
 */
const WAIT_UP_TO_ARTICLES = 500
/** The cache file is rewritten once changes have stopped for this long, and when the search closes. */
const SAVE_AFTER_MS = 5_000

export interface LibrarySearchOptions {
  /** The index's cache file (index-file.ts); null or absent: the index is kept in memory only. */
  readonly file?: string | null
  /** Whether the cache file is written (never for a read-only open). */
  readonly save?: boolean
  /** See WAIT_UP_TO_ARTICLES (tests set 0 to see the index catching up on a small library). */
  readonly waitUpTo?: number
  /** See SAVE_AFTER_MS. */
  readonly saveAfterMs?: number
}

/**
 * What the index must do before it holds the whole library: nothing; put every article over
 * what it holds (a cache file behind the library: it answers from the old content meanwhile,
 * and articles the library lost are removed after); or start empty and put every article.
 */
type CatchUp = 'none' | 'refresh' | 'rebuild'

/**
 * The library's search index, as the service sees it. The index itself lives behind a SearchPort
 * (a worker thread in the app, see worker-search-port.ts): this thread only reads the store and
 * sends articles over, so building the index or answering a slow query never holds up the
 * requests and saves this thread serves.
 *
 * On the first query the index is loaded from its cache file (binary-index.ts), saved with the
 * store's change sequence number: when that number is the library's, the index is complete at
 * once. When the file is missing or damaged, the index starts empty; when it is behind the
 * library (changes made without it, a crash), it keeps what it holds. Either way it catches up in
 * the background, article by article, and searches meanwhile answer from what it has, marked
 * `catchingUp` (only when the rest is small does a search wait for it, WAIT_UP_TO_ARTICLES).
 * After that, every commit the store's change feed announces is sent over as soon as this
 * thread is free (changes arriving meanwhile are merged), a query waits only for the changes made
 * before it, and the file is rewritten when changes pause and at close.
 *
 * Search as you type: a query from a `box` supersedes that box's older query, which answers with
 * `superseded: true` (never an error) whether it was still waiting for the index or running.
 */
export class LibrarySearch {
  readonly #store: LibraryStore
  readonly #port: SearchPort
  readonly #file: string | null
  readonly #save: boolean
  readonly #waitUpTo: number
  readonly #saveAfterMs: number
  /** The cache file read (or found unusable): once, again after the index thread was lost. */
  #opening: Promise<void> | null = null
  #catchUp: CatchUp = 'rebuild'
  /** Articles the catch-up in progress has yet to send, or null when none runs. */
  #catchUpLeft: number | null = null
  readonly #stale = new Set<string>()
  readonly #deleted = new Set<string>()
  #tagsChanged = false
  /** The sequence number of the last change noted, and of the last one the index holds. */
  #seqNoted: number
  #seqHeld: number | null = null
  /** The index holds something the cache file does not. */
  #unsaved = false
  #saveTimer: ReturnType<typeof setTimeout> | null = null
  /** Updates are sent one pass at a time; queries wait for the pass in progress. */
  #syncing: Promise<void> = Promise.resolve()
  #syncScheduled = false
  #summaries: Map<string, ArticleSummary> | null = null
  readonly #latestByBox = new Map<string, number>()
  #tickets = 0
  readonly #unsubscribe: () => void

  constructor(store: LibraryStore, port: SearchPort, options: LibrarySearchOptions = {}) {
    this.#store = store
    this.#port = port
    this.#file = options.file ?? null
    this.#save = (options.save ?? true) && this.#file !== null
    this.#waitUpTo = options.waitUpTo ?? WAIT_UP_TO_ARTICLES
    this.#saveAfterMs = options.saveAfterMs ?? SAVE_AFTER_MS
    this.#seqNoted = store.changeSeq
    this.#unsubscribe = store.onChange((change) => this.#noteChange(change))
  }

  /** Notes a commit; it is sent to the index as soon as this thread is free. */
  #noteChange(change: LibraryChange): void {
    this.#seqNoted = change.seq
    // Briefs and settings are not searched: nothing to do, and the summaries stay.
    if (change.everything) this.#catchUp = 'rebuild'
    for (const id of change.articles) this.#stale.add(id)
    for (const id of change.annotations) this.#stale.add(id)
    for (const id of change.deletedArticles) this.#deleted.add(id)
    if (change.tags) this.#tagsChanged = true
    if (change.everything || change.articles.length > 0 || change.deletedArticles.length > 0) this.#summaries = null
    if (this.#opening !== null && !this.#syncScheduled) {
      this.#syncScheduled = true
      setImmediate(() => {
        this.#syncScheduled = false
        // A failed update is retried by the next query, which reports it.
        this.#sync().catch(() => undefined)
      })
    }
  }

  /**
   * One page of results. Never waits for the index to load the whole library (unless `wait`:
   * the CLI's one-shot search, which must be complete): the result says `catchingUp` then.
   */
  async search(query: string, options: SearchOptions = {}, box?: string, wait = false): Promise<LibrarySearchResult> {
    const ticket = ++this.#tickets
    if (box !== undefined) this.#latestByBox.set(box, ticket)
    try {
      return await this.#searchOnce(query, options, box, ticket, wait)
    } catch (error) {
      if (!(error instanceof SearchIndexLost)) throw error
      // The index thread died (or came back empty): load or rebuild it and ask once more. This
      // one query waits for it, so that a crash never shows as missing results.
      return await this.#searchOnce(query, options, box, ticket, true)
    }
  }

  /** Resolves once the index holds the whole library (tests, benches, the CLI). */
  async caughtUp(): Promise<void> {
    for (;;) {
      await this.#open()
      const complete = this.#complete
      await this.#sync()
      if (complete) return
    }
  }

  get #complete(): boolean {
    return this.#catchUp === 'none' && this.#catchUpLeft === null
  }

  async #searchOnce(query: string, options: SearchOptions, box: string | undefined, ticket: number, wait: boolean): Promise<LibrarySearchResult> {
    await this.#open()
    const left = this.#complete ? 0 : (this.#catchUpLeft ?? this.#store.listArticles().length)
    const catchingUp = !wait && left > this.#waitUpTo
    if (catchingUp) {
      // The catch-up runs on; this query goes to the index between two of its batches.
      this.#sync().catch(() => undefined)
    } else if (wait) await this.caughtUp()
    else await this.#sync()
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
      catchingUp,
      results: outcome.results.flatMap((result) => {
        const summary = summaries.get(result.articleId)
        return summary === undefined ? [] : [withSummary(result, summary)]
      }),
    }
  }

  /** Waits for pending updates, saves the cache file if it is behind, then stops the index. */
  async close(): Promise<void> {
    this.#unsubscribe()
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer)
    this.#saveTimer = null
    await this.#syncing.catch(() => undefined)
    if (this.#opening !== null) {
      await this.#saveFile().catch(() => undefined)
      // The index thread lets go of the cache file before it stops.
      await this.#port.send({ type: 'close-file' }).catch(() => undefined)
    }
    await this.#port.close()
  }

  /** Reads the cache file into the index (once), then starts catching up with the library. */
  #open(): Promise<void> {
    this.#opening ??= this.#openFile().then(
      () => void this.#sync().catch(() => undefined),
      (error: unknown) => {
        this.#opening = null
        throw error
      },
    )
    return this.#opening
  }

  async #openFile(): Promise<void> {
    this.#stale.clear()
    this.#deleted.clear()
    this.#tagsChanged = false
    const seq = this.#store.changeSeq
    if (this.#file === null) {
      this.#catchUp = 'rebuild'
      return
    }
    const reply = await this.#port.send({ type: 'open-file', path: this.#file })
    if (reply.type !== 'opened') throw this.#failure(reply)
    if (reply.seq === null) {
      this.#catchUp = 'rebuild'
      this.#seqHeld = null
    } else if (reply.seq === seq) {
      // Changes noted since `seq` are in #stale and #deleted: the next pass sends them.
      this.#catchUp = 'none'
      this.#seqHeld = seq
    } else {
      this.#catchUp = 'refresh'
      this.#seqHeld = null
    }
  }

  /** Brings the index up to date with every change noted so far (one pass at a time). */
  #sync(): Promise<void> {
    const pass = this.#syncing.catch(() => undefined).then(() => this.#syncPass())
    this.#syncing = pass
    return pass
  }

  async #syncPass(): Promise<void> {
    if (this.#opening === null) return
    const upTo = this.#seqNoted
    if (this.#catchUp !== 'none') {
      const mode = this.#catchUp
      this.#catchUp = 'none'
      this.#stale.clear()
      this.#deleted.clear()
      this.#tagsChanged = false
      const ids = this.#store.listArticles().map((article) => article.id)
      this.#catchUpLeft = ids.length
      try {
        if (mode === 'rebuild') await this.#send({ type: 'clear' })
        await this.#put(ids)
        if (mode === 'refresh') await this.#removeOthers(new Set(ids))
      } catch (error) {
        if (this.#catchUp === 'none') this.#catchUp = mode
        throw error
      } finally {
        this.#catchUpLeft = null
      }
      this.#held(upTo)
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
    this.#held(upTo)
  }

  /** The index now holds every change up to `seq`: the cache file is behind it. */
  #held(seq: number): void {
    this.#seqHeld = seq
    this.#unsaved = true
    if (!this.#save) return
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer)
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null
      this.#saveFile().catch(() => undefined)
    }, this.#saveAfterMs)
    // A pending save never keeps the process alive: close() saves.
    this.#saveTimer.unref?.()
  }

  /**
   * Writes the cache file, in the queue of updates: only when the index holds the whole library
   * as of a known sequence number. A failed write leaves the old file, which is then behind and
   * caught up with at the next open: nothing is lost, the file being a cache.
   */
  #saveFile(): Promise<void> {
    const pass = this.#syncing.catch(() => undefined).then(async () => {
      await this.#syncPass()
      const seq = this.#seqHeld
      if (!this.#save || !this.#unsaved || !this.#complete || seq === null || this.#file === null) return
      this.#unsaved = false
      try {
        await this.#send({ type: 'save-file', path: this.#file, seq })
      } catch (error) {
        this.#unsaved = true
        throw error
      }
    })
    this.#syncing = pass
    return pass
  }

  /** After a refresh: removes the articles the index holds that the library no longer has. */
  async #removeOthers(library: ReadonlySet<string>): Promise<void> {
    const reply = await this.#port.send({ type: 'stamps' })
    if (reply.type !== 'stamps') throw this.#failure(reply)
    const gone = reply.stamps.map(([id]) => id).filter((id) => !library.has(id))
    if (gone.length > 0) await this.#send({ type: 'remove', ids: gone })
  }

  /** Reads the articles from the store and sends them over in batches. */
  async #put(ids: readonly string[]): Promise<void> {
    const tags = this.#store.listTags()
    const inFlight: Array<Promise<void>> = []
    let batch: SearchableArticle[] = []
    const removed: string[] = []
    const flush = async () => {
      if (batch.length === 0) return
      const size = batch.length
      inFlight.push(
        this.#send({ type: 'put', articles: batch }).then(() => {
          if (this.#catchUpLeft !== null) this.#catchUpLeft = Math.max(0, this.#catchUpLeft - size)
        }),
      )
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

  /** The index is in doubt after any failure (the thread may have died): load or rebuild it next time. */
  #failure(reply: SearchReply): Error {
    this.#opening = null
    this.#catchUp = 'rebuild'
    return new SearchIndexLost(reply.type === 'failed' ? `search index: ${reply.reason}` : `search index: unexpected ${reply.type} reply`)
  }
}

/** The index failed to answer; it will be rebuilt from the store before the next request. */
class SearchIndexLost extends Error {
  override readonly name = 'SearchIndexLost'
}

function superseded(query: string): LibrarySearchResult {
  return { query, mode: 'all', total: 0, offset: 0, superseded: true, catchingUp: false, results: [] }
}

function withSummary(result: ArticleResult, summary: ArticleSummary): ArticleSearchResult {
  return { ...result, title: summary.title, source: summary.source, published: summary.published, language: summary.language }
}
