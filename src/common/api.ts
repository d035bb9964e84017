import * as v from 'valibot'
import type { ApiMethodName } from './api-methods'
import type { AppInfo } from './model/app-info'
import type { ArticleListColumns } from './model/article-list'
import { ArticleIdSchema, PartialDateSchema, type Article, type ArticleSummary, type PageImageType } from './model/article'
import { SettingsPatchSchema, type Settings } from './model/settings'
import type { ErrorInfo, Result } from './errors'
import type { RecoveryEvent } from './model/recovery'
import type { Annotation } from './model/annotation'
import type { Tag } from './model/tag'
import type { NotReceivedReasonKey } from './team/page-image-reasons'
import type { ImportJobStatus, ImportReport, ImportStart } from './import/import-report'
import { ImportJobIdSchema } from './import/import-job-id'
import { OcrLanguageChoiceSchema } from './import/ocr-language-choice'
import { base64Length, MAX_DROPPED_FILES, MAX_DROPPED_TOTAL_BYTES, MAX_FILE_NAME_LENGTH, MAX_IMPORT_FILE_BYTES, MAX_PASTE_CHARS } from './import/import-limits'
import { MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from './metadata/validate-metadata'
import { BriefExportFormatSchema, BriefInputSchema, CreateBriefInputSchema } from './brief/brief-input'
import type { BriefRefresh } from './brief/brief-refresh'
import { TemplateIdSchema, TemplateSchema, type Template } from './brief/template'
import { BriefIdSchema, type Brief, type PassageItem } from './model/brief'
import { TagIdSchema } from './model/annotation'
import {
  CreateAnnotationInputSchema,
  DeleteAnnotationsInputSchema,
  EditArticleTextInputSchema,
  RestoreAnnotationsInputSchema,
  UpdateAnnotationInputSchema,
  type EditArticleTextResult,
  type ExportAnnotationsOutcome,
  type ImportAnnotationsOutcome,
} from './annotations/annotation-inputs'
import * as themes from './themes/api-schemas'
import type { TagEditResult, TaxonomyExportOutcome, TaxonomyImportOutcome, ThemeOverview, ThemePassageGroup, ThemePassageLayout, ThemePassagePage } from './themes/api-types'
import type { TagSuggestion } from './themes/suggest-tags'
import type { TagProposal } from './themes/auto-tag'
import type { LibrarySearchResult } from './search/library-search-result'
import { OrganisationDecisionSchema, PersonDecisionSchema } from './dossier/decision-schema'
import type { OrganisationDetail, OrganisationList, OrganisationRow, PeopleList, PeoplePage, PersonDetail, PersonRow, TimelinePage } from './dossier/library-view'
import { TeamConnectInputSchema, TeamResolveConflictInputSchema } from './team/team-inputs'
import type { TeamView } from './team/team-view'

/**
 * A page image's bytes, base64 (every transport carries it alike: IPC's structured clone and the
 * browser shell's JSON bridge), with its type and size; the renderer shows it through a blob: URL.
 */
export interface PageImageData {
  readonly page: number
  readonly type: PageImageType
  readonly width: number
  readonly height: number
  readonly base64: string
}

/**
 * A page image the team has not delivered yet (docs/team.md#page-images): the article came
 * without it, and why, as a catalogue key; the reader says so instead of reporting a lost asset.
 */
export interface PageImageNotReceived {
  readonly page: number
  readonly notReceived: NotReceivedReasonKey
}

/**
 * The API contract: every method the UI may call, its input schema and its result type.
 * One contract, three transports: IPC (electron/main/ipc.ts + preload), the browser shell's bridge
 * (src/node/browser-shell, behind the start command's fallback and the end-to-end harness), and
 * direct calls from the CLI. Inputs are parsed with these schemas
 * at the boundary (src/node/dispatch.ts), never trusted.
 */

const NoInput = v.undefined()

export const apiInputs = {
  appInfo: NoInput,
  listArticles: NoInput,
  listArticleColumns: NoInput,
  addSampleArticles: NoInput,
  getArticle: v.strictObject({ id: ArticleIdSchema }),
  getSettings: NoInput,
  updateSettings: SettingsPatchSchema,
  libraryStatus: NoInput,
  backupLibrary: NoInput,
  restoreLibrary: NoInput,
  listTags: NoInput,
  getAnnotations: v.strictObject({ articleId: ArticleIdSchema }),

  // ── import (issue 4) ──
  importChoose: v.strictObject({ folders: v.boolean(), ocrLanguages: v.optional(OcrLanguageChoiceSchema) }),
  importDropped: v.strictObject({
    files: v.pipe(
      v.array(
        v.strictObject({
          name: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_FILE_NAME_LENGTH)),
          /** The size the renderer saw: a file over the limit is sent without its bytes, and reported. */
          size: v.pipe(v.number(), v.integer(), v.minValue(0)),
          data: v.pipe(v.string(), v.maxLength(base64Length(MAX_IMPORT_FILE_BYTES)), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')),
        }),
      ),
      v.minLength(1),
      v.maxLength(MAX_DROPPED_FILES),
      v.check((files) => files.reduce((sum, file) => sum + file.data.length, 0) <= base64Length(MAX_DROPPED_TOTAL_BYTES), 'dropped files too large in total'),
    ),
    ocrLanguages: v.optional(OcrLanguageChoiceSchema),
  }),
  importPaste: v.strictObject({
    text: v.pipe(v.string(), v.maxLength(MAX_PASTE_CHARS)),
    html: v.nullable(v.pipe(v.string(), v.maxLength(MAX_PASTE_CHARS))),
  }),
  importStatus: v.strictObject({ jobId: ImportJobIdSchema }),
  importCancel: v.strictObject({ jobId: ImportJobIdSchema }),
  updateArticleMetadata: v.strictObject({
    id: ArticleIdSchema,
    title: v.pipe(v.string(), v.maxLength(MAX_TITLE_LENGTH * 2)),
    source: v.pipe(v.string(), v.maxLength(MAX_SOURCE_LENGTH * 2)),
    url: v.pipe(v.string(), v.maxLength(MAX_URL_LENGTH * 2)),
    published: v.pipe(v.string(), v.maxLength(32)),
    language: v.pipe(v.string(), v.maxLength(8)),
  }),
  /** One recognised page's image of an OCR article (docs/ocr.md, "Page images"). */
  articlePageImage: v.strictObject({
    id: ArticleIdSchema,
    page: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
  }),
  undoCleaningStep: v.strictObject({
    id: ArticleIdSchema,
    list: v.picklist(['removed', 'captions']),
    index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  }),
  redoCleaningStep: v.strictObject({
    id: ArticleIdSchema,
    undoneIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  }),

  // ── reader and annotations (issue 5) ──
  createAnnotation: CreateAnnotationInputSchema,
  updateAnnotation: UpdateAnnotationInputSchema,
  deleteAnnotations: DeleteAnnotationsInputSchema,
  restoreAnnotations: RestoreAnnotationsInputSchema,
  editArticleText: EditArticleTextInputSchema,
  exportAnnotations: NoInput,
  importAnnotations: NoInput,

  // ── themes and search (issue 6) ──
  createTag: themes.CreateTagInput,
  updateTag: themes.UpdateTagInput,
  mergeTags: themes.MergeTagsInput,
  deleteTag: themes.DeleteTagInput,
  tagAnnotations: themes.TagAnnotationsInput,
  restoreTagState: themes.RestoreTagStateInput,
  themeOverview: NoInput,
  themePassages: themes.ThemePassagesInput,
  themePassageLayout: themes.ThemePassagesInput,
  themePassagePage: themes.ThemePassagePageInput,
  tagThemePassages: themes.TagThemePassagesInput,
  suggestTags: themes.SuggestTagsInput,
  autoTagArticle: themes.AutoTagArticleInput,
  acceptProposals: themes.AcceptProposalsInput,
  search: themes.SearchInput,
  exportTaxonomy: NoInput,
  importTaxonomy: NoInput,

  // ── briefs (issue 7) ──
  listBriefs: NoInput,
  getBrief: v.strictObject({ id: BriefIdSchema }),
  createBrief: CreateBriefInputSchema,
  /** The whole edited record; its updatedAt must be the stored revision. */
  updateBrief: BriefInputSchema,
  deleteBrief: v.strictObject({ id: BriefIdSchema }),
  restoreBrief: v.strictObject({ brief: BriefInputSchema }),
  listTemplates: NoInput,
  duplicateTemplate: v.strictObject({ id: TemplateIdSchema }),
  saveTemplate: v.strictObject({ template: TemplateSchema }),
  /** A user template (built-ins are refused); the result is the deleted template, for an undo (saveTemplate). */
  deleteTemplate: v.strictObject({ id: TemplateIdSchema }),
  listMarkings: NoInput,
  passagesOfArticle: v.strictObject({ articleId: ArticleIdSchema }),
  passagesOfTheme: v.strictObject({ tagId: TagIdSchema }),
  /** What the library gained since the brief's last export that matches its themes; changes nothing. */
  refreshBrief: v.strictObject({ id: BriefIdSchema }),
  exportBrief: v.strictObject({ id: BriefIdSchema, format: BriefExportFormatSchema }),

  // ── security (issue 8) ──

  // ── dossier in the library (issue 17) ──
  dossierPeople: NoInput,
  /** A page of the People list (light rows), the names matching `query`, hidden ones when asked. */
  dossierPeoplePage: v.strictObject({
    query: v.optional(v.pipe(v.string(), v.maxLength(200))),
    hidden: v.optional(v.boolean()),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
  }),
  /** One person, by any of its name keys (or a name: it is folded to its key). */
  dossierPerson: v.strictObject({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  /** The organisations found (Bitel, Viettel, PVN, ministries, APEC, CPTPP), for the People view. */
  dossierOrganisations: NoInput,
  /** One organisation, by any of its name keys (or a name or alias: it is folded to its key). */
  dossierOrganisation: v.strictObject({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  dossierTimeline: v.strictObject({
    tagId: v.optional(TagIdSchema),
    person: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
    country: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
    from: v.optional(PartialDateSchema),
    to: v.optional(PartialDateSchema),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
  }),
  decidePerson: PersonDecisionSchema,
  decideOrganisation: OrganisationDecisionSchema,

  // ── team library (issue 16) ──
  teamStatus: NoInput,
  /** The password crosses once, from the Team dialog, and is never sent back. */
  teamConnect: TeamConnectInputSchema,
  teamDisconnect: NoInput,
  teamSyncLog: NoInput,
  teamResolveConflict: TeamResolveConflictInputSchema,
} satisfies Record<ApiMethodName, v.GenericSchema>

export interface ApiResults {
  appInfo: AppInfo
  listArticles: ArticleSummary[]
  /** The library list for the window: its columns as one text (model/article-list.ts). */
  listArticleColumns: ArticleListColumns
  addSampleArticles: { added: number }
  getArticle: Article
  articlePageImage: PageImageData | PageImageNotReceived | null
  getSettings: Settings
  updateSettings: Settings
  libraryStatus: LibraryStatus
  backupLibrary: BackupOutcome
  restoreLibrary: RestoreOutcome
  listTags: Tag[]
  getAnnotations: Annotation[]

  // ── import (issue 4) ──
  importChoose: ImportStart
  importDropped: ImportStart
  importPaste: ImportReport
  importStatus: ImportJobStatus
  importCancel: ImportJobStatus
  updateArticleMetadata: Article
  undoCleaningStep: Article
  redoCleaningStep: Article

  // ── reader and annotations (issue 5) ──
  createAnnotation: Annotation
  updateAnnotation: Annotation
  deleteAnnotations: Annotation[]
  restoreAnnotations: Annotation[]
  editArticleText: EditArticleTextResult
  exportAnnotations: ExportAnnotationsOutcome
  importAnnotations: ImportAnnotationsOutcome

  // ── themes and search (issue 6) ──
  createTag: TagEditResult
  updateTag: TagEditResult
  mergeTags: TagEditResult
  deleteTag: TagEditResult
  tagAnnotations: TagEditResult
  restoreTagState: Tag[]
  themeOverview: ThemeOverview
  themePassages: ThemePassageGroup[]
  themePassageLayout: ThemePassageLayout
  themePassagePage: ThemePassagePage
  tagThemePassages: TagEditResult
  suggestTags: TagSuggestion[]
  autoTagArticle: TagProposal[]
  acceptProposals: Annotation[]
  search: LibrarySearchResult
  exportTaxonomy: TaxonomyExportOutcome
  importTaxonomy: TaxonomyImportOutcome

  // ── briefs (issue 7) ──
  listBriefs: BriefSummary[]
  getBrief: BriefView
  createBrief: Brief
  updateBrief: Brief
  deleteBrief: Brief
  restoreBrief: Brief
  listTemplates: TemplateEntry[]
  duplicateTemplate: Template
  saveTemplate: Template
  deleteTemplate: Template
  listMarkings: string[]
  passagesOfArticle: PassageCandidate[]
  passagesOfTheme: PassageCandidate[]
  refreshBrief: BriefRefresh
  exportBrief: ExportOutcome

  // ── security (issue 8) ──

  // ── dossier in the library (issue 17) ──
  dossierPeople: PeopleList
  dossierPeoplePage: PeoplePage
  dossierPerson: PersonDetail
  dossierOrganisations: OrganisationList
  dossierOrganisation: OrganisationDetail
  dossierTimeline: TimelinePage
  decidePerson: PersonRow
  decideOrganisation: OrganisationRow

  // ── team library (issue 16) ──
  teamStatus: TeamView
  teamConnect: TeamView
  teamDisconnect: TeamView
  /** The sync log's last lines and where the file is. */
  teamSyncLog: { readonly text: string; readonly file: string }
  teamResolveConflict: TeamView
}

// ── briefs (issue 7) ──
/** What the brief list shows. */
export interface BriefSummary {
  readonly id: string
  readonly title: string
  readonly occasion: string
  readonly date: string | null
  readonly marking: string
  readonly passages: number
  readonly updatedAt: string
}

/** A brief and the ids of its passages' annotations that are orphaned now (flagged, never dropped). */
export interface BriefView {
  readonly brief: Brief
  readonly orphanedAnnotationIds: string[]
}

export interface TemplateEntry {
  readonly template: Template
  /** Built-in templates (data/templates) are read-only: duplicate one to change it. */
  readonly builtIn: boolean
}

/** An annotation offered as a passage: quote and citation ready, its note, whether it is orphaned. */
export interface PassageCandidate {
  readonly passage: PassageItem
  readonly note: string
  readonly orphaned: boolean
}

export type ExportOutcome = { readonly status: 'cancelled' } | { readonly status: 'done'; readonly path: string; readonly bytes: number }

/** Repairs made while opening or using the library, and whether it can be written. */
export interface LibraryStatus {
  readonly recovery: RecoveryEvent[]
  readonly writable: boolean
  /** Why a library meant for writing was opened read-only (a restore into a team library that could not be finished). */
  readonly readOnlyBecause?: ErrorInfo
}

export type BackupOutcome = { readonly status: 'cancelled' } | { readonly status: 'done'; readonly path: string; readonly files: number; readonly bytes: number }
export type RestoreOutcome = { readonly status: 'cancelled' } | { readonly status: 'done'; readonly path: string; readonly files: number }

export type ApiInput<K extends ApiMethodName> = v.InferOutput<(typeof apiInputs)[K]>

type Call<K extends ApiMethodName, R> = undefined extends ApiInput<K>
  ? (input?: ApiInput<K>) => Promise<R>
  : (input: ApiInput<K>) => Promise<R>

/** What the service implements. */
export type ApiHandlers = { [K in ApiMethodName]: Call<K, ApiResults[K]> }

/** What the preload (and the harness) expose as `window.api`: results wrapped, never thrown. */
export type ApiBridge = { [K in ApiMethodName]: Call<K, Result<ApiResults[K]>> }

/** What UI code calls (src/ui/lib/api.ts): failures arrive as thrown ApiError. */
export type ApiClient = ApiHandlers
