import { reanchorAllSteps } from '../anchoring'
import type { Annotation } from '../model/annotation'
import type { Steps } from '../work/steps'

export interface ReanchoredAnnotations {
  /** The annotations, in the order given, with selectors for the new text. */
  readonly annotations: Annotation[]
  /** Anchored before, orphans now: their text is gone. */
  readonly orphaned: number
  /** Still anchored, at another place than before. */
  readonly moved: number
}

/**
 * Every annotation of an article after its text changed to `text` (revision `revision`). Found
 * passages get fresh selectors and the new revision. A passage not found becomes (or stays) an
 * orphan: its quote and last known position are kept as they were, with the revision they were
 * computed against, so the Orphans list shows what was highlighted and a later edit that restores
 * the text brings the highlight back. Nothing is dropped.
 *
 * Steps (see work/steps.ts): the service runs them in slices so a long article does not block it.
 */
export function* reanchorAnnotations(annotations: readonly Annotation[], text: string, revision: number): Steps<ReanchoredAnnotations> {
  const results = yield* reanchorAllSteps(annotations, text)
  let orphaned = 0
  let moved = 0
  const reanchored = annotations.map((annotation, i): Annotation => {
    const result = results[i]!
    if (result.status === 'orphan') {
      if (annotation.status === 'anchored') orphaned++
      return { ...annotation, status: 'orphan' }
    }
    if (annotation.status === 'anchored' && (result.position.start !== annotation.position.start || result.position.end !== annotation.position.end)) moved++
    return { ...annotation, status: 'anchored', quote: result.quote, position: result.position, articleRevision: revision }
  })
  return { annotations: reanchored, orphaned, moved }
}
