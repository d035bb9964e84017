import type { Annotation, HighlightColor } from '../model/annotation'
import { bodyText, type Article, type LanguageCode, type PartialDate } from '../model/article'
import type { Tag } from '../model/tag'

/**
 * What the search index is given for one article: plain data, so that it crosses a worker
 * boundary or a JSON file unchanged. One article is one document; its annotations ride along and
 * each becomes fields of its own (quote, note, tag names), so that every hit says which article,
 * which field and which annotation it came from, and results group by article for free.
 */
export const SEARCH_FIELDS = ['title', 'body', 'quote', 'note', 'tag'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

export interface SearchableTag {
  readonly id: string
  /** The canonical name and every alias: what the tag field holds and what `tag:` matches. */
  readonly names: readonly string[]
  /** Names and aliases of the tag's ancestors: `tag:Economy` also finds passages tagged CPTPP. */
  readonly ancestorNames: readonly string[]
}

export interface SearchableAnnotation {
  readonly id: string
  readonly quote: string
  readonly note: string
  readonly color: HighlightColor
  readonly tags: readonly SearchableTag[]
}

export interface SearchableArticle {
  readonly id: string
  /**
   * Opaque, chosen by the caller (e.g. the article revision and the last annotation change), kept
   * with the index so that a saved index can be compared with the library and brought up to date.
   */
  readonly stamp: string
  readonly title: string
  /** `bodyText(article.blocks)`: body offsets in hits are then annotation offsets. */
  readonly body: string
  readonly source: string | null
  readonly language: LanguageCode
  readonly published: PartialDate | null
  readonly annotations: readonly SearchableAnnotation[]
}

function tagNames(tag: Tag): string[] {
  return [...new Set([tag.name, ...tag.aliases.map((alias) => alias.text)])]
}

function ancestorNames(tag: Tag, byId: ReadonlyMap<string, Tag>): string[] {
  const names: string[] = []
  const seen = new Set([tag.id])
  let parent = tag.parentId === null ? undefined : byId.get(tag.parentId)
  while (parent !== undefined && !seen.has(parent.id)) {
    seen.add(parent.id)
    names.push(...tagNames(parent))
    parent = parent.parentId === null ? undefined : byId.get(parent.parentId)
  }
  return names
}

/**
 * The searchable form of an article with its annotations (any order: they are sorted by their
 * place in the text) and the library's tags. Tags an annotation names but the library no longer
 * has are skipped.
 */
export function searchableArticle(
  article: Article,
  annotations: readonly Annotation[],
  tags: readonly Tag[],
  stamp: string = String(article.revision),
): SearchableArticle {
  const byId = new Map(tags.map((tag) => [tag.id, tag]))
  const own = annotations
    .filter((annotation) => annotation.articleId === article.id)
    .sort((a, b) => a.position.start - b.position.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {
    id: article.id,
    stamp,
    title: article.title,
    body: bodyText(article.blocks),
    source: article.source,
    language: article.language,
    published: article.published,
    annotations: own.map((annotation) => ({
      id: annotation.id,
      quote: annotation.quote.exact,
      note: annotation.note,
      color: annotation.color,
      tags: annotation.tagIds.flatMap((tagId) => {
        const tag = byId.get(tagId)
        return tag === undefined ? [] : [{ id: tag.id, names: tagNames(tag), ancestorNames: ancestorNames(tag, byId) }]
      }),
    })),
  }
}
