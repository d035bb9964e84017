import { search } from './search'
import { SearchIndex } from './search-index'
import type { SearchOptions, SearchOutcome } from './results'
import type { SearchableArticle } from './searchable'
import { deserializeIndex, serializeIndex, type SerializedSearchIndex } from './serialize'

/**
 * The index behind a message boundary. The service's worker thread (src/node/search/search-worker.ts)
 * is `on('message', ({ id, request }) => postMessage({ id, reply: host.handle(request) }))`; the
 * CLI calls `handle` in its own thread. Requests and replies are plain data (structured-clone and
 * JSON safe); failures are replies, never exceptions across the boundary.
 *
 * Search as you type: a SearchPort (below) sends one request at a time, in order, and answers
 * `superseded` to a search that a newer one from the same box replaced (see search-scheduler.ts).
 */
export type SearchRequest =
  | { readonly type: 'clear' }
  | { readonly type: 'load'; readonly index: SerializedSearchIndex }
  | { readonly type: 'put'; readonly articles: readonly SearchableArticle[] }
  | { readonly type: 'remove'; readonly ids: readonly string[] }
  | { readonly type: 'search'; readonly query: string; readonly options?: SearchOptions }
  | { readonly type: 'stamps' }
  | { readonly type: 'save' }

export type SearchReply =
  | { readonly type: 'done'; readonly articleCount: number }
  | { readonly type: 'results'; readonly outcome: SearchOutcome }
  | { readonly type: 'stamps'; readonly stamps: ReadonlyArray<readonly [id: string, stamp: string]> }
  | { readonly type: 'saved'; readonly index: SerializedSearchIndex }
  | { readonly type: 'failed'; readonly reason: string }
  /** A newer search from the same box arrived first: this one was dropped, or its answer was. */
  | { readonly type: 'superseded' }

/**
 * Where the service sends index requests: a worker thread (worker-search-port.ts) or this thread
 * (in-process-search-port.ts). `box` names the search box a query comes from: a newer query from
 * the same box supersedes an older one that is still waiting or running.
 */
export interface SearchPort {
  send(request: SearchRequest, box?: string): Promise<SearchReply>
  /** Stops the index; later requests answer `failed`. */
  close(): Promise<void>
}

export class SearchHost {
  constructor(private index: SearchIndex = new SearchIndex()) {}

  handle(request: SearchRequest): SearchReply {
    try {
      switch (request.type) {
        case 'clear':
          this.index = new SearchIndex()
          return this.done()
        case 'load':
          this.index = deserializeIndex(request.index)
          return this.done()
        case 'put':
          for (const article of request.articles) this.index.addArticle(article)
          return this.done()
        case 'remove':
          for (const id of request.ids) this.index.removeArticle(id)
          return this.done()
        case 'search':
          return { type: 'results', outcome: search(this.index, request.query, request.options) }
        case 'stamps':
          return { type: 'stamps', stamps: this.index.stamps() }
        case 'save':
          return { type: 'saved', index: serializeIndex(this.index) }
      }
    } catch (error) {
      return { type: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
    }
  }

  private done(): SearchReply {
    return { type: 'done', articleCount: this.index.articleCount }
  }
}
