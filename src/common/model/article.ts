import * as v from 'valibot'

/**
 * Articles as stored and as sent to the UI. Types are inferred from the schemas so that a record
 * read from disk or received over IPC is checked against exactly what the code expects.
 */

export const LANGUAGE_CODES = ['vi', 'en', 'es', 'und'] as const
export const LanguageCodeSchema = v.picklist(LANGUAGE_CODES)
export type LanguageCode = v.InferOutput<typeof LanguageCodeSchema>

/** A calendar date with the precision the source gave: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDateSchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date written YYYY, YYYY-MM or YYYY-MM-DD'),
)
export type PartialDate = v.InferOutput<typeof PartialDateSchema>

/** Article ids are short lowercase hex strings (derived from the first content hash). */
export const ArticleIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{8,64}$/, 'an article id'))

export const BlockSchema = v.object({
  kind: v.picklist(['paragraph', 'heading']),
  text: v.pipe(v.string(), v.minLength(1)),
})
export type Block = v.InferOutput<typeof BlockSchema>

/** A photo caption, kept out of the body and shown distinctly after block `afterBlock` (-1: before the first). */
export const CaptionSchema = v.object({
  text: v.pipe(v.string(), v.minLength(1)),
  afterBlock: v.pipe(v.number(), v.integer(), v.minValue(-1)),
})
export type Caption = v.InferOutput<typeof CaptionSchema>

export const REMOVAL_KINDS = [
  'photo-alt-text',
  'related-link',
  'credit-line',
  'after-end-mark',
  'trailing-boilerplate',
] as const

/** Text that cleaning took out of the body. Nothing is silently lost: it stays in the record. */
export const RemovedPassageSchema = v.object({
  kind: v.picklist(REMOVAL_KINDS),
  text: v.pipe(v.string(), v.minLength(1)),
  afterBlock: v.pipe(v.number(), v.integer(), v.minValue(-1)),
})
export type RemovedPassage = v.InferOutput<typeof RemovedPassageSchema>

/**
 * A cleaning step the user undid: its text is back in the body at `blockIndex`, and this entry is
 * what re-applying (Redo) needs to take it out again (see agency/cleaning-steps.ts).
 */
export const UndoneStepSchema = v.object({
  list: v.picklist(['removed', 'captions']),
  kind: v.picklist([...REMOVAL_KINDS, 'caption']),
  text: v.pipe(v.string(), v.minLength(1)),
  blockIndex: v.pipe(v.number(), v.integer(), v.minValue(0)),
})
export type UndoneStepRecord = v.InferOutput<typeof UndoneStepSchema>

export const ArticleOriginSchema = v.object({
  kind: v.picklist(['sample', 'file', 'paste']),
  name: v.nullable(v.string()),
})
export type ArticleOrigin = v.InferOutput<typeof ArticleOriginSchema>

export const ProposedDetailsSchema = v.object({
  title: v.optional(v.literal(true)),
  source: v.optional(v.literal(true)),
})
export type ProposedDetails = v.InferOutput<typeof ProposedDetailsSchema>

/**
 * How an article's text was recognised from images (OCR): the languages of the models used, the
 * pages recognised (1-based; a mixed PDF's other pages kept their text layer), the mean word
 * confidence (0-100) and the distinct words below the low-confidence threshold, which the reader
 * marks for checking. Absent for text that was not recognised.
 */
export const PAGE_IMAGE_TYPES = ['image/webp', 'image/jpeg', 'image/png'] as const
export type PageImageType = (typeof PAGE_IMAGE_TYPES)[number]

/**
 * One recognised page's image, kept with the article (src/node/store/article-assets.ts) so the
 * reader can show it beside the text. `asset` is the SHA-256 of the image's bytes: it names the
 * file and proves it whole. `startsWith` is the page's first recognised words, so the reader can
 * tell which paragraph lies on which page (absent: unknown).
 */
export const PageImageRefSchema = v.object({
  page: v.pipe(v.number(), v.integer(), v.minValue(1)),
  asset: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest')),
  type: v.picklist(PAGE_IMAGE_TYPES),
  width: v.pipe(v.number(), v.integer(), v.minValue(1)),
  height: v.pipe(v.number(), v.integer(), v.minValue(1)),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
  startsWith: v.optional(v.pipe(v.string(), v.maxLength(200))),
})
export type PageImageRef = v.InferOutput<typeof PageImageRefSchema>

export const OcrInfoSchema = v.object({
  languages: v.array(v.picklist(['vie', 'eng'])),
  meanConfidence: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
  pages: v.array(v.pipe(v.number(), v.integer(), v.minValue(1))),
  lowConfidence: v.array(v.object({ text: v.pipe(v.string(), v.minLength(1)), confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(100)) })),
  /** The recognised pages' images, kept with the article (absent: none kept). */
  pageImages: v.optional(v.array(PageImageRefSchema)),
})
export type OcrInfo = v.InferOutput<typeof OcrInfoSchema>

const articleSummaryEntries = {
  id: ArticleIdSchema,
  title: v.pipe(v.string(), v.minLength(1)),
  source: v.nullable(v.string()),
  url: v.nullable(v.string()),
  published: v.nullable(PartialDateSchema),
  importedAt: v.pipe(v.string(), v.isoTimestamp()),
  language: LanguageCodeSchema,
  contentHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest')),
  revision: v.pipe(v.number(), v.integer(), v.minValue(1)),
  excerpt: v.string(),
  wordCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
}

/** What the library list needs: everything but the body. */
export const ArticleSummarySchema = v.object(articleSummaryEntries)
export type ArticleSummary = v.InferOutput<typeof ArticleSummarySchema>

export const ArticleSchema = v.object({
  ...articleSummaryEntries,
  blocks: v.pipe(v.array(BlockSchema), v.minLength(1)),
  captions: v.array(CaptionSchema),
  removed: v.array(RemovedPassageSchema),
  origin: ArticleOriginSchema,
  /** Cleaning steps undone by the user, most recent last (absent: none). */
  undone: v.optional(v.array(UndoneStepSchema)),
  /**
   * Details the importer proposed rather than found (propose-title.ts, propose-source.ts): shown
   * for confirmation in Edit details, and dropped once the user saves the details (absent: none).
   */
  proposed: v.optional(ProposedDetailsSchema),
  /** Present when the text was recognised from images (absent: born digital). */
  ocr: v.optional(OcrInfoSchema),
})
export type Article = v.InferOutput<typeof ArticleSchema>

export function summarize(article: Article): ArticleSummary {
  return {
    id: article.id,
    title: article.title,
    source: article.source,
    url: article.url,
    published: article.published,
    importedAt: article.importedAt,
    language: article.language,
    contentHash: article.contentHash,
    revision: article.revision,
    excerpt: article.excerpt,
    wordCount: article.wordCount,
  }
}

/**
 * The text that content hashes and annotation offsets are computed over: the body's blocks, one
 * blank line apart. Captions and removed text are not part of it.
 */
export function bodyText(blocks: readonly Block[]): string {
  return blocks.map((block) => block.text).join('\n\n')
}
