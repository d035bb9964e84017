/**
 * Anchoring: how a highlight stays on its passage. Pure string work, no DOM (the reader's DOM
 * adapter lives in src/ui), in the manner of Hypothesis's src/annotator/anchoring:
 *
 *   describe          a selection → selectors (quote with context, position)
 *   findOccurrences   a typed quote → where it occurs (the CLI's --quote/--occurrence)
 *   reanchor          selectors → the passage in the current text, or an orphan
 *   reanchorAll       every annotation of an article after an edit → new selectors
 *   w3c, parse-w3c    W3C Web Annotation export and import
 *
 * Offsets are UTF-16 code units in bodyText(article.blocks) everywhere except W3C files, which
 * count code points (code-points.ts converts).
 */
export { toCodePointOffset, toCodePointPosition, toUtf16Offset, toUtf16Position } from './code-points'
export { describe } from './describe'
export { OccurrenceNumberError, TextRangeError, UnknownTagError } from './errors'
export { findOccurrence, findOccurrences } from './find-occurrences'
export { FoldedText } from './folded-text'
export { annotationIdFromIri, annotationIri, articleIdFromIri, articleIri } from './iri'
export { parseW3CAnnotations, type ImportedAnnotation, type W3CParseResult } from './parse-w3c'
export { reanchor, type ReanchorOptions } from './reanchor'
export { reanchorAll, reanchorAllSteps, type ReanchorAllInput, type Reanchored } from './reanchor-all'
export { CONTEXT_LENGTH } from './thresholds'
export type { AnchorMethod, AnchorResult, AnchorSelectors, DescribedRange, TextRange } from './types'
export {
  toW3CAnnotation,
  toW3CCollection,
  W3C_ANNOTATION_CONTEXT,
  type TagNames,
  type W3CAnnotation,
  type W3CAnnotationCollection,
  type W3CExportContext,
} from './w3c'
