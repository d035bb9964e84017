import type { PassageCandidate } from '../../common/api'
import { passageFromAnnotation } from '../../common/brief/passage-from-annotation'
import { AppError } from '../../common/errors'
import type { Annotation } from '../../common/model/annotation'
import type { Article } from '../../common/model/article'
import type { Tag } from '../../common/model/tag'
import type { LibraryStore } from '../store/library-store'
import { newRecordId } from './new-record-id'

/**
 * Passages the user may add to a brief (PassageCandidate): an annotation turned into a ready
 * passage. Orphans are offered too, flagged: what was highlighted is still what the user chose.
 */
/** One article's annotations, in document order (orphans last). */
export async function passagesOfArticle(store: LibraryStore, articleId: string): Promise<PassageCandidate[]> {
  if (!store.hasArticle(articleId)) throw new AppError('article.notFound', { id: articleId })
  const article = await store.getArticle(articleId)
  if (article === null) throw new AppError('article.notFound', { id: articleId })
  return inDocumentOrder(await store.getAnnotations(articleId)).map((annotation) => candidate(annotation, article))
}

/** Every annotation tagged with the theme or one of its sub-themes: articles oldest first, then document order. */
export async function passagesOfTheme(store: LibraryStore, tagId: string): Promise<PassageCandidate[]> {
  const tags = store.listTags()
  if (!tags.some((tag) => tag.id === tagId)) throw new AppError('brief.tagNotFound', { tag: tagId })
  const wanted = withDescendants(tagId, tags)
  const annotations = (await store.allAnnotations()).filter((annotation) => annotation.tagIds.some((id) => wanted.has(id)))
  const articles = await articlesOf(store, annotations)
  const ordered = annotations
    .filter((annotation) => articles.has(annotation.articleId))
    .sort((a, b) => {
      const left = articles.get(a.articleId)!
      const right = articles.get(b.articleId)!
      return (
        compareDates(left.published, right.published) ||
        left.title.localeCompare(right.title, 'vi') ||
        (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0) ||
        a.position.start - b.position.start
      )
    })
  return ordered.map((annotation) => candidate(annotation, articles.get(annotation.articleId)!))
}

/** The full articles the annotations belong to (skipping any whose body was lost). */
export async function articlesOf(store: LibraryStore, annotations: readonly Annotation[]): Promise<Map<string, Article>> {
  const articles = new Map<string, Article>()
  for (const id of new Set(annotations.map((annotation) => annotation.articleId))) {
    const article = store.hasArticle(id) ? await store.getArticle(id) : null
    if (article !== null) articles.set(id, article)
  }
  return articles
}

export function withDescendants(tagId: string, tags: readonly Tag[]): Set<string> {
  const ids = new Set([tagId])
  for (let grew = true; grew; ) {
    grew = false
    for (const tag of tags) {
      if (tag.parentId !== null && ids.has(tag.parentId) && !ids.has(tag.id)) {
        ids.add(tag.id)
        grew = true
      }
    }
  }
  return ids
}

function candidate(annotation: Annotation, article: Article): PassageCandidate {
  return { passage: passageFromAnnotation(annotation, article, newRecordId), note: annotation.note, orphaned: annotation.status === 'orphan' }
}

function inDocumentOrder(annotations: Annotation[]): Annotation[] {
  const rank = (annotation: Annotation) => (annotation.status === 'orphan' ? 1 : 0)
  return annotations.sort((a, b) => rank(a) - rank(b) || a.position.start - b.position.start || a.position.end - b.position.end)
}

function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a < b ? -1 : 1
}
