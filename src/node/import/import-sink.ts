import { errorInfo } from '../../common/errors'
import type { DuplicateFile, FailedFile, ImportedFile, ImportReport } from '../../common/import/import-report'
import type { Article } from '../../common/model/article'
import type { LibraryStore } from '../store/library-store'
import type { ImportOutcome } from './import-file'

/** New articles are saved in groups: a durable save costs a few fsyncs, whatever its size. */
const SAVE_EVERY_ARTICLES = 50
/** …and at least this often, so that the library list fills in while a long batch runs. */
const SAVE_EVERY_MS = 250

/**
 * Where a batch's outcomes go. New articles are saved to the library in small groups as the batch
 * goes (so a cancelled batch keeps what it finished, and a failed file never leaves anything
 * behind); duplicates are recognised by content hash against the library and against the
 * articles this batch read before; everything is recorded for the report.
 */
export class ImportSink {
  readonly #store: LibraryStore
  readonly #onAdded: (ids: string[]) => void
  readonly #added: ImportedFile[] = []
  readonly #duplicates: DuplicateFile[] = []
  readonly #failed: FailedFile[] = []
  readonly #cancelled: string[] = []
  #pending: { file: string | null; article: Article }[] = []
  #lastSave = Date.now()

  constructor(store: LibraryStore, onAdded: (ids: string[]) => void) {
    this.#store = store
    this.#onAdded = onAdded
  }

  async accept(outcome: ImportOutcome): Promise<void> {
    if (!outcome.ok) {
      this.#failed.push({ file: outcome.file, error: outcome.error.toInfo() })
      return
    }
    const { article, file } = outcome
    const existing = this.#existing(article)
    if (existing !== undefined) {
      this.#duplicates.push({ file, existingId: existing.id, existingTitle: existing.title })
      return
    }
    this.#pending.push({ file, article })
    if (this.#pending.length >= SAVE_EVERY_ARTICLES || Date.now() - this.#lastSave >= SAVE_EVERY_MS) await this.flush()
  }

  /** Saves the articles read since the last save, all in one write. A failed write fails those files, and adds none of them. */
  async flush(): Promise<void> {
    this.#lastSave = Date.now()
    const batch = this.#pending
    if (batch.length === 0) return
    this.#pending = []
    try {
      await this.#store.addArticles(batch.map((item) => item.article))
    } catch (error) {
      const info = errorInfo(error)
      for (const item of batch) this.#failed.push({ file: item.file, error: info })
      return
    }
    for (const item of batch) this.#added.push({ file: item.file, id: item.article.id, title: item.article.title })
    this.#onAdded(batch.map((item) => item.article.id))
  }

  cancel(files: readonly string[]): void {
    this.#cancelled.push(...files)
  }

  get report(): ImportReport {
    return { added: [...this.#added], duplicates: [...this.#duplicates], failed: [...this.#failed], cancelled: [...this.#cancelled] }
  }

  /** The article with the same text (or, by a hash collision on its short id, the same id) in the library or earlier in this batch. */
  #existing(article: Article): { id: string; title: string } | undefined {
    const inLibrary = this.#store.findByContentHash(article.contentHash) ?? this.#store.listArticles().find((summary) => summary.id === article.id)
    if (inLibrary !== undefined) return inLibrary
    return this.#pending.find((item) => item.article.contentHash === article.contentHash || item.article.id === article.id)?.article
  }
}
