import * as v from 'valibot'
import type { ApiMethodName } from './api-methods'
import type { AppInfo } from './model/app-info'
import { ArticleIdSchema, type Article, type ArticleSummary } from './model/article'
import { SettingsPatchSchema, type Settings } from './model/settings'
import type { Result } from './errors'
import type { RecoveryEvent } from './model/recovery'
import type { Annotation } from './model/annotation'
import type { Tag } from './model/tag'
import * as themes from './themes/api-schemas'
import type { TagEditResult, TaxonomyExportOutcome, TaxonomyImportOutcome, ThemeOverview, ThemePassageGroup } from './themes/api-types'
import type { TagSuggestion } from './themes/suggest-tags'
import type { TagProposal } from './themes/auto-tag'
import type { LibrarySearchResult } from './search/library-search-result'

/**
 * The API contract: every method the UI may call, its input schema and its result type.
 * One contract, four transports: IPC (electron/main/ipc.ts + preload), the end-to-end harness
 * bridge (e2e/harness.ts), and direct calls from the CLI. Inputs are parsed with these schemas
 * at the boundary (src/node/dispatch.ts), never trusted.
 */

const NoInput = v.undefined()

export const apiInputs = {
  appInfo: NoInput,
  listArticles: NoInput,
  getArticle: v.strictObject({ id: ArticleIdSchema }),
  getSettings: NoInput,
  updateSettings: SettingsPatchSchema,
  libraryStatus: NoInput,
  backupLibrary: NoInput,
  restoreLibrary: NoInput,
  listTags: NoInput,
  getAnnotations: v.strictObject({ articleId: ArticleIdSchema }),

  // ── import (issue 4) ──

  // ── reader and annotations (issue 5) ──

  // ── themes and search (issue 6) ──
  createTag: themes.CreateTagInput,
  updateTag: themes.UpdateTagInput,
  mergeTags: themes.MergeTagsInput,
  deleteTag: themes.DeleteTagInput,
  tagAnnotations: themes.TagAnnotationsInput,
  restoreTagState: themes.RestoreTagStateInput,
  themeOverview: NoInput,
  themePassages: themes.ThemePassagesInput,
  suggestTags: themes.SuggestTagsInput,
  autoTagArticle: themes.AutoTagArticleInput,
  acceptProposals: themes.AcceptProposalsInput,
  search: themes.SearchInput,
  exportTaxonomy: NoInput,
  importTaxonomy: NoInput,

  // ── briefs (issue 7) ──

  // ── security (issue 8) ──
} satisfies Record<ApiMethodName, v.GenericSchema>

export interface ApiResults {
  appInfo: AppInfo
  listArticles: ArticleSummary[]
  getArticle: Article
  getSettings: Settings
  updateSettings: Settings
  libraryStatus: LibraryStatus
  backupLibrary: BackupOutcome
  restoreLibrary: RestoreOutcome
  listTags: Tag[]
  getAnnotations: Annotation[]

  // ── import (issue 4) ──

  // ── reader and annotations (issue 5) ──

  // ── themes and search (issue 6) ──
  createTag: TagEditResult
  updateTag: TagEditResult
  mergeTags: TagEditResult
  deleteTag: TagEditResult
  tagAnnotations: TagEditResult
  restoreTagState: Tag[]
  themeOverview: ThemeOverview
  themePassages: ThemePassageGroup[]
  suggestTags: TagSuggestion[]
  autoTagArticle: TagProposal[]
  acceptProposals: Annotation[]
  search: LibrarySearchResult
  exportTaxonomy: TaxonomyExportOutcome
  importTaxonomy: TaxonomyImportOutcome

  // ── briefs (issue 7) ──

  // ── security (issue 8) ──
}

/** Repairs made while opening or using the library, and whether it can be written. */
export interface LibraryStatus {
  readonly recovery: RecoveryEvent[]
  readonly writable: boolean
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
