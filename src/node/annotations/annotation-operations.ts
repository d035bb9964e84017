import { randomBytes } from 'node:crypto'
import type { ApiInput } from '../../common/api'
import type { EditArticleTextResult } from '../../common/annotations/annotation-inputs'
import { blocksFromText } from '../../common/annotations/text-blocks'
import { inDocumentOrder } from '../../common/annotations/document-order'
import { newAnnotation } from '../../common/annotations/new-annotation'
import { reanchorAnnotations } from '../../common/annotations/reanchor-annotations'
import { resolveTagNames } from '../../common/annotations/resolve-tag-names'
import { reviseArticle } from '../../common/annotations/revise-article'
import { AppError } from '../../common/errors'
import type { Annotation } from '../../common/model/annotation'
import { bodyText, type Article } from '../../common/model/article'
import { formatId } from '../../common/model/ids'
import type { Tag } from '../../common/model/tag'
import { contentHash } from '../library/build-article'
import type { LibraryStore } from '../store/library-store'
import { Mutex } from '../store/mutex'
import { runInSlices } from '../run-in-slices'
import type { LibraryChange } from '../service'

/** A result, and what it changed (for the service to announce once it is durable). */
export interface Changed<T> {
  readonly value: T
  readonly change: LibraryChange
}

export interface AnnotationOperationsParts {
  readonly store: LibraryStore
  /** The article's current revision, or an AppError naming why it cannot be read. */
  readonly article: (id: string) => Promise<Article>
  readonly now: () => Date
}

// Each operation reads an article's annotations, changes them and writes them back. The store
// queues writes but not the reads before them, so two operations at once could each write a list
// without the other's change: one queue per library, shared by every AnnotationOperations over it.
const queues = new WeakMap<LibraryStore, Mutex>()

/**
 * The write paths of annotations and article text (issue 5), behind BriefingService's methods.
 * Each one validates everything first, then changes the library in one durable write (one
 * commit when several files change), so a failure leaves the library as it was.
 */
export class AnnotationOperations {
  readonly #store: LibraryStore
  readonly #article: (id: string) => Promise<Article>
  readonly #now: () => Date
  readonly #queue: Mutex

  constructor(parts: AnnotationOperationsParts) {
    this.#store = parts.store
    this.#article = parts.article
    this.#now = parts.now
    let queue = queues.get(parts.store)
    if (queue === undefined) queues.set(parts.store, (queue = new Mutex()))
    this.#queue = queue
  }

  /** Runs a read-change-write section after every earlier one of this library. */
  serially<T>(section: () => Promise<T>): Promise<T> {
    return this.#queue.run(section)
  }

