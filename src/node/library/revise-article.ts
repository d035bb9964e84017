import { reanchorAllSteps } from '../../common/anchoring/reanchor-all'
import type { Annotation } from '../../common/model/annotation'
import { bodyText, type Article } from '../../common/model/article'
import { countWords, excerpt } from '../../common/text/normalize'
import { runInSlices } from '../run-in-slices'

const EXCERPT_LENGTH = 180

/**
 * A new revision of an article whose body changed (a cleaning step undone or re-applied): the
 * derived fields follow the new body, the revision goes up (the store and the search index tell
 * revisions apart by it), and the article's annotations are re-anchored in the new text. Those
 * whose passage is gone stay, as orphans with their old selectors, so a later Redo or edit can
 * still bring them back.
 *
 * The content hash is kept: it identifies the text as imported, so importing the same file again
 * is still recognised as a duplicate after the user has undone some cleaning.
 *
 * Re-anchoring runs in slices (run-in-slices.ts) so a long article does not block the service.
 */
export async function reviseBody(article: Article, next: Article, annotations: readonly Annotation[], now: Date): Promise<{ article: Article; annotations: Annotation[] }> {
  const text = bodyText(next.blocks)
  const lead = next.blocks.find((block) => block.kind === 'paragraph') ?? next.blocks[0]
  const revised: Article = {
    ...next,
    revision: article.revision + 1,
    wordCount: countWords(text),
    excerpt: lead === undefined ? '' : excerpt(lead.text, EXCERPT_LENGTH),
  }
  const placed = await runInSlices(reanchorAllSteps(annotations, text))
  const updatedAt = now.toISOString()
  const reanchored = annotations.map((annotation, index): Annotation => {
    const result = placed[index]!
    if (result.status === 'orphan') return { ...annotation, status: 'orphan' }
    return { ...annotation, status: 'anchored', quote: result.quote, position: result.position, articleRevision: revised.revision, updatedAt }
  })
  return { article: revised, annotations: reanchored }
}
