import * as v from 'valibot'
import { AnnotationIdSchema, TagIdSchema } from '../model/annotation'
import { ArticleIdSchema, PartialDateSchema } from '../model/article'
import { BriefIdSchema, DossierKindSchema, ItemIdSchema, SectionIdSchema } from '../model/brief'
import { IsoTimestampSchema } from '../model/ids'
import { TemplateIdSchema } from './template'

/**
 * The shapes in which a brief crosses the API boundary: the stored model's fields, but strict
 * (an unknown field is refused, not carried along) and bounded, so that a hostile or broken
 * caller cannot make the service write megabytes or smuggle fields into the library.
 */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max))

const BriefLanguageSchema = v.picklist(['en', 'vi'])

export const MAX_SECTIONS = 200
export const MAX_ITEMS_PER_SECTION = 2_000

const CitationInputSchema = v.strictObject({
  articleId: ArticleIdSchema,
  articleTitle: text(1_000),
  source: v.nullable(text(300)),
  published: v.nullable(PartialDateSchema),
  paragraph: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
})

const PassageItemInputSchema = v.strictObject({
  id: ItemIdSchema,
  annotationId: AnnotationIdSchema,
  mode: v.picklist(['quote', 'paraphrase']),
  paraphrase: text(20_000),
  quote: v.pipe(v.string(), v.minLength(1), v.maxLength(50_000)),
  citation: CitationInputSchema,
  note: v.optional(text(50_000)),
  showNote: v.optional(v.boolean()),
  startsMidSentence: v.optional(v.boolean()),
  /** Team libraries: the colleague whose highlight the passage cites. */
  author: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
})

const RowKeyInputSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(500))
const RowKeysInputSchema = v.optional(v.pipe(v.array(RowKeyInputSchema), v.maxLength(100)))

const PersonRowInputSchema = v.strictObject({
  kind: v.literal('person'),
  key: RowKeyInputSchema,
  keys: RowKeysInputSchema,
  name: text(500),
  role: v.nullable(text(500)),
  country: v.nullable(text(300)),
  organisation: v.nullable(text(300)),
  citation: CitationInputSchema,
})

const EventRowInputSchema = v.strictObject({
  kind: v.literal('event'),
  key: RowKeyInputSchema,
  keys: RowKeysInputSchema,
  from: v.nullable(PartialDateSchema),
  to: v.nullable(PartialDateSchema),
  precision: v.picklist(['day', 'month', 'year']),
  future: v.nullable(v.boolean()),
  dateText: text(300),
  text: text(5_000),
  derivedYears: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000))),
  unresolved: v.optional(v.picklist(['no-publication-date', 'publication-month-unknown', 'no-such-day'])),
  citation: CitationInputSchema,
})

const SectionInputSchema = v.strictObject({
  id: SectionIdSchema,
  heading: text(300),
  body: text(100_000),
  items: v.pipe(v.array(PassageItemInputSchema), v.maxLength(MAX_ITEMS_PER_SECTION)),
  keepWhenEmpty: v.optional(v.boolean()),
  dossier: v.optional(DossierKindSchema),
  rows: v.optional(v.pipe(v.array(v.variant('kind', [PersonRowInputSchema, EventRowInputSchema])), v.maxLength(MAX_ITEMS_PER_SECTION))),
  removedKeys: v.optional(v.pipe(v.array(text(500)), v.maxLength(MAX_ITEMS_PER_SECTION * 5))),
})

/** An id list of a snapshot: bounded like everything else a caller sends. */
const SNAPSHOT_IDS = 200_000
const ROW_KEY = text(500)
const snapshotIds = {
  articleIds: v.pipe(v.array(ArticleIdSchema), v.maxLength(SNAPSHOT_IDS)),
  annotationIds: v.pipe(v.array(AnnotationIdSchema), v.maxLength(SNAPSHOT_IDS)),
  personKeys: v.pipe(v.array(ROW_KEY), v.maxLength(SNAPSHOT_IDS)),
  eventKeys: v.pipe(v.array(ROW_KEY), v.maxLength(SNAPSHOT_IDS)),
  figureKeys: v.pipe(v.array(ROW_KEY), v.maxLength(SNAPSHOT_IDS)),
}
/** What the brief held at its last export (model/brief.ts), strict, with ids as ids and keys bounded. */
const ExportSnapshotInputSchema = v.strictObject({
  at: IsoTimestampSchema,
  ...snapshotIds,
  offered: v.optional(v.strictObject(snapshotIds)),
})

export const BriefInputSchema = v.strictObject({
  id: BriefIdSchema,
  title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300)),
  occasion: text(300),
  date: v.nullable(PartialDateSchema),
  audience: text(300),
  marking: text(80),
  templateId: v.nullable(text(64)),
  lang: v.optional(BriefLanguageSchema),
  showNotes: v.optional(v.boolean()),
  sections: v.pipe(v.array(SectionInputSchema), v.maxLength(MAX_SECTIONS)),
  themeIds: v.optional(v.pipe(v.array(TagIdSchema), v.maxLength(50))),
  /** Accepted so that a whole record round-trips; an update keeps the stored one (brief-book.ts). */
  lastExport: v.optional(ExportSnapshotInputSchema),
  createdAt: IsoTimestampSchema,
  /** The revision the caller edited: it must still be the stored one (see updateBrief). */
  updatedAt: IsoTimestampSchema,
})

export const CreateBriefInputSchema = v.strictObject({
  title: v.pipe(v.string(), v.maxLength(300)),
  templateId: v.optional(TemplateIdSchema),
  /** Themes to draft from, in the order of their sections. */
  tagIds: v.optional(v.pipe(v.array(TagIdSchema), v.maxLength(50))),
  /** The brief's language; left out, its sources' majority language (or the interface's). */
  lang: v.optional(BriefLanguageSchema),
})

export const BriefExportFormatSchema = v.picklist(['md', 'html', 'pdf'])
export type BriefExportFormat = v.InferOutput<typeof BriefExportFormatSchema>
