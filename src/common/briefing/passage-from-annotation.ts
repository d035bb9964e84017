import type { Annotation } from '../model/annotation'
import type { Article } from '../model/article'
import type { PassageItem } from '../model/briefing'
import { citationSnapshot } from './citation-snapshot'
import type { NewId } from './new-id'

/**
 * A brief passage for an annotation: its exact quote, kept verbatim (mode 'quote', no paraphrase
 * yet), with a citation snapshot of its article.
 */
export function passageFromAnnotation(annotation: Annotation, article: Article, newId: NewId): PassageItem {
  return {
    id: newId('item'),
    annotationId: annotation.id,
    mode: 'quote',
    paraphrase: '',
    quote: annotation.quote.exact,
    citation: citationSnapshot(annotation, article),
  }
}
