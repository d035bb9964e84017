import type { TextPositionSelector, TextQuoteSelector } from '../model/annotation'

/** A half-open range [start, end) of UTF-16 code units in a text. */
export interface TextRange {
  readonly start: number
  readonly end: number
}

/**
 * What anchoring needs from an annotation: its two selectors. `position` is null when it is not
 * known for the current text, e.g. an orphan imported from a W3C file (see w3c.ts); the quote alone
 * then anchors it.
 */
export interface AnchorSelectors {
  readonly quote: TextQuoteSelector
  readonly position: TextPositionSelector | null
}

/** The selectors `describe` builds for a range of a text. */
export interface DescribedRange {
  readonly quote: TextQuoteSelector
  readonly position: TextPositionSelector
}

/**
 * How a passage was found again: at its stored position, by its exact quote elsewhere, or by an
 * approximate quote match (its text was edited).
 */
export type AnchorMethod = 'position' | 'quote' | 'fuzzy'

export type AnchorResult =
  | { readonly status: 'anchored'; readonly start: number; readonly end: number; readonly method: AnchorMethod }
  | { readonly status: 'orphan' }
