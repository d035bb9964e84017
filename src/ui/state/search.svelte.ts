import type { ApiClient } from '../../common/api'
import type { ErrorInfo } from '../../common/errors'
import type { LibrarySearchResult } from '../../common/search/library-search-result'
import type { SearchHit } from '../../common/search/results'
import { errorInfoOf } from './notices.svelte'

/** A hit the keyboard can land on: which article, which hit. */
export interface HitTarget {
  readonly articleId: string
  readonly hit: SearchHit
}

const TYPING_PAUSE_MS = 120
/** Names this box to the service, whose index drops this box's older queries for its newer ones. */
const SEARCH_BOX = 'library'
/** While the index catches up with the library, the query is asked again this often. */
const CATCHING_UP_RETRY_MS = 1_000

/**
 * The search box: the query, the results of the latest query only (late answers to older queries
 * are dropped), the query error, and the hit the keyboard is on. Searching happens in the service's
 * search thread; the UI thread only waits for the answer.
 */
export class SearchState {
  readonly #api: ApiClient
  #query = $state('')
  #result = $state.raw<LibrarySearchResult | null>(null)
  #error = $state.raw<ErrorInfo | null>(null)
  #busy = $state(false)
  #active = $state(-1)
  #ticket = 0
  #timer: ReturnType<typeof setTimeout> | null = null

  constructor(api: ApiClient) {
    this.#api = api
  }

  get query(): string {
    return this.#query
  }
  get result(): LibrarySearchResult | null {
    return this.#result
  }
  get error(): ErrorInfo | null {
    return this.#error
  }
  get busy(): boolean {
    return this.#busy
  }
  /** True while the query holds something: results replace the library list. */
  get active(): boolean {
    return this.#query.trim() !== ''
  }
  /** Every hit in display order, for Up/Down. */
  readonly targets: HitTarget[] = $derived(
    (this.#result?.results ?? []).flatMap((article) => article.hits.map((hit) => ({ articleId: article.articleId, hit }))),
  )
  get activeIndex(): number {
    return this.#active
  }

  set query(query: string) {
    this.#query = query
    if (this.#timer !== null) clearTimeout(this.#timer)
    if (query.trim() === '') {
      this.#ticket++
      this.#result = null
      this.#error = null
      this.#busy = false
      this.#active = -1
      return
    }
    this.#timer = setTimeout(() => void this.run(), TYPING_PAUSE_MS)
  }

  clear(): void {
    this.query = ''
  }

  /** Runs the current query now (the box calls this after a pause in typing, or on Enter). */
  async run(): Promise<void> {
    const ticket = ++this.#ticket
    const query = this.#query
    this.#busy = true
    try {
      const result = await this.#api.search({ query, limit: 30, box: SEARCH_BOX })
      // A newer query replaced this one: its own answer is on the way.
      if (ticket !== this.#ticket || result.superseded) return
      this.#result = result
      this.#error = null
      this.#active = -1
      // Answered from an index still catching up: ask again until the answer is complete (a newer
      // query, or clearing the box, moves the ticket on and stops this).
      if (result.catchingUp) this.#retryLater(ticket)
    } catch (error) {
      if (ticket !== this.#ticket) return
      this.#error = errorInfoOf(error)
    } finally {
      if (ticket === this.#ticket) this.#busy = false
    }
  }

  #retryLater(ticket: number): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      if (ticket === this.#ticket) void this.run()
    }, CATCHING_UP_RETRY_MS)
  }

  /** Moves the keyboard's place by `step` hits (wrapping). */
  move(step: number): void {
    const count = this.targets.length
    if (count === 0) return
    this.#active = this.#active === -1 ? (step > 0 ? 0 : count - 1) : (this.#active + step + count) % count
  }

  select(index: number): void {
    this.#active = index
  }
}
