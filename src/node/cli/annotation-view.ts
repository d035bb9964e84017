import { toW3CAnnotation, type W3CAnnotation } from '../../common/anchoring'
import type { Annotation, AnchorStatus, HighlightColor } from '../../common/model/annotation'
import type { Tag } from '../../common/model/tag'
import type { Translate } from './context'

/** One annotation as the CLI prints it with --json: W3C selectors, tag names, note and anchor state. */
export interface AnnotationView {
  readonly id: string
  readonly articleId: string
  readonly status: AnchorStatus
  readonly color: HighlightColor
  readonly note: string
  readonly tags: string[]
  /** As in a W3C export: the quote, and for an anchored annotation its position in code points. */
  readonly selector: W3CAnnotation['target']['selector']
  readonly created: string
  readonly modified: string
}

export function annotationView(annotation: Annotation, text: string, tags: readonly Tag[]): AnnotationView {
  const names = new Map(tags.map((tag) => [tag.id, tag.name]))
  // A tag missing from the library is shown by its id rather than failing the listing.
  const w3c = toW3CAnnotation(annotation, { bodyText: () => text, tagNames: (id) => names.get(id) ?? id })
  return {
    id: annotation.id,
    articleId: annotation.articleId,
    status: annotation.status,
    color: annotation.color,
    note: annotation.note,
    tags: annotation.tagIds.map((id) => names.get(id) ?? id),
    selector: w3c.target.selector,
    created: annotation.createdAt,
    modified: annotation.updatedAt,
  }
}

/** The human form: a header line, the quote, then tags and note when there are some. */
export function annotationLines(view: AnnotationView, t: Translate): string[] {
  const [quote, position] = view.selector
  const place = view.status === 'orphan' || position === undefined ? t('cli.annotations.orphan') : `${position.start}–${position.end}`
  const lines = [`${view.id}  ${view.color}  ${place}`, `  “${printable(quote.exact)}”`]
  if (view.tags.length > 0) lines.push(`  ${t('cli.annotations.tags')}: ${view.tags.map(printable).join(', ')}`)
  if (view.note !== '') lines.push(`  ${t('cli.annotations.note')}: ${printable(view.note)}`)
  return lines
}

/**
 * One line of text safe to print on a terminal: line breaks become spaces, and other control
 * characters (an imported note could carry escape sequences that rewrite the screen) become “�”.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\s*\n\s*/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD')
}
