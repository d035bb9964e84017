import { decodeBinaryIndex, encodeBinaryIndex } from './binary-index'
import { SourceDamaged } from './byte-source'
import { SearchIndexFormatError } from './saved-articles'
import { encodeLogBatch, encodeLogHead, LOG_MAX_BYTES, LOG_MAX_CHANGES } from './change-log'
import type { SearchOptions, SearchOutcome } from './results'
import { search } from './search'
import { SearchIndex } from './search-index'
import { changeLogPath, openSavedIndex, type IndexFiles, type OpenedIndexFile } from './saved-index'
import type { SearchableArticle } from './searchable'

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
  | { readonly type: 'put'; readonly articles: readonly SearchableArticle[] }
  | { readonly type: 'remove'; readonly ids: readonly string[] }
  | { readonly type: 'search'; readonly query: string; readonly options?: SearchOptions }
  | { readonly type: 'stamps' }
  /**
   * Replaces the index with the one saved in the cache file at `path` (binary-index.ts) and the
   * change log beside it (change-log.ts), or with an empty one when there is no file or it is
   * damaged (the reply says which).
   */
  | { readonly type: 'open-file'; readonly path: string }
  /**
   * Saves the index as of the store's sequence number `seq`: the changes since the last save
   * appended to the change log when the index came from the file at `path` and the log has room,
   * else the whole index written to `path` as a new base.
   */
  | { readonly type: 'save-file'; readonly path: string; readonly seq: number }
  /** Lets go of the cache file (the index is not used again). */
  | { readonly type: 'close-file' }

export type SearchReply =
  | { readonly type: 'done'; readonly articleCount: number }
  | { readonly type: 'results'; readonly outcome: SearchOutcome }
  | { readonly type: 'stamps'; readonly stamps: ReadonlyArray<readonly [id: string, stamp: string]> }
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

/** The base the index was opened from or last saved as, and its log. */
interface OpenBase {
  readonly path: string
  readonly file: OpenedIndexFile
  readonly baseId: string
  /** Bytes of the log's intact records (0: the log is to be started afresh), and the changes they hold. */
  logBytes: number
  logChanges: number
}

export class SearchHost {
  #base: OpenBase | null = null
  /**
   * The changes since the index was last opened or saved, in order of their last change (an
   * article put again moves to the end, as its slot in the index does): when not null, the index
   * is the base, its log, and these. Null when the index is not (built afresh, cleared, or too
   * many changes to log): the next save writes a new base.
   */
  #journal: Map<string, SearchableArticle | null> | null = null

  constructor(
    private index: SearchIndex = new SearchIndex(),
    private readonly files: IndexFiles | null = null,
  ) {}

  handle(request: SearchRequest): SearchReply {
    try {
      switch (request.type) {
        case 'clear':
          this.#closeBase()
          this.index = new SearchIndex()
          return this.done()
        case 'put':
          for (const article of request.articles) {
            this.index.addArticle(article)
            this.#note(article.id, article)
          }
          return this.done()
        case 'remove':
          for (const id of request.ids) if (this.index.removeArticle(id)) this.#note(id, null)
          return this.done()
        case 'search':
          return { type: 'results', outcome: search(this.index, request.query, request.options) }
        case 'stamps':
          return { type: 'stamps', stamps: this.index.stamps() }
        case 'open-file':
          return this.#openFile(request.path)
        case 'save-file':
          if (this.files === null) return { type: 'failed', reason: 'this search index has no files' }
          this.#saveFile(this.files, request.path, request.seq)
          return this.done()
        case 'close-file':
          this.#closeBase()
          return this.done()
      }
    } catch (error) {
      if ((error instanceof SourceDamaged || error instanceof SearchIndexFormatError) && this.#base !== null) {
        // A piece of the base read since opening is damaged, or a record read from it (they are
        // read when first used) is malformed: the index is in doubt, and so is the file, which is
        // removed so that the index is rebuilt from the library, not loaded again.
        this.files?.discard(this.#base.path)
        this.#closeBase()
        this.index = new SearchIndex()
      }
      return { type: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
    }
  }

  #note(id: string, article: SearchableArticle | null): void {
    const journal = this.#journal
    if (journal === null) return
    journal.delete(id)
    journal.set(id, article)
    // Past what a log may hold: the next save writes a base, and nothing needs remembering.
    if (journal.size > LOG_MAX_CHANGES) this.#journal = null
  }

  #closeBase(): void {
    this.#base?.file.close()
    this.#base = null
    this.#journal = null
  }

  #openFile(path: string): SearchReply {
    this.#closeBase()
    this.index = new SearchIndex()
    if (this.files === null) return { type: 'opened', seq: null, articleCount: 0, problem: null }
    try {
      const opened = openSavedIndex(this.files, path)
      if (opened === null) return { type: 'opened', seq: null, articleCount: 0, problem: null }
      this.index = opened.index
      this.#base = { path, file: opened.file, baseId: opened.baseId, logBytes: opened.logBytes, logChanges: opened.logChanges }
      this.#journal = new Map()
      return { type: 'opened', seq: opened.seq, articleCount: opened.index.articleCount, problem: null }
    } catch (error) {
      // A cache: whatever is wrong with it, the index starts empty and is rebuilt from the library.
      return { type: 'opened', seq: null, articleCount: 0, problem: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
    }
  }

  #saveFile(files: IndexFiles, path: string, seq: number): void {
    const base = this.#base
    const journal = this.#journal
    const logPath = changeLogPath(path)
    if (base !== null && base.path === path && journal !== null) {
      const changes = [...journal]
      const record = encodeLogBatch({ seq, changes })
      if (base.logChanges + changes.length <= LOG_MAX_CHANGES && base.logBytes + record.length <= LOG_MAX_BYTES) {
        const records = base.logBytes === 0 ? [encodeLogHead(base.baseId), record] : [record]
        base.logBytes = files.appendLog(logPath, records, base.logBytes)
        base.logChanges += changes.length
        journal.clear()
        return
      }
    }
    // A new base: the whole index, then a log that names it. A crash between the two leaves a log
    // naming the old base, which is ignored.
    const baseId = `${seq.toString(36)}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`
    files.write(path, encodeBinaryIndex(this.index, seq, baseId))
    const logBytes = files.appendLog(logPath, [encodeLogHead(baseId)], 0)
    // The index is taken again from the new file, read on demand like any opened index (the same
    // results): what it had read into memory is let go, and so is the old file.
    const file = files.open(path)
    if (file === null) throw new Error(`the search index file ${path} vanished after writing`)
    let reopened: SearchIndex
    try {
      reopened = decodeBinaryIndex(file).index
    } catch (error) {
      file.close()
      throw error
    }
    this.#closeBase()
    this.index = reopened
    this.#base = { path, file, baseId, logBytes, logChanges: 0 }
    this.#journal = new Map()
  }

  private done(): SearchReply {
    return { type: 'done', articleCount: this.index.articleCount }
  }
}
