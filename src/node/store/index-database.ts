import { randomBytes } from 'node:crypto'
import * as v from 'valibot'
import { AppError } from '../../common/errors'
import type { ArticleSummary } from '../../common/model/article'
import { describeIssues } from '../describe-issues'
import { applyToList, ArticleLookup } from './article-lookup'
import { writeColumns } from './index-columns-file'
import { appendLog, deltaLine, IndexDeltaSchema, LOG_FILE, rewriteLog, type IndexDelta } from './index-log'
import { LIBRARY_FILE, SCHEMA_VERSION, type LibraryIndex } from './library-files'
import type { StoredFile, StoreContext } from './stored-file'

/**
 * The library's index as the store holds it: the checkpoint `library.json` (a StoredFile: both
 * copies, generations) plus the changes since, in `library.log` (index-log.ts), and in memory the
 * summaries with their lookups (article-lookup.ts).
 *
 * An index write appends one line holding the summaries it sets and the ids it deletes: it costs
 * what it changes, not what the library holds. When the log has grown past a quarter of the
 * checkpoint (at least LOG_MIN_BYTES, at most LOG_MAX_BYTES), the write is a compaction instead:
 * the whole index as a new checkpoint under a new id, then an empty log naming it. A library from
 * before the log (its checkpoint has no id) is converted the same way by its first index write.
 */
const LOG_MIN_BYTES = 64 * 1024
const LOG_MAX_BYTES = 4 * 1024 * 1024

export interface IndexHeader {
  readonly schemaVersion: typeof SCHEMA_VERSION
  readonly libraryId: string
  readonly createdAt: string
  readonly checkpoint?: string | undefined
}

export class IndexDatabase {
  readonly #context: StoreContext
  readonly #file: StoredFile<'index'>
  #header: IndexHeader
  readonly #lookup: ArticleLookup
  /** Bytes of the log on disk (header included); 0 when there is none (a library not yet converted). */
  #logBytes: number
  /** Lines in the log after its header: what a whole-file copy of the library (a backup) would miss. */
  #logEntries: number
  #hasColumns = false
  /** The summaries of the checkpoint on disk (the log not applied): what its columns hold. */
  #checkpointArticles: readonly ArticleSummary[]

  /** `checkpointArticles`: the checkpoint's own summaries when the log holds entries (`index` has them applied). */
  constructor(context: StoreContext, file: StoredFile<'index'>, index: LibraryIndex, logBytes: number, logEntries = 0, checkpointArticles?: readonly ArticleSummary[]) {
    this.#context = context
    this.#file = file
    this.#header = headerOf(index)
    this.#lookup = new ArticleLookup(index.articles)
    this.#logBytes = logBytes
    this.#logEntries = logEntries
    this.#checkpointArticles = logEntries === 0 ? index.articles : checkpointArticles ?? index.articles
  }

  /** The checkpoint's file (it knows the bytes it last wrote or read). */
  get file(): StoredFile<'index'> {
    return this.#file
  }

  get libraryId(): string {
    return this.#header.libraryId
  }

  get articles(): readonly ArticleSummary[] {
    return this.#lookup.articles
  }

