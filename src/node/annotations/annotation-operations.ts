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
import { contentHash } from '../library/build-article'
import type { LibraryStore } from '../store/library-store'
import type { CurrentRecords } from '../store/library-update'
import { runInSlices } from '../run-in-slices'

export interface AnnotationOperationsParts {
  readonly store: LibraryStore
  /** The article's current revision, or an AppError naming why it cannot be read. */
  readonly article: (id: string) => Promise<Article>
  readonly now: () => Date
}

/**
 * The write paths of annotations and article text (issue 5), behind the annotation handlers.
 * Each one is one store.update: it reads the article's annotations in the write queue, validates
 * everything, then changes the library in one durable write (one commit when several files
 * change), so a failure leaves the library as it was and a save made meanwhile is never lost.
 * The store announces each commit on its change feed.
 */
export class AnnotationOperations {
  readonly #store: LibraryStore
  readonly #article: (id: string) => Promise<Article>
  readonly #now: () => Date

  constructor(parts: AnnotationOperationsParts) {
    this.#store = parts.store
    this.#article = parts.article
    this.#now = parts.now
  }

  create(input: ApiInput<'createAnnotation'>): Promise<Annotation> {
    return this.#store.update({ annotations: [input.articleId] }, async (current) => {
      const article = await this.#article(input.articleId)
      const tags = resolveTagNames(input.tags ?? [], current.tags, newTagId)
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
      const annotations = [...annotationsIn(current, article.id), annotation]
      return { writes: { annotations: new Map([[article.id, annotations]]), ...(tags.created.length > 0 ? { tags: tags.tags } : {}) }, value: annotation }
    })
  }

  update(input: ApiInput<'updateAnnotation'>): Promise<Annotation> {
    return this.#store.update({ annotations: [input.articleId] }, (current) => {
      const annotations = this.#annotationsOf(current, input.articleId)
      const index = annotations.findIndex((annotation) => annotation.id === input.id)
      if (index === -1) throw new AppError('annotation.notFound', { id: input.id, articleId: input.articleId })
      const tags = input.tags === undefined ? null : resolveTagNames(input.tags, current.tags, newTagId)
      const updated: { -readonly [K in keyof Annotation]: Annotation[K] } = {
        ...annotations[index]!,
        ...(input.color === undefined ? {} : { color: input.color }),
        ...(input.note === undefined ? {} : { note: input.note }),
        ...(tags === null ? {} : { tagIds: tags.tagIds }),
        updatedAt: this.#now().toISOString(),
      }
      // Not private is the field's absence (the stored shape of a highlight that was never private).
      if (input.private === true) updated.private = true
      else if (input.private === false) delete updated.private
      const created = tags !== null && tags.created.length > 0
      return { writes: { annotations: new Map([[input.articleId, annotations.with(index, updated)]]), ...(created ? { tags: tags.tags } : {}) }, value: updated }
    })
  }

  /** Removes annotations and returns their records, so that the UI can undo with restore. */
  delete(input: ApiInput<'deleteAnnotations'>): Promise<Annotation[]> {
    return this.#store.update({ annotations: [input.articleId] }, (current) => {
      const annotations = this.#annotationsOf(current, input.articleId)
      const unknown = input.ids.find((id) => !annotations.some((annotation) => annotation.id === id))
      if (unknown !== undefined) throw new AppError('annotation.notFound', { id: unknown, articleId: input.articleId })
      const doomed = new Set(input.ids)
      return {
        writes: { annotations: new Map([[input.articleId, annotations.filter((annotation) => !doomed.has(annotation.id))]]) },
        value: annotations.filter((annotation) => doomed.has(annotation.id)),
      }
    })
  }

  /**
   * Puts full records back: the undo of a delete (the records are added) or of an update (they
   * replace the records with the same id). Records made against an older revision of the text are
   * re-anchored in the current one, so an undo after an edit still lands on the passage, and a
   * record whose passage is gone comes back as an orphan rather than pointing at other text.
   */
  restore(input: ApiInput<'restoreAnnotations'>): Promise<Annotation[]> {
    return this.#store.update({ annotations: [input.articleId] }, async (current) => {
      const article = await this.#article(input.articleId)
      const known = new Set(current.tags.map((tag) => tag.id))
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
      const kept = annotationsIn(current, article.id).filter((annotation) => !seen.has(annotation.id))
      return { writes: { annotations: new Map([[article.id, [...kept, ...restored]]]) }, value: inDocumentOrder(restored) }
    })
  }

  /**
   * Replaces an article's body by `text` as a new revision and re-anchors every annotation in it,
   * article and annotations in one commit: a crash leaves either the old text with the old
   * highlights or the new text with the new ones, never highlights pointing into the wrong text.
   */
  editText(input: ApiInput<'editArticleText'>): Promise<EditArticleTextResult> {
    return this.#store.update({ annotations: [input.id] }, async (current) => {
      const article = await this.#article(input.id)
      const blocks = blocksFromText(input.text, article.blocks)
      if (blocks.length === 0) throw new AppError('article.emptyText', { id: article.id })
      const annotations = annotationsIn(current, article.id)
      if (bodyText(blocks) === bodyText(article.blocks)) {
        return { writes: {}, value: { article, annotations: inDocumentOrder(annotations), orphaned: 0, moved: 0 } }
      }
      const revised = reviseArticle(article, blocks, contentHash(blocks))
      const reanchored = await runInSlices(reanchorAnnotations(annotations, bodyText(blocks), revised.revision))
      return {
        writes: { articles: [revised], annotations: new Map([[article.id, reanchored.annotations]]) },
        value: { article: revised, annotations: inDocumentOrder(reanchored.annotations), orphaned: reanchored.orphaned, moved: reanchored.moved },
      }
    })
  }

  #annotationsOf(current: CurrentRecords, articleId: string): Annotation[] {
    if (current.summary(articleId) === undefined) throw new AppError('article.notFound', { id: articleId })
    return annotationsIn(current, articleId)
  }
}

/** A copy of the article's current annotations (the store's own list is shared and never changed). */
function annotationsIn(current: CurrentRecords, articleId: string): Annotation[] {
  return [...(current.annotations.get(articleId) ?? [])]
}

export function newAnnotationId(): string {
  return formatId('annotation', randomBytes(8).toString('hex'))
}

export function newTagId(): string {
  return formatId('tag', randomBytes(8).toString('hex'))
}
