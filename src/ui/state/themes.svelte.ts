import type { ApiClient } from '../../common/api'
import type { ErrorInfo } from '../../common/errors'
import type { LibraryChange } from '../../common/model/library-change'
import type { Tag } from '../../common/model/tag'
import type { TagProposal } from '../../common/themes/auto-tag'
import type { TagEditResult, TagUndo, ThemePassageGroup } from '../../common/themes/api-types'
import { flattenTree } from '../../common/themes/tag-tree'
import { errorInfoOf } from './notices.svelte'

/** The last edit, offered for undo until the next one. */
export interface UndoOffer {
  readonly message: string
  readonly undo: TagUndo
}

/**
 * The theme view: the taxonomy with counts, the selected theme's passages, the last edit's undo,
 * and auto-tag proposals for one article. Every edit goes through the service (one atomic write)
 * and reloads what it changed.
 */
export class ThemeState {
  readonly #api: ApiClient
  #tags = $state.raw<Tag[]>([])
  #counts = $state.raw<Record<string, number>>({})
  #selectedId = $state<string | null>(null)
  #groups = $state.raw<ThemePassageGroup[]>([])
  #error = $state.raw<ErrorInfo | null>(null)
  #undo = $state.raw<UndoOffer | null>(null)
  #proposals = $state.raw<TagProposal[] | null>(null)
  #proposalArticle = $state<string | null>(null)
  #loaded = $state(false)
  #notice = $state<string | null>(null)

  constructor(api: ApiClient) {
    this.#api = api
  }

  get tags(): Tag[] {
    return this.#tags
  }
  get counts(): Record<string, number> {
    return this.#counts
  }
  get selectedId(): string | null {
    return this.#selectedId
  }
  get selected(): Tag | null {
    return this.#tags.find((tag) => tag.id === this.#selectedId) ?? null
  }
  get groups(): ThemePassageGroup[] {
    return this.#groups
  }
  get error(): ErrorInfo | null {
    return this.#error
  }
  get undoOffer(): UndoOffer | null {
    return this.#undo
  }
  get proposals(): TagProposal[] | null {
    return this.#proposals
  }
  get proposalArticle(): string | null {
    return this.#proposalArticle
  }
  get loaded(): boolean {
    return this.#loaded
  }
  readonly rows = $derived(flattenTree(this.#tags))

  async load(): Promise<void> {
    try {
      const overview = await this.#api.themeOverview()
      this.#tags = overview.tags
      this.#counts = overview.counts
      if (this.#selectedId !== null && !overview.tags.some((tag) => tag.id === this.#selectedId)) this.#selectedId = null
      this.#groups = this.#selectedId === null ? [] : await this.#api.themePassages({ tagId: this.#selectedId })
      this.#error = null
    } catch (error) {
      this.#error = errorInfoOf(error)
    } finally {
      this.#loaded = true
    }
  }

  /** Follows the library's change feed: the taxonomy, its counts and the passages shown are read again when tags or highlights changed. */
  followChange(change: LibraryChange): void {
    if (change.everything || change.tags || change.annotations.length > 0 || change.deletedArticles.length > 0) void this.load()
  }

  async select(id: string): Promise<void> {
    this.#selectedId = id
    try {
      this.#groups = await this.#api.themePassages({ tagId: id })
      this.#error = null
    } catch (error) {
      this.#error = errorInfoOf(error)
    }
  }

  dismissError(): void {
    this.#error = null
  }

  dismissUndo(): void {
    this.#undo = null
  }

  /** Runs an edit; on success offers its undo with `message`, on failure shows the error. */
  async edit(run: (api: ApiClient) => Promise<TagEditResult>, message: (result: TagEditResult) => string): Promise<boolean> {
    try {
      const result = await run(this.#api)
      this.#undo = { message: message(result), undo: result.undo }
      if (result.tagId !== null && this.#selectedId === null) this.#selectedId = result.tagId
      await this.load()
      return true
    } catch (error) {
      this.#error = errorInfoOf(error)
      return false
    }
  }

  /** Asks where to save the taxonomy (a dialog) and writes it; the outcome is offered as a notice. */
  async exportTaxonomy(message: (path: string, count: number) => string): Promise<void> {
    try {
      const outcome = await this.#api.exportTaxonomy()
      if (outcome.status === 'done') this.#notice = message(outcome.path, outcome.tags)
    } catch (error) {
      this.#error = errorInfoOf(error)
    }
  }

  /** Asks for a taxonomy file and merges it in by name; undoable like any edit. */
  async importTaxonomy(message: (path: string, added: number, updated: number) => string): Promise<void> {
    try {
      const outcome = await this.#api.importTaxonomy()
      if (outcome.status !== 'done') return
      this.#undo = { message: message(outcome.path, outcome.added, outcome.updated), undo: outcome.undo }
      await this.load()
    } catch (error) {
      this.#error = errorInfoOf(error)
    }
  }

  get notice(): string | null {
    return this.#notice
  }

  dismissNotice(): void {
    this.#notice = null
  }

  async undo(): Promise<void> {
    const offer = this.#undo
    if (offer === null) return
    this.#undo = null
    try {
      await this.#api.restoreTagState($state.snapshot({ undo: offer.undo }))
      await this.load()
    } catch (error) {
      this.#error = errorInfoOf(error)
    }
  }

  async propose(articleId: string): Promise<void> {
    this.#proposalArticle = articleId
    try {
      this.#proposals = await this.#api.autoTagArticle({ articleId })
      this.#error = null
    } catch (error) {
      this.#proposals = null
      this.#error = errorInfoOf(error)
    }
  }

  /** Writes the chosen proposals as highlights; they leave the list. */
  async accept(chosen: readonly TagProposal[]): Promise<void> {
    const articleId = this.#proposalArticle
    if (articleId === null || chosen.length === 0) return
    try {
      await this.#api.acceptProposals($state.snapshot({ articleId, proposals: [...chosen] }))
      this.#proposals = (this.#proposals ?? []).filter((proposal) => !chosen.includes(proposal))
      await this.load()
    } catch (error) {
      this.#error = errorInfoOf(error)
    }
  }

  reject(proposal: TagProposal): void {
    this.#proposals = (this.#proposals ?? []).filter((candidate) => candidate !== proposal)
  }

  closeProposals(): void {
    this.#proposals = null
    this.#proposalArticle = null
  }
}
