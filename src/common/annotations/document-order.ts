import type { Annotation } from '../model/annotation'

/** Annotations in document order; orphans, which have no place, last (as the side panel lists them). */
export function inDocumentOrder(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => rank(a) - rank(b) || a.position.start - b.position.start || a.position.end - b.position.end)
}

function rank(annotation: Annotation): number {
  return annotation.status === 'orphan' ? 1 : 0
}
