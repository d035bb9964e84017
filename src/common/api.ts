import * as v from 'valibot'
import type { ApiMethodName } from './api-methods'
import type { AppInfo } from './model/app-info'
import { ArticleIdSchema, type Article, type ArticleSummary } from './model/article'
import { SettingsPatchSchema, type Settings } from './model/settings'
import type { Result } from './errors'
import type { RecoveryEvent } from './model/recovery'
import type { Annotation } from './model/annotation'
import type { Tag } from './model/tag'
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
  createAnnotation: CreateAnnotationInputSchema,
  updateAnnotation: UpdateAnnotationInputSchema,
  deleteAnnotations: DeleteAnnotationsInputSchema,
  restoreAnnotations: RestoreAnnotationsInputSchema,
  editArticleText: EditArticleTextInputSchema,
  exportAnnotations: NoInput,
  importAnnotations: NoInput,

  // ── themes and search (issue 6) ──

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
  createAnnotation: Annotation
  updateAnnotation: Annotation
  deleteAnnotations: Annotation[]
  restoreAnnotations: Annotation[]
  editArticleText: EditArticleTextResult
  exportAnnotations: ExportAnnotationsOutcome
  importAnnotations: ImportAnnotationsOutcome

  // ── themes and search (issue 6) ──

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
