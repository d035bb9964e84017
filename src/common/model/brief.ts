import * as v from 'valibot'
import { AnnotationIdSchema } from './annotation'
import { ArticleIdSchema, PartialDateSchema } from './article'
import { idSchema, IsoTimestampSchema } from './ids'

/**
 * A brief: a document for one meeting, made of sections (heading + free Markdown) that hold
 * passages taken from annotations. Each passage keeps a snapshot of its source (quote, article
 * title, agency, date, paragraph number) so that its citation survives the highlight being edited
 * or orphaned; the brief flags such passages instead of dropping them.
 */
export const BriefIdSchema = idSchema('brief')
export const SectionIdSchema = idSchema('section')
export const ItemIdSchema = idSchema('item')

export const CitationSchema = v.object({
  articleId: ArticleIdSchema,
  articleTitle: v.string(),
  source: v.nullable(v.string()),
  published: v.nullable(PartialDateSchema),
  /** 1-based paragraph number of the passage's start in the article body. */
  paragraph: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type Citation = v.InferOutput<typeof CitationSchema>

export const PassageItemSchema = v.object({
  id: ItemIdSchema,
  annotationId: AnnotationIdSchema,
  /** 'quote' prints the source text verbatim; 'paraphrase' prints the user's words, still cited. */
  mode: v.picklist(['quote', 'paraphrase']),
  paraphrase: v.string(),
  quote: v.pipe(v.string(), v.minLength(1)),
  citation: CitationSchema,
  /** The highlight's note (Markdown) when the passage was added: printed under it as the author's comment. */
  note: v.optional(v.string()),
  /** Whether this passage prints its note (default: yes, when the brief prints notes at all). */
  showNote: v.optional(v.boolean()),
  /** The quote begins inside a sentence of its article: it is printed after an ellipsis. */
  startsMidSentence: v.optional(v.boolean()),
})
export type PassageItem = v.InferOutput<typeof PassageItemSchema>

export const SectionSchema = v.object({
  id: SectionIdSchema,
  heading: v.string(),
  body: v.string(),
  items: v.array(PassageItemSchema),
  /** Exported even with no text and no passage (empty sections are otherwise left out of exports). */
  keepWhenEmpty: v.optional(v.boolean()),
})
export type Section = v.InferOutput<typeof SectionSchema>

export const BriefSchema = v.object({
  id: BriefIdSchema,
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  occasion: v.string(),
  date: v.nullable(PartialDateSchema),
  audience: v.string(),
  /** Handling marking printed on every page, e.g. "Internal". */
  marking: v.string(),
  templateId: v.nullable(v.string()),
  /**
   * The language of the brief's exports (headings, labels, dates, numbers, built-in markings),
   * whatever the interface's. Left out: its sources' majority language (brief-language.ts).
   */
  lang: v.optional(v.picklist(['en', 'vi'])),
  /** Whether passages print their highlight's note (default: yes); each passage may opt out. */
  showNotes: v.optional(v.boolean()),
  sections: v.array(SectionSchema),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
})
export type Brief = v.InferOutput<typeof BriefSchema>
