import { search } from './search'
import { SearchIndex } from './search-index'
import type { SearchOptions, SearchOutcome } from './results'
import type { SearchableArticle } from './searchable'
import { deserializeIndex, serializeIndex, type SerializedSearchIndex } from './serialize'
import { decodeBinaryIndex, encodeBinaryIndex } from './binary-index'

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
  /**
   * Replaces the index with the one saved in the cache file at `path` (binary-index.ts), or with
   * an empty one when there is no file or it is damaged (the reply says which).
   */
  | { readonly type: 'open-file'; readonly path: string }
  /** Writes the index to the cache file at `path`, saved at the store's sequence number `seq`. */
  | { readonly type: 'save-file'; readonly path: string; readonly seq: number }

export type SearchReply =
  | { readonly type: 'done'; readonly articleCount: number }
  | { readonly type: 'results'; readonly outcome: SearchOutcome }
  | { readonly type: 'stamps'; readonly stamps: ReadonlyArray<readonly [id: string, stamp: string]> }
  | { readonly type: 'saved'; readonly index: SerializedSearchIndex }
  /**
   * After `open-file`: `seq` is the sequence number the file was saved at, null when there was
   * no usable file (`problem` says why when there was one: damaged, another version...).
   */
  | { readonly type: 'opened'; readonly seq: number | null; readonly articleCount: number; readonly problem: string | null }
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

/**
 * The cache file's bytes on disk (src/node/search/index-file.ts): given to the host by the
 * thread that holds it, since src/common touches no file system.
 */
export interface IndexFiles {
  /** The file's bytes, or null when there is none; throws when it cannot be read or is damaged. */
  read(path: string): Uint8Array | null
  /** Replaces the file durably (all or nothing). */
  write(path: string, bytes: Uint8Array): void
}

export class SearchHost {
  constructor(
    private index: SearchIndex = new SearchIndex(),
    private readonly files: IndexFiles | null = null,
  ) {}

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
        case 'open-file':
          return this.openFile(request.path)
        case 'save-file':
          if (this.files === null) return { type: 'failed', reason: 'this search index has no files' }
          this.files.write(request.path, encodeBinaryIndex(this.index, request.seq))
          return this.done()
      }
    } catch (error) {
      return { type: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
    }
  }

  private openFile(path: string): SearchReply {
    this.index = new SearchIndex()
    if (this.files === null) return { type: 'opened', seq: null, articleCount: 0, problem: null }
    try {
      const bytes = this.files.read(path)
      if (bytes === null) return { type: 'opened', seq: null, articleCount: 0, problem: null }
      const { seq, index } = decodeBinaryIndex(bytes)
      this.index = index
      return { type: 'opened', seq, articleCount: index.articleCount, problem: null }
    } catch (error) {
      // A cache: whatever is wrong with it, the index starts empty and is rebuilt from the library.
      return { type: 'opened', seq: null, articleCount: 0, problem: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
    }
  }

  private done(): SearchReply {
    return { type: 'done', articleCount: this.index.articleCount }
  }
}
