import * as v from 'valibot'
import { AnnotationIdSchema, AnnotationInputSchema, HighlightColorSchema, MAX_NOTE_LENGTH, type Annotation } from '../model/annotation'
import { ArticleIdSchema, type Article } from '../model/article'
import { TagNameSchema } from '../model/tag'

/**
 * Input schemas and results of the annotation methods of the API (issue 5), kept out of api.ts so
 * that the shared contract file only names them. Every bound is generous for real use and small
 * enough that a hostile caller cannot make the service allocate without limit.
 */

/** The longest article body the edit mode accepts, in UTF-16 code units (about 8 MB of text). */
export const MAX_ARTICLE_TEXT_LENGTH = 4_000_000
/** Tags on one highlight. */
export const MAX_TAGS_PER_ANNOTATION = 50
/** Annotations in one delete or restore call (a whole article's highlights, for undo). */
export const MAX_ANNOTATIONS_PER_CALL = 10_000

const TextOffsetSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_ARTICLE_TEXT_LENGTH))
const NoteInputSchema = v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH))
/** Tag names as a person types them; matched to existing tags ignoring case and diacritics. */
const TagNamesInputSchema = v.pipe(v.array(TagNameSchema), v.maxLength(MAX_TAGS_PER_ANNOTATION))

export const CreateAnnotationInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  /** UTF-16 offsets in bodyText(article.blocks), end exclusive. */
  start: TextOffsetSchema,
  end: TextOffsetSchema,
  color: HighlightColorSchema,
  note: v.optional(NoteInputSchema),
  tags: v.optional(TagNamesInputSchema),
})

export const UpdateAnnotationInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  id: AnnotationIdSchema,
  color: v.optional(HighlightColorSchema),
  note: v.optional(NoteInputSchema),
  /** The complete new list of tag names (not a change to the old one). */
  tags: v.optional(TagNamesInputSchema),
  /** Private: the highlight stays on this machine (team sync never sends it; docs/team.md). */
  private: v.optional(v.boolean()),
})

export const DeleteAnnotationsInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  ids: v.pipe(v.array(AnnotationIdSchema), v.minLength(1), v.maxLength(MAX_ANNOTATIONS_PER_CALL)),
})

/** Context longer than ours (CONTEXT_LENGTH) can come from another tool's export; this bounds it. */
const MAX_CONTEXT_LENGTH = 4096

/** A full annotation record sent back by the UI for undo: the stored schema, strict, with bounded quotes. */
const RestoredAnnotationSchema = v.pipe(
  AnnotationInputSchema,
  v.check(
    ({ quote }) => quote.exact.length <= MAX_ARTICLE_TEXT_LENGTH && quote.prefix.length <= MAX_CONTEXT_LENGTH && quote.suffix.length <= MAX_CONTEXT_LENGTH,
    'a quote or its context is too long',
  ),
)

export const RestoreAnnotationsInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  annotations: v.pipe(v.array(RestoredAnnotationSchema), v.minLength(1), v.maxLength(MAX_ANNOTATIONS_PER_CALL)),
})

export const EditArticleTextInputSchema = v.strictObject({
  id: ArticleIdSchema,
  /** The whole body: blocks separated by a blank line. */
  text: v.pipe(v.string(), v.maxLength(MAX_ARTICLE_TEXT_LENGTH)),
})

export interface EditArticleTextResult {
  readonly article: Article
  /** Every annotation of the article after re-anchoring, in document order, orphans last. */
  readonly annotations: Annotation[]
  /** Annotations that this edit made orphans (their text is gone). */
  readonly orphaned: number
  /** Annotations still anchored, at another offset than before (text was added or removed before them). */
  readonly moved: number
}

export type ExportAnnotationsOutcome = { readonly status: 'cancelled' } | { readonly status: 'done'; readonly path: string; readonly count: number }

export type ImportAnnotationsOutcome =
  | { readonly status: 'cancelled' }
  | {
      readonly status: 'done'
      readonly path: string
      /** Annotations added to the library. */
      readonly added: number
      /** Annotations left out: exact duplicates of existing ones, or of an article not in this library. */
      readonly skipped: number
      /** Of the added ones, those whose text was not found in the article (kept as orphans). */
      readonly orphaned: number
    }
