import type { ApiClient } from '../../common/api'
import type { ErrorInfo } from '../../common/errors'
import type { Annotation, HighlightColor } from '../../common/model/annotation'
import type { LibraryChange } from '../../common/model/library-change'
import type { Tag } from '../../common/model/tag'
import type { TagEditResult } from '../../common/themes/api-types'
import { touchesAnnotationsOf } from '../lib/library-feed'
import { ANNOTATIONS_DATA_MARK, markDataArrived } from '../lib/reader-timing'
import { errorInfoOf } from './notices.svelte'
import { UndoStack, type UndoableAction } from './undo-stack.svelte'

export interface NewHighlight {
  readonly start: number
  readonly end: number
  readonly color: HighlightColor
  readonly note?: string
  readonly tags?: string[]
}

export interface AnnotationPatch {
  readonly color?: HighlightColor
  readonly note?: string
  /** The complete list of tag names. */
  readonly tags?: string[]
  /** Private: kept off the team server. */
  readonly private?: boolean
}

/** A bulk tag change: tag names to add (unknown names become new tags), tag ids to remove. */
export interface BulkTagChange {
  readonly addTags?: string[]
  readonly removeTagIds?: string[]
}

/** A bulk change done, and its entry in the undo history (to undo it from a toast). */
export interface BulkTagOutcome {
  readonly result: TagEditResult
  readonly action: UndoableAction
}

/** What an edit of the article text did to its highlights. */
export interface TextEditOutcome {
  readonly moved: number
  readonly orphaned: number
}

const FLASH_MS = 1_400

/**
 * The open article's annotations and the library's tags, the selected highlight, and every change
 * to them, each undoable. The service is the source of truth: after a change the list is read back
 * (document order, orphans last) rather than patched here.
 */
export class AnnotationsState {
  readonly #api: ApiClient
  readonly #onError: (error: ErrorInfo) => void
  readonly history = new UndoStack()
  #articleId = $state<string | null>(null)
  // Fetches of the list are numbered and an older answer never replaces a newer one: a highlight
  // made while the article's first fetch is still on its way must not vanish when it lands.
  #requests = 0
  #applied = 0
  #annotations = $state.raw<Annotation[]>([])
  #tags = $state.raw<Tag[]>([])
  #selectedId = $state<string | null>(null)
  #flashId = $state<string | null>(null)
  // Bumped on every reveal, so revealing the same highlight twice scrolls twice.
  #reveal = $state(0)
  #ticket = 0
  #queue: Promise<unknown> = Promise.resolve()
  #flashTimer: ReturnType<typeof setTimeout> | undefined

