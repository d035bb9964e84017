import { search } from './search'
import { SearchIndex } from './search-index'
import type { SearchOptions, SearchOutcome } from './results'
import type { SearchableArticle } from './searchable'
import { deserializeIndex, serializeIndex, type SerializedSearchIndex } from './serialize'

/**
 * The index behind a message boundary. The UI's Web Worker is `onmessage = (e) =>
 * postMessage({ id: e.data.id, reply: host.handle(e.data.request) })`; the CLI can call `handle`
 * directly. Requests and replies are plain data (structured-clone and JSON safe); failures are
 * replies, never exceptions across the boundary.
 *
 * Search as you type: the worker answers in order, so the UI keeps the id of its latest search
 * and drops replies to older ones (or skips queued ones before sending).
 */
export type SearchRequest =
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

export class SearchHost {
  constructor(private index: SearchIndex = new SearchIndex()) {}

  handle(request: SearchRequest): SearchReply {
    try {
      switch (request.type) {
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
