import { describe } from '../anchoring'
import type { Annotation, HighlightColor } from '../model/annotation'
import type { Article } from '../model/article'
import { checkRange } from './check-range'

export interface NewAnnotation {
  readonly id: string
  readonly article: Article
  /** bodyText(article.blocks), computed once by the caller. */
  readonly text: string
  readonly start: number
  readonly end: number
  readonly color: HighlightColor
  readonly note: string
  readonly tagIds: string[]
  readonly now: string
}

/** A highlight of text[start, end) of the article's current revision, with both selectors. */
export function newAnnotation(input: NewAnnotation): Annotation {
  checkRange(input.text, input.article.id, input.start, input.end)
  const { quote, position } = describe(input.text, input.start, input.end)
  return {
    id: input.id,
    articleId: input.article.id,
    articleRevision: input.article.revision,
    quote,
    position,
    status: 'anchored',
    color: input.color,
    note: input.note,
    tagIds: input.tagIds,
    createdAt: input.now,
    updatedAt: input.now,
  }
}