  create(input: ApiInput<'createAnnotation'>): Promise<Changed<Annotation>> {
    return this.serially(async () => {
      const article = await this.#article(input.articleId)
      const tags = this.#resolveTags(input.tags ?? [])
      const annotation = newAnnotation({
        id: newAnnotationId(),
        article,
        text: bodyText(article.blocks),
        start: input.start,
        end: input.end,
        color: input.color,
        note: input.note ?? '',
        tagIds: tags.tagIds,
        now: this.#now().toISOString(),
      })
      const annotations = [...(await this.#store.getAnnotations(article.id)), annotation]
      await this.#save(article.id, annotations, tags.created.length > 0 ? tags.tags : null)
      return { value: annotation, change: { articles: [article.id], tags: tags.created.length > 0 } }
    })
  }

  update(input: ApiInput<'updateAnnotation'>): Promise<Changed<Annotation>> {
    return this.serially(async () => {
      const annotations = await this.#annotationsOf(input.articleId)
      const index = annotations.findIndex((annotation) => annotation.id === input.id)
      if (index === -1) throw new AppError('annotation.notFound', { id: input.id, articleId: input.articleId })
      const tags = input.tags === undefined ? null : this.#resolveTags(input.tags)
      const updated: Annotation = {
        ...annotations[index]!,
        ...(input.color === undefined ? {} : { color: input.color }),
        ...(input.note === undefined ? {} : { note: input.note }),
        ...(tags === null ? {} : { tagIds: tags.tagIds }),
        updatedAt: this.#now().toISOString(),
      }
      const created = tags !== null && tags.created.length > 0
      await this.#save(input.articleId, annotations.with(index, updated), created ? tags.tags : null)
      return { value: updated, change: { articles: [input.articleId], tags: created } }
    })
  }

  /** Removes annotations and returns their records, so that the UI can undo with restore. */
  delete(input: ApiInput<'deleteAnnotations'>): Promise<Changed<Annotation[]>> {
    return this.serially(async () => {
      const annotations = await this.#annotationsOf(input.articleId)
      const unknown = input.ids.find((id) => !annotations.some((annotation) => annotation.id === id))
      if (unknown !== undefined) throw new AppError('annotation.notFound', { id: unknown, articleId: input.articleId })
      const doomed = new Set(input.ids)
      await this.#save(input.articleId, annotations.filter((annotation) => !doomed.has(annotation.id)), null)
      return { value: annotations.filter((annotation) => doomed.has(annotation.id)), change: { articles: [input.articleId] } }
    })
  }

  /**
   * Puts full records back: the undo of a delete (the records are added) or of an update (they
   * replace the records with the same id). Records made against an older revision of the text are
   * re-anchored in the current one, so an undo after an edit still lands on the passage, and a
   * record whose passage is gone comes back as an orphan rather than pointing at other text.
   */
  restore(input: ApiInput<'restoreAnnotations'>): Promise<Changed<Annotation[]>> {
    return this.serially(async () => {
      const article = await this.#article(input.articleId)
      const known = new Set(this.#store.listTags().map((tag) => tag.id))
      const seen = new Set<string>()
      for (const record of input.annotations) {
        if (record.articleId !== article.id) throw new AppError('annotation.wrongArticle', { id: record.id, owner: record.articleId, articleId: article.id })
        if (seen.has(record.id)) throw new AppError('annotation.duplicateId', { id: record.id })
        seen.add(record.id)
        const missing = record.tagIds.find((tagId) => !known.has(tagId))
        if (missing !== undefined) throw new AppError('annotation.unknownTag', { id: record.id, tagId: missing })
      }
      // Re-anchored, not trusted: a record from before an edit, or one whose selectors disagree
      // with the text, is placed by its quote; one that still fits keeps its place exactly.
      const restored = (await runInSlices(reanchorAnnotations(input.annotations, bodyText(article.blocks), article.revision))).annotations
      const current = await this.#store.getAnnotations(article.id)
      const kept = current.filter((annotation) => !seen.has(annotation.id))
      await this.#save(article.id, [...kept, ...restored], null)
      return { value: inDocumentOrder(restored), change: { articles: [article.id] } }
    })
  }

  /**
   * Replaces an article's body by `text` as a new revision and re-anchors every annotation in it,
   * article and annotations in one commit: a crash leaves either the old text with the old
   * highlights or the new text with the new ones, never highlights pointing into the wrong text.
   */
  editText(input: ApiInput<'editArticleText'>): Promise<Changed<EditArticleTextResult>> {
    return this.serially(async () => {
      const article = await this.#article(input.id)
      const blocks = blocksFromText(input.text, article.blocks)
      if (blocks.length === 0) throw new AppError('article.emptyText', { id: article.id })
      const annotations = await this.#store.getAnnotations(article.id)
      if (bodyText(blocks) === bodyText(article.blocks)) {
        return { value: { article, annotations: inDocumentOrder(annotations), orphaned: 0, moved: 0 }, change: {} }
      }
      const revised = reviseArticle(article, blocks, contentHash(blocks))
      const reanchored = await runInSlices(reanchorAnnotations(annotations, bodyText(blocks), revised.revision))
      await this.#store.commit({ articles: [revised], annotations: new Map([[article.id, reanchored.annotations]]) })
      return {
        value: { article: revised, annotations: inDocumentOrder(reanchored.annotations), orphaned: reanchored.orphaned, moved: reanchored.moved },
        change: { articles: [article.id] },
      }
    })
  }

  async #annotationsOf(articleId: string): Promise<Annotation[]> {
    if (!this.#store.hasArticle(articleId)) throw new AppError('article.notFound', { id: articleId })
    return this.#store.getAnnotations(articleId)
  }

  #resolveTags(names: readonly string[]) {
    return resolveTagNames(names, this.#store.listTags(), newTagId)
  }

  /** One article's annotations, with the new tags when there are some: one durable write either way. */
  async #save(articleId: string, annotations: Annotation[], tags: Tag[] | null): Promise<void> {
    if (tags === null) await this.#store.setAnnotations(articleId, annotations)
    else await this.#store.commit({ tags, annotations: new Map([[articleId, annotations]]) })
  }
}

export function newAnnotationId(): string {
  return formatId('annotation', randomBytes(8).toString('hex'))
}

export function newTagId(): string {
  return formatId('tag', randomBytes(8).toString('hex'))
}
