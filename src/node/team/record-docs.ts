import { createHash } from 'node:crypto'
import * as v from 'valibot'
import { AnnotationInputSchema, AnnotationSchema, type Annotation } from '../../common/model/annotation'
import { ArticleSchema, type Article } from '../../common/model/article'
import { BriefSchema, type Brief } from '../../common/model/brief'
import { MarkingSchema, MAX_USER_MARKINGS } from '../../common/model/settings'
import { TagSchema, type Tag } from '../../common/model/tag'
import { TemplateIdSchema, TemplateSchema, type Template } from '../../common/brief/template'
import { canonicalJson } from '../../common/team/canonical-json'
import { BRIEF_RULES, HIGHLIGHT_RULES, MARKINGS_RULES, TEMPLATE_RULES, THEME_RULES, type FieldRule } from '../../common/team/merge-records'

/**
 * How library records become CouchDB documents and back: one document per record, its id the
 * record's kind and id (`highlight:an_3f9c…`), never a file path. The one module of team sync
 * that names the record types (so renaming them touches this file only).
 *
 * A document: `{ _id, _rev, kind, author, changedBy, changedAt, record }`. `author` is the
 * CouchDB user who created it (kept for the life of the document; the server refuses to change
 * it), `changedBy` who wrote this revision, `changedAt` when. A highlight's own `author` and
 * `private` fields are not in `record`: the author is the document's, and a private highlight
 * never becomes a document at all.
 */
export const RECORD_KINDS = ['article', 'highlight', 'theme', 'brief', 'template', 'markings'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]

/**
 * The desk's handling markings (the user's own, `settings.markings`; the built-in ones are the
 * app's) as one record: the rest of the settings stay on the machine. The library holds this
 * record while it has markings of its own; with none it holds no record (so a new library sends
 * nothing, and removing the last marking is a deletion).
 */
export interface DeskMarkings {
  readonly id: typeof MARKINGS_ID
  readonly markings: readonly string[]
}
export const MARKINGS_ID = 'desk'

/** The markings record of a library whose own markings are these (null for none). */
export function deskMarkings(markings: readonly string[]): DeskMarkings | null {
  return markings.length === 0 ? null : { id: MARKINGS_ID, markings: [...markings] }
}

export interface RecordOf {
  article: Article
  highlight: Annotation
  theme: Tag
  brief: Brief
  template: Template
  markings: DeskMarkings
}
export type AnyRecord = RecordOf[RecordKind]

export interface TeamDoc {
  readonly _id: string
  readonly _rev?: string
  readonly _deleted?: boolean
  readonly kind: RecordKind
  readonly author: string
  readonly changedBy: string
  readonly changedAt: string
  readonly record: unknown
}

/** The schema an incoming record must pass (strict where the record type has a strict form). */
export const RECORD_SCHEMAS: { readonly [K in RecordKind]: v.GenericSchema<unknown, RecordOf[K]> } = {
  article: ArticleSchema,
  highlight: v.strictObject({ ...AnnotationInputSchema.entries, author: v.optional(v.never()), private: v.optional(v.never()) }) as unknown as v.GenericSchema<unknown, Annotation>,
  theme: v.strictObject(TagSchema.entries) as unknown as v.GenericSchema<unknown, Tag>,
  brief: BriefSchema,
  template: TemplateSchema,
  markings: v.strictObject({ id: v.literal(MARKINGS_ID), markings: v.pipe(v.array(MarkingSchema), v.minLength(1), v.maxLength(MAX_USER_MARKINGS)) }) as unknown as v.GenericSchema<unknown, DeskMarkings>,
}

/** Each kind's merge rules (src/common/team/merge-records.ts). Articles are not merged: the newer revision wins whole. */
export const MERGE_RULES: { readonly [K in RecordKind]: Readonly<Record<string, FieldRule>> | null } = {
  article: null,
  highlight: HIGHLIGHT_RULES,
  theme: THEME_RULES,
  brief: BRIEF_RULES,
  template: TEMPLATE_RULES,
  markings: MARKINGS_RULES,
}

/** The schemas of record ids per kind: a document id that does not match is refused. */
const ID_PATTERNS: Readonly<Record<RecordKind, RegExp>> = {
  article: /^[0-9a-f]{8,64}$/,
  highlight: /^an_[0-9a-f]{16}$/,
  theme: /^tg_[0-9a-f]{16}$/,
  brief: /^br_[0-9a-f]{16}$/,
  template: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  markings: /^desk$/,
}

export function docIdOf(kind: RecordKind, id: string): string {
  return `${kind}:${id}`
}

/** The kind and record id a document id names, or null for anything else (design docs, hostile ids). */
export function parseDocId(docId: string): { kind: RecordKind; id: string } | null {
  const colon = docId.indexOf(':')
  if (colon < 0) return null
  const kind = docId.slice(0, colon) as RecordKind
  const id = docId.slice(colon + 1)
  if (!RECORD_KINDS.includes(kind) || !ID_PATTERNS[kind].test(id)) return null
  if (kind === 'template' && !v.is(TemplateIdSchema, id)) return null
  return { kind, id }
}

/** What of a record goes to the server (a highlight without its author and private fields). */
export function sharedContent(kind: RecordKind, record: AnyRecord): AnyRecord {
  if (kind !== 'highlight') return record
  const { author: _author, private: _private, ...shared } = record as Annotation
  return shared as Annotation
}

/** The hash two sides compare: of the shared content in canonical JSON. */
export function contentHash(kind: RecordKind, record: AnyRecord): string {
  return createHash('sha256').update(canonicalJson(sharedContent(kind, record))).digest('hex').slice(0, 32)
}

/** When the record says it last changed (highlights and briefs carry it; otherwise null). */
export function recordChangedAt(kind: RecordKind, record: AnyRecord): string | null {
  if (kind === 'highlight' || kind === 'brief') return (record as Annotation | Brief).updatedAt
  return null
}

/** The record as the library keeps it, from a validated document's record. */
export function localRecord<K extends RecordKind>(kind: K, record: RecordOf[K], author: string): RecordOf[K] {
  if (kind !== 'highlight') return record
  // Parsed again with the stored schema, so the record has exactly the stored shape.
  return v.parse(AnnotationSchema, { ...(record as Annotation), author }) as RecordOf[K]
}

/** A local highlight that is private: it is never sent, and nothing from the server replaces it. */
export function isPrivate(kind: RecordKind, record: AnyRecord): boolean {
  return kind === 'highlight' && (record as Annotation).private === true
}

export function idOfRecord(record: AnyRecord): string {
  return record.id
}

/** The article a highlight belongs to (highlights are stored per article). */
export function articleOfHighlight(record: Annotation): string {
  return record.articleId
}

export function isNewerArticle(local: Article, remote: Article): boolean | null {
  return local.revision === remote.revision ? null : local.revision > remote.revision
}
