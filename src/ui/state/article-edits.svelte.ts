import type { StepRef } from '../../common/agency/cleaning-steps'
import type { ApiClient } from '../../common/api'
import type { ErrorInfo } from '../../common/errors'
import type { MetadataInput } from '../../common/metadata/validate-metadata'
import type { Article } from '../../common/model/article'

/**
 * Changes to the open article from the reader: its details (title, source, URL, date, language)
 * and its cleaning steps (undo, redo). Each returns the new revision, which the library shows.
 * The last failure is kept for the component to show beside the control that caused it.
 */
export class ArticleEdits {
  readonly #api: ApiClient
  readonly #onRevised: (article: Article) => void
  #busy = $state(false)
  #error = $state.raw<ErrorInfo | null>(null)

  /** `onRevised` shows the new revision (LibraryState.showRevised). */
  constructor(api: ApiClient, onRevised: (article: Article) => void) {
    this.#api = api
    this.#onRevised = onRevised
  }

  get busy(): boolean {
    return this.#busy
  }
  get error(): ErrorInfo | null {
    return this.#error
  }

  clearError(): void {
    this.#error = null
  }

  saveDetails(id: string, input: MetadataInput): Promise<boolean> {
    return this.#run(() => this.#api.updateArticleMetadata($state.snapshot({ id, ...input })))
  }

  undo(id: string, ref: StepRef): Promise<boolean> {
    return this.#run(() => this.#api.undoCleaningStep({ id, list: ref.list, index: ref.index }))
  }

  redo(id: string, undoneIndex: number): Promise<boolean> {
    return this.#run(() => this.#api.redoCleaningStep({ id, undoneIndex }))
  }

  async #run(change: () => Promise<Article>): Promise<boolean> {
    if (this.#busy) return false
    this.#busy = true
    this.#error = null
    try {
      this.#onRevised(await change())
      return true
    } catch (error) {
      this.#error =
        typeof error === 'object' && error !== null && 'info' in error
          ? (error as { info: ErrorInfo }).info
          : { code: 'internal', message: String(error), params: { reason: String(error) } }
      return false
    } finally {
      this.#busy = false
    }
  }
}
