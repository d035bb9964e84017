import type { ApiClient } from '../../common/api'
import type { ErrorInfo } from '../../common/errors'
import { summarize, type Article } from '../../common/model/article'
import { decodeArticleList, type ListedArticle } from '../../common/model/article-list'
import type { LibraryChange } from '../../common/model/library-change'
import { ApiError } from '../lib/api'
import { LibraryView, type LibraryOrder } from '../lib/library-view'
import { ARTICLE_DATA_MARK, markDataArrived } from '../lib/reader-timing'

export type LoadState = 'idle' | 'loading' | 'ready' | 'error'

/**
 * Where the reader should go once an article is open (a search hit, a theme's passage): offsets
 * into bodyText(article.blocks), and the highlight there if any. Contract: whoever opens an
 * article at a place calls openAt(); the reader, once that article is shown, scrolls to `start`
 * (and may flash the annotation), then calls clearFocus().
 */
export interface ReaderFocus {
  readonly articleId: string
  readonly annotationId: string | null
  readonly start: number
  readonly end: number
}

function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ApiError) return error.info
  return { code: 'internal', message: String(error), params: { reason: error instanceof Error ? error.message : String(error) } }
}

/** The library list and the open article. */
export class LibraryState {
  readonly #api: ApiClient
  #articles = $state.raw<ListedArticle[]>([])
  // The list as shown: positions into #articles, ordered and filtered (library-view.ts). Typed
  // arrays and raw state: 100,000 summaries are never wrapped in proxies or copied.
  #view = new LibraryView([])
  #order = $state<LibraryOrder>('newest')
  #filter = $state('')
  #shown = $state.raw<Uint32Array>(new Uint32Array(0))
  #listState = $state<LoadState>('idle')
  #listError = $state.raw<ErrorInfo | null>(null)
  #selectedId = $state<string | null>(null)
  #article = $state.raw<Article | null>(null)
  #articleState = $state<LoadState>('idle')
  #articleError = $state.raw<ErrorInfo | null>(null)
  #focus = $state.raw<ReaderFocus | null>(null)
  // Each open() takes a ticket; a late answer for an older ticket is ignored.
  #ticket = 0

  constructor(api: ApiClient) {
    this.#api = api
  }

  get articles(): ListedArticle[] {
    return this.#articles
  }
  /** Positions into `articles` of the rows the list shows, in order. */
  get shown(): Uint32Array {
    return this.#shown
  }
  get order(): LibraryOrder {
    return this.#order
  }
  get filter(): string {
    return this.#filter
  }

  /** Orders the list (the keys are kept per list, so this costs a lookup once prepared). */
  setOrder(order: LibraryOrder): void {
    this.#order = order
    this.#shown = this.#view.shown(order, this.#filter)
  }

  /** Keeps the articles whose title or source holds `filter` (no accents, no case needed). */
  setFilter(filter: string): void {
    this.#filter = filter
    this.#shown = this.#view.shown(this.#order, filter)
  }

  #setArticles(articles: ListedArticle[]): void {
    this.#articles = articles
    this.#view = new LibraryView(articles)
    this.#shown = this.#view.shown(this.#order, this.#filter)
    // The other orders' keys are built when the renderer is next idle, not on the user's first click.
    const view = this.#view
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0))
    idle(() => {
      if (view === this.#view) view.prepare()
    })
  }

  get listState(): LoadState {
    return this.#listState
  }
  get listError(): ErrorInfo | null {
    return this.#listError
  }
  get selectedId(): string | null {
    return this.#selectedId
  }
  get article(): Article | null {
    return this.#article
  }
  get articleState(): LoadState {
    return this.#articleState
  }
  get articleError(): ErrorInfo | null {
    return this.#articleError
  }

  /** See ReaderFocus. */
  get focus(): ReaderFocus | null {
    return this.#focus
  }

  /** Opens an article and asks the reader to show a place in it. */
  openAt(focus: ReaderFocus): Promise<void> {
    this.#focus = focus
    return this.open(focus.articleId)
  }

  clearFocus(): void {
    this.#focus = null
  }

  async load(): Promise<void> {
    this.#listState = 'loading'
    this.#listError = null
    try {
      this.#setArticles(decodeArticleList(await this.#api.listArticleColumns()))
      this.#listState = 'ready'
    } catch (error) {
      this.#listError = toErrorInfo(error)
      this.#listState = 'error'
    }
  }

  async open(id: string): Promise<void> {
    const ticket = ++this.#ticket
    this.#selectedId = id
    this.#articleState = 'loading'
    this.#articleError = null
    try {
      const article = await this.#api.getArticle({ id })
      if (ticket !== this.#ticket) return
      this.#article = article
      this.#articleState = 'ready'
      markDataArrived(ARTICLE_DATA_MARK, id)
    } catch (error) {
      if (ticket !== this.#ticket) return
      this.#article = null
      this.#articleError = toErrorInfo(error)
      this.#articleState = 'error'
    }
  }

  /** Closes the open article (e.g. after a restore replaced the library). */
  close(): void {
    this.#ticket++
    this.#selectedId = null
    this.#article = null
    this.#articleState = 'idle'
    this.#articleError = null
  }

  // ── import (issue 4) ──
  /** Reloads the list in place (after an import): no loading state, the selection stays. */
  async refresh(): Promise<void> {
    try {
      this.#setArticles(decodeArticleList(await this.#api.listArticleColumns()))
      this.#listState = 'ready'
    } catch (error) {
      this.#listError = toErrorInfo(error)
      this.#listState = 'error'
    }
  }

  /** Shows a new revision of the open article (edited details, a cleaning step undone) and its summary in the list. */
  showRevised(article: Article): void {
    if (article.id === this.#selectedId) this.#article = article
    this.#setArticles(this.#articles.map((summary) => (summary.id === article.id ? summarize(article) : summary)))
  }

  /**
   * Follows the library's change feed: the list is read again when articles were added, changed
   * or deleted (by this window or not), and an article deleted while open is closed.
   */
  followChange(change: LibraryChange): void {
    if (this.#selectedId !== null && change.deletedArticles.includes(this.#selectedId)) this.close()
    if (change.everything || change.articles.length > 0 || change.deletedArticles.length > 0) void this.refresh()
  }

  reopen(): Promise<void> {
    return this.#selectedId === null ? Promise.resolve() : this.open(this.#selectedId)
  }
}
