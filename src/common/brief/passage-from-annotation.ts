import type { Annotation } from '../model/annotation'
import type { Article } from '../model/article'
import type { PassageItem } from '../model/brief'
import { citationSnapshot } from './citation-snapshot'
import type { NewId } from './new-id'

/**
 * A brief passage for an annotation: its exact quote, kept verbatim (mode 'quote', no paraphrase
 * yet), with a citation snapshot of its article and of the highlight's note (printed under the
 * passage as the author's comment), and whether the quote begins inside a sentence.
 */
export function passageFromAnnotation(annotation: Annotation, article: Article, newId: NewId): PassageItem {
  const note = annotation.note.trim()
  return {
    id: newId('item'),
    annotationId: annotation.id,
    mode: 'quote',
    paraphrase: '',
    quote: annotation.quote.exact,
    citation: citationSnapshot(annotation, article),
    ...(note === '' ? {} : { note }),
    startsMidSentence: quoteStartsMidSentence(annotation.quote.prefix),
    ...(annotation.author === undefined ? {} : { author: annotation.author }),
  }
}

/**
 * Whether the text before the quote, within its paragraph, leaves a sentence unfinished: there is
 * some, and it does not end with a full stop, a question or exclamation mark, an ellipsis or a
 * colon (closing quotes and brackets after them allowed).
 */
export function quoteStartsMidSentence(prefix: string): boolean {
  const before = prefix.split(/\n/).at(-1)?.trimEnd() ?? ''
  if (before === '') return false
  return !/[.!?…:]["“”‘’'«»()[\]\s]*$/u.test(before)
}
