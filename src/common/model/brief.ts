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
  /** Team libraries (docs/team.md): the team member whose highlight the passage cites, shown beside it. */
  author: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
})
export type PassageItem = v.InferOutput<typeof PassageItemSchema>

/**
 * The meeting dossier in a brief (docs/briefs.md, "Dossier sections"). A section may be a dossier
 * section: "Who's who" (`people`) and "Chronology" (`chronology`) hold rows drawn from the brief's
 * sources by the dossier engine; "What's new" (`whatsNew`) prints what the brief gained since its
 * last export. Rows are snapshots like passages (their text and citation are copied when added), in
 * the user's order; each has a stable key (a person's name key, an event's key: see
 * brief/dossier-rows.ts), so a refresh recognises the rows already there and those removed.
 */
export const DossierKindSchema = v.picklist(['people', 'chronology', 'whatsNew'])
export type DossierKind = v.InferOutput<typeof DossierKindSchema>

const RowKeySchema = v.pipe(v.string(), v.minLength(1), v.maxLength(500))

export const PersonRowSchema = v.object({
  kind: v.literal('person'),
  /** Name key of the person (dossier/tokens.ts nameKey) when the row was added. */
  key: RowKeySchema,
  /** Every name key the person was known by then: a later, fuller name still finds the row. */
  keys: v.optional(v.array(RowKeySchema)),
  name: v.string(),
  role: v.nullable(v.string()),
  country: v.nullable(v.string()),
  organisation: v.nullable(v.string()),
  /** Where the person is named with a title (first such mention in the brief's sources). */
  citation: CitationSchema,
})
export type PersonRow = v.InferOutput<typeof PersonRowSchema>

export const EventRowSchema = v.object({
  kind: v.literal('event'),
  /** Key of the event's first report (brief/dossier-rows.ts eventKey). */
  key: RowKeySchema,
  /** Keys of every report merged into the event when the row was added. */
  keys: v.optional(v.array(RowKeySchema)),
  from: v.nullable(PartialDateSchema),
  to: v.nullable(PartialDateSchema),
  precision: v.picklist(['day', 'month', 'year']),
  future: v.nullable(v.boolean()),
  /** The date as written ("Ngày 3/10"). */
  dateText: v.string(),
  /** The sentence the date stands in: what happened. */
  text: v.string(),
  /** Counted back from the publication date ("kỷ niệm 30 năm"): the count, for the reasoning. */
  derivedYears: v.optional(v.number()),
  /** Why the date stays unresolved (dossier/types.ts UnresolvedReason); never guessed. */
  unresolved: v.optional(v.picklist(['no-publication-date', 'publication-month-unknown', 'no-such-day'])),
  citation: CitationSchema,
})
export type EventRow = v.InferOutput<typeof EventRowSchema>

export const DossierRowSchema = v.variant('kind', [PersonRowSchema, EventRowSchema])
export type DossierRow = v.InferOutput<typeof DossierRowSchema>

const SnapshotIdsEntries = {
  articleIds: v.array(v.string()),
  annotationIds: v.array(v.string()),
  personKeys: v.array(v.string()),
  eventKeys: v.array(v.string()),
  figureKeys: v.array(v.string()),
}

/**
 * What a brief held at its last export: ids of cited articles and of passages (annotation ids),
 * keys of people, events and key figures. What's new (the export's section) compares the brief
 * with it. `offered` is what Refresh offered then and the user did not take: Refresh does not
 * offer it again, but it is not "held", so adding it later still counts as new.
 */
export const ExportSnapshotSchema = v.object({
  at: IsoTimestampSchema,
  ...SnapshotIdsEntries,
  offered: v.optional(v.object(SnapshotIdsEntries)),
})
export type ExportSnapshot = v.InferOutput<typeof ExportSnapshotSchema>

export const SectionSchema = v.object({
  id: SectionIdSchema,
  heading: v.string(),
  body: v.string(),
  items: v.array(PassageItemSchema),
  /** Exported even with no text and no passage (empty sections are otherwise left out of exports). */
  keepWhenEmpty: v.optional(v.boolean()),
  /** A dossier section (see DossierKindSchema); left out, an ordinary section. */
  dossier: v.optional(DossierKindSchema),
  /** The dossier section's rows, in the user's order. */
  rows: v.optional(v.array(DossierRowSchema)),
  /** Keys of rows the user removed: a refresh does not offer them again. */
  removedKeys: v.optional(v.array(RowKeySchema)),
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
  /** The themes the brief was drafted from (tag ids): what Refresh matches new material against. */
  themeIds: v.optional(v.array(v.string())),
  /**
   * What the brief held at its last export. Written by the export, never by an edit: a save keeps
   * the stored one (brief-book.ts), and writing it does not change `updatedAt`.
   */
  lastExport: v.optional(ExportSnapshotSchema),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
})
export type Brief = v.InferOutput<typeof BriefSchema>