  /** The index as a whole (what a checkpoint holds): for backups and tests. */
  get data(): LibraryIndex {
    return { ...this.#header, articles: this.#lookup.articles as ArticleSummary[] }
  }

  findById(id: string): ArticleSummary | undefined {
    return this.#lookup.findById(id)
  }

  findByContentHash(hash: string): ArticleSummary | undefined {
    return this.#lookup.findByContentHash(hash)
  }

  /** False for a library from before the log, until it is converted (see convert). */
  get hasCheckpointId(): boolean {
    return this.#header.checkpoint !== undefined
  }

  /** True once the checkpoint on disk has its columns (`library.cols`), read or written by this process. */
  get hasColumns(): boolean {
    return this.#hasColumns
  }

  /** Marks the checkpoint as read from its columns (load-index.ts). */
  readFromColumns(): void {
    this.#hasColumns = true
  }

  /**
   * Writes the checkpoint's columns (`library.cols`, index-columns-file.ts) for a checkpoint read
   * from `library.json`: what makes the next open fast. Returns null, or why they were not written.
   */
  async writeColumns(onProgress?: (fraction: number) => void): Promise<string | null> {
    const { checkpoint } = this.#header
    if (checkpoint === undefined || !this.#context.writable) return 'the index has no checkpoint yet'
    const { schemaVersion, libraryId, createdAt } = this.#header
    const failed = await writeColumns(this.#context.dir, { schemaVersion, libraryId, createdAt, checkpoint }, this.#checkpointArticles, onProgress)
    this.#hasColumns = failed === null
    return failed
  }

  /** Bytes in the log now (for the bench and tests). */
  get logBytes(): number {
    return this.#logBytes
  }

  /**
   * One index write: summaries set (revisions in place, new ones at the end) and ids deleted,
   * durable in both copies of the log, or of a new checkpoint, before it resolves. The summaries
   * are checked first; nothing is written when one is not valid.
   */
  async change(delta: IndexDelta): Promise<void> {
    if (delta.set.length === 0 && delta.deleted.length === 0) return
    const parsed = v.safeParse(IndexDeltaSchema, delta)
    if (!parsed.success) throw new AppError('library.invalid', { file: LIBRARY_FILE, reason: describeIssues(parsed.issues) })
    // Never changed in place from now on (validated-file-bytes.ts keeps their bytes by identity).
    for (const summary of delta.set) Object.freeze(summary)
    const line = deltaLine(delta)
    if (this.#header.checkpoint === undefined || this.#logBytes + line.length > this.#logBound()) {
      await this.#checkpoint(applyToList(this.#lookup.articles, delta.set, delta.deleted))
      this.#lookup.apply(delta.set, delta.deleted)
      return
    }
    await appendLog(this.#context.dir, line)
    this.#logBytes += line.length
    this.#logEntries++
    this.#lookup.apply(delta.set, delta.deleted)
  }

  /** Writes the whole index as a new checkpoint with an empty log (a new library, a compaction, a backup). */
  async checkpoint(onProgress?: (fraction: number) => void): Promise<void> {
    await this.#checkpoint(this.#lookup.articles, onProgress)
  }

  /** Folds the log into a new checkpoint when it holds any change: before a backup, which copies files whole. */
  async fold(): Promise<void> {
    if (this.#logEntries > 0) await this.checkpoint()
  }

  /** Replaces the whole index (a journal written before the log, a restore): a new checkpoint. */
  async replace(index: LibraryIndex): Promise<void> {
    this.#header = headerOf(index)
    await this.#checkpoint(index.articles)
    this.#lookup.reset(index.articles)
  }

  /**
   * The checkpoint first, then the log that names it: a crash in between leaves a log naming the
   * previous checkpoint, which the next open ignores (the new checkpoint holds its entries).
   */
  async #checkpoint(articles: readonly ArticleSummary[], onProgress?: (fraction: number) => void): Promise<void> {
    const checkpoint = randomBytes(16).toString('hex')
    const { schemaVersion, libraryId, createdAt } = this.#header
    await this.#file.save({ schemaVersion, libraryId, createdAt, checkpoint, articles: articles as ArticleSummary[] })
    this.#header = { schemaVersion, libraryId, createdAt, checkpoint }
    this.#logBytes = await rewriteLog(this.#context.dir, checkpoint, [])
    this.#logEntries = 0
    this.#checkpointArticles = articles
    this.#hasColumns = false
    // After the log: the checkpoint is whole without them; a crash before they are written leaves
    // none, or stale ones that name the previous checkpoint's fingerprints (ignored at open).
    await this.writeColumns(onProgress)
  }

  #logBound(): number {
    if (this.#context.indexLogBytes !== undefined) return this.#context.indexLogBytes
    const checkpointBytes = this.#file.byteLength ?? this.#lookup.articles.length * 512
    return Math.min(LOG_MAX_BYTES, Math.max(LOG_MIN_BYTES, checkpointBytes / 4))
  }
}

function headerOf(index: LibraryIndex): IndexHeader {
  const { schemaVersion, libraryId, createdAt, checkpoint } = index
  return checkpoint === undefined ? { schemaVersion, libraryId, createdAt } : { schemaVersion, libraryId, createdAt, checkpoint }
}

export { LOG_FILE }
