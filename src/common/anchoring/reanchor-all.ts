import type { AnchorStatus, TextPositionSelector, TextQuoteSelector } from '../model/annotation'
import { runToEnd, type Steps } from '../work/steps'
import { describe } from './describe'
import { FoldedText } from './folded-text'
import { reanchor } from './reanchor'
import type { AnchorMethod, AnchorResult, AnchorSelectors, TextRange } from './types'

/**
 * One annotation after its article's text changed. Anchored: fresh selectors computed at the new
 * offsets (the quote becomes the edited text, the context the new surroundings), ready to store.
 * Orphan: the selectors exactly as they were, so the Orphans list can show the quote and a later
 * edit (or an undo) can still bring the highlight back.
 */
export type Reanchored =
  | {
      readonly status: 'anchored'
      readonly method: AnchorMethod
      readonly quote: TextQuoteSelector
      readonly position: TextPositionSelector
    }
  | {
      readonly status: 'orphan'
      readonly quote: TextQuoteSelector
      readonly position: TextPositionSelector | null
    }

/**
 * What reanchorAll takes: the selectors, and the anchor status when known (an Annotation record
 * has both). An annotation that was already an orphan keeps a position from an older text.
 */
export interface ReanchorAllInput extends AnchorSelectors {
  readonly status?: AnchorStatus
}

/** An annotation found by position or exact quote: where it was, and where it is now. */
interface Landmark {
  readonly old: TextPositionSelector
  readonly now: TextRange
}

/**
 * Re-anchors every annotation of an article in its new text (after `edit` in the CLI or the
 * reader's "Edit text" mode); results come in the order given. The text is folded once for all.
 *
 * Two passes, for speed. The first tries position and exact quote for everyone: cheap, and after
 * a typical edit it settles most annotations. Their old and new places are landmarks. The second
 * pass runs the fuzzy search, the expensive stage (a few milliseconds per 100 KB), only between a
 * passage's nearest landmarks: if the passage before it and the passage after it are where they
 * are, an edited passage lies between them. This turns a search of the whole article into one of
 * a paragraph or two. The price: a passage that was both moved past other highlights and edited
 * becomes an orphan instead of being found far away (moved but intact, it is still found
 * anywhere). Landmarks that contradict each other (text reordered) fall back to the whole text.
 */
export function reanchorAll(annotations: readonly ReanchorAllInput[], newText: string): Reanchored[] {
  return runToEnd(reanchorAllSteps(annotations, newText))
}

/**
 * reanchorAll one annotation at a time: it yields after folding the text and after each
 * annotation of each pass, so the service can give the event loop a turn every few milliseconds
 * (an article with hundreds of highlights must not block the app for the whole re-anchoring).
 */
export function* reanchorAllSteps(annotations: readonly ReanchorAllInput[], newText: string): Steps<Reanchored[]> {
  const folded = new FoldedText(newText)
  yield
  const results: AnchorResult[] = []
  for (const annotation of annotations) {
    results.push(reanchor(annotation, folded, { fuzzyRange: null }))
    yield
  }
  const landmarks = results
    .flatMap((result, i): Landmark[] => {
      const { position, status } = annotations[i]!
      // A former orphan's position belongs to an older text: it would bracket the wrong stretch.
      return result.status === 'anchored' && position !== null && status !== 'orphan' ? [{ old: position, now: result }] : []
    })
    .sort((a, b) => a.old.start - b.old.start)

  const placed: Reanchored[] = []
  for (const [i, annotation] of annotations.entries()) {
    let result = results[i]!
    if (result.status === 'orphan') {
      result = reanchor(annotation, folded, { fuzzyRange: between(landmarks, annotation.position, newText.length) })
    }
    if (result.status === 'orphan') placed.push({ status: 'orphan', quote: annotation.quote, position: annotation.position })
    else placed.push({ status: 'anchored', method: result.method, ...describe(newText, result.start, result.end) })
    yield
  }
  return placed
}

/**
 * The stretch of the new text between the landmarks that surrounded `old` (the nearest one ending
 * before it started, the nearest one starting after it ended), or the whole text.
 */
function between(landmarks: readonly Landmark[], old: TextPositionSelector | null, length: number): TextRange {
  if (old === null) return { start: 0, end: length }
  let start = 0
  let end = length
  for (const landmark of landmarks) {
    if (landmark.old.end <= old.start) start = Math.max(start, landmark.now.end)
    else if (landmark.old.start >= old.end) {
      end = landmark.now.start
      break
    }
  }
  return start < end ? { start, end } : { start: 0, end: length }
}
