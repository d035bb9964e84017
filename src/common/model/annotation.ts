import * as v from 'valibot'
import { ArticleIdSchema } from './article'
import { idSchema, IsoTimestampSchema } from './ids'

/**
 * Annotations, shaped after the W3C Web Annotation model: a target (an article) found by two
 * selectors, a colour, a Markdown note and theme tags.
 *
 * Offsets: TextPositionSelector.start/end count UTF-16 code units (JavaScript string indices) in
 * the article's body text, i.e. `bodyText(article.blocks)`: NFC, blocks joined by "\n\n". The W3C
 * export converts them to Unicode code points, as the W3C model requires (see anchoring/).
 */
export const TEXT_OFFSET_UNIT = 'utf16-code-unit' as const

/** Bounds that no real passage reaches, so that no input can be unbounded. */
export const MAX_QUOTE_LENGTH = 1_000_000
export const MAX_QUOTE_CONTEXT_LENGTH = 4096

export const TextQuoteSelectorSchema = v.object({
  type: v.literal('TextQuoteSelector'),
  exact: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_QUOTE_LENGTH)),
  prefix: v.pipe(v.string(), v.maxLength(MAX_QUOTE_CONTEXT_LENGTH)),
  suffix: v.pipe(v.string(), v.maxLength(MAX_QUOTE_CONTEXT_LENGTH)),
})
export type TextQuoteSelector = v.InferOutput<typeof TextQuoteSelectorSchema>

const positionEntries = {
  type: v.literal('TextPositionSelector'),
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(1)),
}
const POSITION_ORDER = 'a position selector must end after it starts'

export const TextPositionSelectorSchema = v.pipe(
  v.object(positionEntries),
  v.check((selector) => selector.end > selector.start, POSITION_ORDER),
)
export type TextPositionSelector = v.InferOutput<typeof TextPositionSelectorSchema>

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const
export const HighlightColorSchema = v.picklist(HIGHLIGHT_COLORS)
export type HighlightColor = v.InferOutput<typeof HighlightColorSchema>

export const AnnotationIdSchema = idSchema('annotation')
export const TagIdSchema = idSchema('tag')

/** Anchored: the selectors point at the passage in the current text. Orphan: its text is gone. */
export const AnchorStatusSchema = v.picklist(['anchored', 'orphan'])
export type AnchorStatus = v.InferOutput<typeof AnchorStatusSchema>

export const MAX_NOTE_LENGTH = 20_000

export const AnnotationSchema = v.object({
  id: AnnotationIdSchema,
  articleId: ArticleIdSchema,
  /** The article revision the selectors were last computed against. */
  articleRevision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema,
  status: AnchorStatusSchema,
  color: HighlightColorSchema,
  note: v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH)),
  tagIds: v.array(TagIdSchema),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
  /**
   * Team libraries (docs/team.md): the CouchDB user who made the highlight, set when it comes
   * from the team server (absent: made on this machine, or the library is not in a team).
   */
  author: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  /** A private highlight never leaves this machine: team sync neither sends it nor replaces it. */
  private: v.optional(v.boolean()),
})
export type Annotation = v.InferOutput<typeof AnnotationSchema>

/**
 * A whole annotation record as input (an undo sends records back): the stored shape with every
 * object strict, so that no unexpected key (`__proto__`, a path...) passes.
 */
export const AnnotationInputSchema = v.strictObject({
  ...AnnotationSchema.entries,
  quote: v.strictObject(TextQuoteSelectorSchema.entries),
  position: v.pipe(
    v.strictObject(positionEntries),
    v.check((selector) => selector.end > selector.start, POSITION_ORDER),
  ),
})
