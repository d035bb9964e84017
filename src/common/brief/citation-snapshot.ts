import type { Annotation } from '../model/annotation'
import type { Article, Block } from '../model/article'
import type { Citation } from '../model/brief'

/**
 * The citation a passage keeps: a snapshot of its article's title, agency and date and of the
 * paragraph it starts in, taken when the passage enters a brief, so that the citation survives the
 * article being edited or the highlight becoming an orphan.
 */

/**
 * The 1-based number of the block that holds `offset` in `bodyText(blocks)` (blocks joined by
 * "\n\n"). An offset on the blank line between two blocks belongs to the next block; an offset
 * past the end (a stale orphan) to the last one.
 */
export function paragraphAt(blocks: readonly Block[], offset: number): number {
  let end = 0
  for (let index = 0; index < blocks.length; index++) {
    end += (blocks[index]?.text.length ?? 0) + (index === 0 ? 0 : 2)
    if (offset < end) return index + 1
  }
  return Math.max(1, blocks.length)
}

export function citationSnapshot(annotation: Annotation, article: Article): Citation {
  if (annotation.articleId !== article.id) {
    throw new Error(`annotation ${annotation.id} belongs to article ${annotation.articleId}, not ${article.id}`)
  }
  return {
    articleId: article.id,
    articleTitle: article.title,
    source: article.source,
    published: article.published,
    paragraph: paragraphAt(article.blocks, annotation.position.start),
  }
}
