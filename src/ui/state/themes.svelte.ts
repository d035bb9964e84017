import type { ApiClient } from '../../common/api'
import type { ErrorInfo } from '../../common/errors'
import type { LibraryChange } from '../../common/model/library-change'
import type { Tag } from '../../common/model/tag'
import type { TagProposal } from '../../common/themes/auto-tag'
import type { Annotation } from '../../common/model/annotation'
import type { ArticleSummary } from '../../common/model/article'
import type { TagEditResult, TagUndo, ThemePassageLayout } from '../../common/themes/api-types'
import { flattenTree } from '../../common/themes/tag-tree'
import { errorInfoOf } from './notices.svelte'

/** The last edit, offered for undo until the next one. */
export interface UndoOffer {
  readonly message: string
  readonly undo: TagUndo
}

/** Passages per request: a screen and a half of rows; a theme this small arrives in one answer. */
export const PASSAGE_PAGE = 100

/** While the service catches up (rebuilds its theme index), the view asks again this often. */
const CATCH_UP_POLL_MS = 1000

/**
 * The theme view: the taxonomy with counts, the selected theme's passages, the last edit's undo,
 * and auto-tag proposals for one article. Every edit goes through the service (one atomic write)
 * and reloads what it changed.
 */
export class ThemeState {
  readonly #api: ApiClient
  #tags = $state.raw<Tag[]>([])
  #counts = $state.raw<Record<string, number>>({})
  #totals = $state.raw<Record<string, number>>({})
  #selectedId = $state<string | null>(null)
  // The selected theme's passages arrive in outline (passages per article group), then page by
  // page as the list scrolls to them (ThemePassages asks): at 100,000 highlights neither the
  // answer nor the DOM holds every passage. Pages and articles are replaced, never mutated.
  #layout = $state.raw<ThemePassageLayout | null>(null)
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each change, never mutated: raw state is enough
  #pages = $state.raw<ReadonlyMap<number, readonly Annotation[]>>(new Map())
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each change, never mutated: raw state is enough
  #articles = $state.raw<ReadonlyMap<string, ArticleSummary>>(new Map())
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of requests, never shown
  #requested = new Set<number>()
  // Each new outline takes a generation; a page answered for an older one is dropped.
  #generation = 0
  #error = $state.raw<ErrorInfo | null>(null)
  #undo = $state.raw<UndoOffer | null>(null)
  #proposals = $state.raw<TagProposal[] | null>(null)
  #proposalArticle = $state<string | null>(null)
  #loaded = $state(false)
  #notice = $state<string | null>(null)
  #catchingUp = $state.raw<{ done: number; total: number } | null>(null)
  #poll: ReturnType<typeof setTimeout> | null = null

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
  /** Highlights carrying the theme or one below it, each once (the number of passages listed). */
  get totals(): Record<string, number> {
    return this.#totals
  }
  /** The selected theme's passages in outline: their number per article group; null before it arrives. */
  get layout(): ThemePassageLayout | null {
    return this.#layout
  }
  /** Passage `index` of the selected theme's list, if its page has arrived. */
  passageAt(index: number): Annotation | undefined {
    return this.#pages.get(Math.floor(index / PASSAGE_PAGE))?.[index % PASSAGE_PAGE]
  }
  article(id: string): ArticleSummary | undefined {
    return this.#articles.get(id)
  }
  /** The passages arrived so far, in list order. */
  get loadedPassages(): Annotation[] {
    return [...this.#pages.keys()].sort((a, b) => a - b).flatMap((page) => this.#pages.get(page) ?? [])
  }

  /** Asks for the pages holding passages [start, end) that have not arrived or been asked for. */
  showRange(start: number, end: number): void {
    const tagId = this.#selectedId
    const layout = this.#layout
    if (tagId === null || layout === null) return
    const last = Math.min(end, layout.total) - 1
    for (let page = Math.floor(start / PASSAGE_PAGE); page <= Math.floor(last / PASSAGE_PAGE); page++) {
      if (this.#requested.has(page)) continue
      this.#requested.add(page)
      void this.#loadPage(tagId, page, this.#generation)
    }
  }

  async #loadPage(tagId: string, page: number, generation: number): Promise<void> {
    try {
      const answer = await this.#api.themePassagePage({ tagId, start: page * PASSAGE_PAGE, count: PASSAGE_PAGE })
      if (generation !== this.#generation) return
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each change, never mutated: raw state is enough
      this.#pages = new Map(this.#pages).set(page, answer.passages)
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each change, never mutated: raw state is enough
      const articles = new Map(this.#articles)
      for (const article of answer.articles) articles.set(article.id, article)
      this.#articles = articles
    } catch (error) {
      if (generation !== this.#generation) return
      this.#requested.delete(page)
      this.#error = errorInfoOf(error)
    }
  }

  /** Reads the selected theme's outline again; pages are asked for anew as the list shows them. */
  async #loadPassages(): Promise<void> {
    const generation = ++this.#generation
    const tagId = this.#selectedId
    if (tagId === null) {
      this.#clearPassages(null)
      return
    }
    const layout = await this.#api.themePassageLayout({ tagId })
    if (generation !== this.#generation) return
    this.#clearPassages(layout)
    // The first page now, with the outline: the list paints with its first rows, not blanks.
    if (layout.total > 0) {
      this.#requested.add(0)
      await this.#loadPage(tagId, 0, generation)
    }
  }

  #clearPassages(layout: ThemePassageLayout | null): void {
    this.#layout = layout
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each change, never mutated: raw state is enough
    this.#pages = new Map()
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each change, never mutated: raw state is enough
    this.#articles = new Map()
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of requests, never shown
    this.#requested = new Set()
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
  /** How far the service's rebuild of its theme index has got; null when its counts are whole. */
  get catchingUp(): { done: number; total: number } | null {
    return this.#catchingUp
  }

  /** Stops asking the service again (the view is closed). */
  dispose(): void {
    if (this.#poll !== null) clearTimeout(this.#poll)
    this.#poll = null
  }
  readonly rows = $derived(flattenTree(this.#tags))

  async load(): Promise<void> {
    try {
      const overview = await this.#api.themeOverview()
      this.#tags = overview.tags
      this.#counts = overview.counts
      this.#totals = overview.totals
      this.#catchingUp = overview.catchingUp ?? null
      // Catching up: counts and lists are partial; ask again until they are whole, rather than wait.
      if (this.#poll !== null) clearTimeout(this.#poll)
      this.#poll = overview.catchingUp === undefined ? null : setTimeout(() => void this.load(), CATCH_UP_POLL_MS)
      if (this.#selectedId !== null && !overview.tags.some((tag) => tag.id === this.#selectedId)) this.#selectedId = null
      await this.#loadPassages()
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
    this.#clearPassages(null)
    try {
      await this.#loadPassages()
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