  readonly anchored = $derived(this.#annotations.filter((annotation) => annotation.status === 'anchored'))
  readonly orphans = $derived(this.#annotations.filter((annotation) => annotation.status === 'orphan'))
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whenever the tags change, never mutated
  readonly tagsById = $derived(new Map(this.#tags.map((tag) => [tag.id, tag])))
  readonly selected = $derived(this.#annotations.find((annotation) => annotation.id === this.#selectedId) ?? null)

  constructor(api: ApiClient, onError: (error: ErrorInfo) => void) {
    this.#api = api
    this.#onError = onError
  }

  get articleId(): string | null {
    return this.#articleId
  }
  get annotations(): Annotation[] {
    return this.#annotations
  }
  get tags(): Tag[] {
    return this.#tags
  }
  get selectedId(): string | null {
    return this.#selectedId
  }
  get flashId(): string | null {
    return this.#flashId
  }
  get revealCount(): number {
    return this.#reveal
  }

  /** Shows the annotations of another article (or none); forgets the previous one's undo history. */
  async load(articleId: string | null): Promise<void> {
    if (articleId === this.#articleId) return
    const ticket = ++this.#ticket
    this.#articleId = articleId
    this.#annotations = []
    this.#selectedId = null
    this.history.clear()
    if (articleId === null) return
    const request = ++this.#requests
    try {
      const [annotations, tags] = await Promise.all([this.#api.getAnnotations({ articleId }), this.#api.listTags()])
      if (ticket !== this.#ticket || request < this.#applied) return
      this.#applied = request
      this.#annotations = annotations
      this.#tags = tags
      markDataArrived(ANNOTATIONS_DATA_MARK, articleId)
    } catch (error) {
      if (ticket === this.#ticket) this.#onError(errorInfoOf(error))
    }
  }

  select(id: string | null): void {
    this.#selectedId = id
  }

  /** Asks the reader to scroll to a highlight and flash it. */
  reveal(id: string): void {
    this.#selectedId = id
    this.#flashId = id
    this.#reveal++
    clearTimeout(this.#flashTimer)
    this.#flashTimer = setTimeout(() => (this.#flashId = null), FLASH_MS)
  }

  tagNames(annotation: Annotation): string[] {
    return annotation.tagIds.map((id) => this.tagsById.get(id)?.name).filter((name) => name !== undefined)
  }

  async create(highlight: NewHighlight): Promise<Annotation | null> {
    const articleId = this.#articleId
    if (articleId === null) return null
    return this.#attempt(async () => {
      const created = await this.#api.createAnnotation($state.snapshot({ articleId, ...highlight }))
      this.history.record({
        undo: () => this.#deleteQuietly(articleId, [created.id]),
        redo: () => this.#restore(articleId, [created]),
      })
      await this.#refresh(articleId, highlight.tags !== undefined && highlight.tags.length > 0)
      this.#selectedId = created.id
      return created
    })
  }

  async update(id: string, patch: AnnotationPatch): Promise<Annotation | null> {
    const articleId = this.#articleId
    if (articleId === null) return null
    return this.#attempt(async () => {
      // Read once earlier changes are done: this is what undo goes back to.
      const before = this.#annotations.find((annotation) => annotation.id === id)
      if (before === undefined) return null
      const previous: AnnotationPatch = {
        ...(patch.color !== undefined ? { color: before.color } : {}),
        ...(patch.note !== undefined ? { note: before.note } : {}),
        ...(patch.tags !== undefined ? { tags: this.tagNames(before) } : {}),
        ...(patch.private !== undefined ? { private: before.private === true } : {}),
      }
      const updated = await this.#api.updateAnnotation($state.snapshot({ articleId, id, ...patch }))
      this.history.record({
        undo: () => this.#apply(articleId, id, previous),
        redo: () => this.#apply(articleId, id, patch),
      })
      await this.#refresh(articleId, patch.tags !== undefined)
      return updated
    })
  }

  async remove(ids: string[]): Promise<boolean> {
    const articleId = this.#articleId
    if (articleId === null || ids.length === 0) return false
    const done = await this.#attempt(async () => {
      const removed = await this.#api.deleteAnnotations($state.snapshot({ articleId, ids }))
      this.history.record({
        undo: () => this.#restore(articleId, removed),
        redo: () => this.#deleteQuietly(articleId, ids),
      })
      if (this.#selectedId !== null && ids.includes(this.#selectedId)) this.#selectedId = null
      await this.#refresh(articleId, false)
      return true
    })
    return done ?? false
  }

  /**
   * Adds or removes tags on several highlights at once: one change in the library and one step
   * of undo, which puts back the tags and highlights exactly as they were (restoreTagState).
   */
  async tagMany(ids: string[], change: BulkTagChange): Promise<BulkTagOutcome | null> {
    const articleId = this.#articleId
    if (articleId === null || ids.length === 0) return null
    const input = $state.snapshot({ annotationIds: ids, ...change })
    return this.#attempt(async () => {
      const result = await this.#api.tagAnnotations(input)
      // Redo makes the change again, with its own undo record (a tag it creates gets a new id).
      let undo = result.undo
      const action: UndoableAction = {
        undo: async () => {
          await this.#api.restoreTagState($state.snapshot({ undo }))
          await this.#refresh(articleId, true)
        },
        redo: async () => {
          undo = (await this.#api.tagAnnotations(input)).undo
          await this.#refresh(articleId, true)
        },
      }
      this.history.record(action)
      await this.#refresh(articleId, true)
      return { result, action }
    })
  }

  /** Undoes `action` only while it is still the latest change: an old toast must not undo a newer edit. */
  async undoIfLatest(action: UndoableAction): Promise<void> {
    if (this.history.latest === action) await this.undo()
  }

  async undo(): Promise<void> {
    await this.#attempt(() => this.history.undo())
  }

  async redo(): Promise<void> {
    await this.#attempt(() => this.history.redo())
  }

  /**
   * Replaces the article's text. Highlights are re-anchored by the service; the undo history is
   * dropped because its records hold offsets in the old text.
   */
  async saveText(articleId: string, text: string): Promise<TextEditOutcome | null> {
    return this.#attempt(async () => {
      const result = await this.#api.editArticleText({ id: articleId, text })
      if (this.#articleId === articleId) {
        this.#annotations = result.annotations
        this.#selectedId = null
        this.history.clear()
      }
      return { moved: result.moved, orphaned: result.orphaned }
    })
  }

  /**
   * Follows the library's change feed: the open article's highlights are read again when a commit
   * changed them or the tags' names, whoever made it (this window's own edits read back anyway;
   * the request numbering keeps the newest answer).
   */
  followChange(change: LibraryChange): void {
    const articleId = this.#articleId
    if (articleId === null || change.deletedArticles.includes(articleId) || !touchesAnnotationsOf(change, articleId)) return
    this.#refresh(articleId, true).catch((error: unknown) => this.#onError(errorInfoOf(error)))
  }

  async #apply(articleId: string, id: string, patch: AnnotationPatch): Promise<void> {
    await this.#api.updateAnnotation($state.snapshot({ articleId, id, ...patch }))
    await this.#refresh(articleId, patch.tags !== undefined)
  }

  async #restore(articleId: string, annotations: Annotation[]): Promise<void> {
    await this.#api.restoreAnnotations($state.snapshot({ articleId, annotations }))
    await this.#refresh(articleId, false)
  }

  async #deleteQuietly(articleId: string, ids: string[]): Promise<void> {
    await this.#api.deleteAnnotations($state.snapshot({ articleId, ids }))
    if (this.#selectedId !== null && ids.includes(this.#selectedId)) this.#selectedId = null
    await this.#refresh(articleId, false)
  }

  async #refresh(articleId: string, tagsChanged: boolean): Promise<void> {
    const request = ++this.#requests
    const [annotations, tags] = await Promise.all([
      this.#api.getAnnotations({ articleId }),
      tagsChanged ? this.#api.listTags() : Promise.resolve(this.#tags),
    ])
    if (this.#articleId !== articleId || request < this.#applied) return
    this.#applied = request
    this.#annotations = annotations
    this.#tags = tags
  }

  /**
   * Runs changes one after another, in the order they were asked for: each reads the state the
   * previous one left (undo records depend on it). A failure is reported and ends only itself.
   */
  #attempt<T>(work: () => Promise<T>): Promise<T | null> {
    const run = this.#queue.then(async () => {
      try {
        return await work()
      } catch (error) {
        this.#onError(errorInfoOf(error))
        return null
      }
    })
    this.#queue = run
    return run
  }
}
