import type { DuplicateFile, FailedFile, ImportedFile, ImportReport } from '../../common/import/import-report'
import type { LibraryStore } from '../store/library-store'
import type { ImportOutcome } from './import-file'

/**
 * Where a batch's outcomes go: each new article is saved to the library as soon as it is read
 * (so a cancelled or interrupted batch keeps what it finished, and a failed file never leaves
 * anything behind), duplicates are recognised by content hash against the library, which
 * includes the articles this batch already added, and everything is recorded for the report.
 */
export class ImportSink {
  readonly #store: LibraryStore
  readonly #onAdded: (id: string) => void
  readonly #added: ImportedFile[] = []
  readonly #duplicates: DuplicateFile[] = []
  readonly #failed: FailedFile[] = []
  readonly #cancelled: string[] = []

  constructor(store: LibraryStore, onAdded: (id: string) => void) {
    this.#store = store
    this.#onAdded = onAdded
  }

  async accept(outcome: ImportOutcome): Promise<void> {
    if (!outcome.ok) {
      this.#failed.push({ file: outcome.file, error: outcome.error.toInfo() })
      return
    }
    const { article, file } = outcome
    const existing = this.#store.findByContentHash(article.contentHash) ?? this.#store.listArticles().find((summary) => summary.id === article.id)
    if (existing !== undefined) {
      this.#duplicates.push({ file, existingId: existing.id, existingTitle: existing.title })
      return
    }
    await this.#store.addArticles([article])
    this.#added.push({ file, id: article.id, title: article.title })
    this.#onAdded(article.id)
  }

  cancel(files: readonly string[]): void {
    this.#cancelled.push(...files)
  }

  get report(): ImportReport {
    return { added: [...this.#added], duplicates: [...this.#duplicates], failed: [...this.#failed], cancelled: [...this.#cancelled] }
  }
}
