import type { ApiHandlers, ApiInput } from '../common/api'
import type { ImportJobStatus } from '../common/import/import-report'
import type { AppInfo } from '../common/model/app-info'
import type { LibraryChange } from '../common/model/library-change'
import type { LibrarySearchResult } from '../common/search/library-search-result'
import type { TagUndo } from '../common/themes/api-types'
import { exportAnnotationsTo, importAnnotationsFrom, type ImportCounts } from './annotations/annotations-interchange'
import type { PdfPort } from './briefs/pdf-port'
import { NO_DIALOGS, type DialogPort } from './dialogs'
import { annotationHandlers } from './handlers/annotations'
import { articleHandlers } from './handlers/articles'
import { briefHandlers } from './handlers/briefs'
import { dossierHandlers } from './handlers/dossier'
import { importHandlers } from './handlers/import'
import { LibraryParts } from './handlers/library-parts'
import { libraryHandlers } from './handlers/library'
import { searchHandlers } from './handlers/search'
import { settingsHandlers } from './handlers/settings'
import { teamHandlers } from './handlers/team'
import type { SecretKeeper } from './team/team-connection-secrets'
import { finishRestoreAtOpen } from './team/team-restore'
import { localeFromTag } from '../common/i18n/translate'
import type { TeamSyncView } from '../common/team/team-view'
import { importTaxonomyInto, themeHandlers } from './handlers/themes'
import { startNewLibrary } from './library/new-library'
import type { ArticleSetDossier } from './dossier/library-dossier'
import { LibraryStore } from './store/library-store'
import { exportTaxonomyTo } from './themes/taxonomy-transfer'
import type { OpenProgress } from './store/index-migration'

export interface ServiceOptions {
  /** The library folder. Created, and filled with the samples, when it holds no library yet. */
  readonly libraryDir: string
  /** data/samples of the app; omit for a library that starts empty. */
  readonly samplesDir?: string
  /** Whether a new library gets the samples (default yes with samplesDir): new-library.ts. */
  readonly addSamples?: boolean
  /** The starter taxonomy for a new library; default data/taxonomy.json beside samplesDir, null for none. */
  readonly taxonomyFile?: string | null
  readonly shell: AppInfo['shell']
  readonly version: string
  readonly systemLocale: string
  readonly now?: () => Date
  /** 'read' for commands that only look: no lock, no repairs (a new library is still created). */
  readonly mode?: 'write' | 'read'
  /** Named to another process that finds the library in use. */
  readonly purpose?: string
  readonly lockWaitMs?: number
  /** Told how a migration of the library's index goes when the open runs one (store/index-migration.ts). */
  readonly onProgress?: (progress: OpenProgress) => void
  readonly dialogs?: DialogPort
  /**
   * Where the search index runs: the path of the built worker script (the app passes the one
   * electron-vite bundles), `'in-process'` for one-shot commands (the CLI), or by default a worker
   * thread running search-worker.ts from source through tsx (tests, the browser harness).
   */
  readonly searchWorker?: string | 'in-process'
  /**
   * Where large import batches are parsed: the path of the built parse worker (the app passes the
   * one electron-vite bundles), `'in-process'` to parse on this thread, or by default worker
   * threads running parse-worker.ts from source through tsx (the CLI, tests, the browser harness).
   */
  readonly parseWorker?: string | 'in-process'
  /** Where the team password is kept: the app passes the OS keychain; default memory, for this session only. */
  readonly secrets?: SecretKeeper
}

/**
 * Every API method, from the per-feature handler modules (src/node/handlers). Typed as
 * ApiHandlers, so TypeScript proves that together they implement the whole contract.
 */
function assembleHandlers(parts: LibraryParts): ApiHandlers {
  return {
    ...libraryHandlers(parts),
    ...settingsHandlers(parts),
    ...articleHandlers(parts),
    ...annotationHandlers(parts),
    ...importHandlers(parts),
    ...themeHandlers(parts),
    ...searchHandlers(parts),
    ...briefHandlers(parts),
    ...dossierHandlers(parts),
    ...teamHandlers(parts),
  }
}

// The class gets its API methods from assembleHandlers (Object.assign in the constructor): this
// declaration tells TypeScript so, and assembleHandlers' return type proves they are all there.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface BriefingService extends ApiHandlers {}

/**
 * The implementation of the API contract over the library store, assembled from the handler
 * modules; every transport calls this. Its other methods serve the CLI and the desktop shell.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class BriefingService {
  readonly #parts: LibraryParts

  constructor(parts: {
    store: LibraryStore
    info: AppInfo
    dialogs?: DialogPort
    now?: () => Date
    searchWorker?: string | 'in-process'
    parseWorker?: string | 'in-process'
    samplesDir?: string
    secrets?: SecretKeeper
  }) {
    this.#parts = new LibraryParts({ ...parts, dialogs: parts.dialogs ?? NO_DIALOGS, now: parts.now ?? (() => new Date()) })
    Object.assign(this, assembleHandlers(this.#parts))
  }

  static async open(options: ServiceOptions): Promise<BriefingService> {
    const storeOptions = {
      purpose: options.purpose ?? 'Briefing Desk',
      lockWaitMs: options.lockWaitMs ?? 0,
      ...(options.now ? { now: options.now } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }
    let store = await LibraryStore.open(options.libraryDir, { ...storeOptions, mode: options.mode ?? 'write' })
    if (store.isNew) store = await startNewLibrary(store, options, () => LibraryStore.open(options.libraryDir, { ...storeOptions, mode: 'write' }))
    // A restore into a connected library that a crash cut short: its team state is adjusted before anything writes (team-restore.ts).
    // If that fails, the library opens read-only, and libraryStatus says why.
    if (store.writable && (await finishRestoreAtOpen(store, store.settings.locale ?? localeFromTag(options.systemLocale))) !== null) {
      await store.close()
      store = await LibraryStore.open(options.libraryDir, { ...storeOptions, mode: 'read' })
    }
    return new BriefingService({
      store,
      info: {
        name: 'Briefing Desk',
        version: options.version,
        shell: options.shell,
        libraryDir: options.libraryDir,
        systemLocale: options.systemLocale,
      },
      ...(options.dialogs ? { dialogs: options.dialogs } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.searchWorker === undefined ? {} : { searchWorker: options.searchWorker }),
      ...(options.parseWorker === undefined ? {} : { parseWorker: options.parseWorker }),
      ...(options.samplesDir === undefined ? {} : { samplesDir: options.samplesDir }),
      ...(options.secrets === undefined ? {} : { secrets: options.secrets }),
    })
  }

  /** Releases the library (its lock) once pending saves are done. */
  async close(): Promise<void> {
    await this.#parts.close()
    return this.#parts.store.close()
  }

  /**
   * The store's change feed: one record after each durable commit, in commit order (see
   * LibraryChange). The desktop shell follows settings changes with it; returns the unsubscribe.
   */
  onLibraryChange(listener: (change: LibraryChange) => void): () => void {
    return this.#parts.store.onChange(listener)
  }

  /**
   * The app's shells (Electron, the browser shell) start the team's live sync in the background
   * once the window is up; the CLI never does (it runs `team sync` rounds itself).
   */
  startTeamSync(): Promise<void> {
    return this.#parts.team.start()
  }

  /** The team's sync state after each change (the shells push it to the window); returns the unsubscribe. */
  onTeamStatus(listener: (view: TeamSyncView) => void): () => void {
    return this.#parts.team.onStatus(listener)
  }

  /** For team sync (src/node/team), which writes the library only through the store's `update`. */
  get libraryStore(): LibraryStore {
    return this.#parts.store
  }

  /** For the CLI: a backup to a path given on the command line. */
  backupTo(path: string): Promise<{ files: number; bytes: number }> {
    return this.#parts.store.backupTo(path)
  }

  /** For the CLI: restore from a path given on the command line. */
  restoreFrom(path: string): Promise<{ files: number }> {
    return this.#parts.team.restoring(() => this.#parts.store.restoreFrom(path))
  }

  /** The app checks the page images kept with articles against their digests, in the background after opening (article-assets.ts). */
  checkPageImages(): Promise<void> {
    return this.#parts.store.checkAssets()
  }

  /**
   * The shells load the Themes view's saved index in the background after opening, so that the
   * view's first selection does not wait for it (docs/themes-and-search.md). Resolves `true` when loaded.
   */
  loadThemeIndex(): Promise<boolean> {
    return this.#parts.themes.preloadIndex()
  }

  /** The app makes one verified backup a day, in the background after opening. */
  dailyBackup(): Promise<string | null> {
    return this.#parts.store.dailyBackup()
  }

  /** For the CLI: imports files and folders named on the command line, reporting each file. */
  async importPaths(paths: readonly string[], onProgress?: (status: ImportJobStatus) => void): Promise<ImportJobStatus> {
    const jobs = await this.#parts.imports()
    return jobs.wait(jobs.start({ paths }, onProgress))
  }

  /** For benchmarks: starts the import's parse workers and waits until they are ready (how many are). */
  async startParseWorkers(): Promise<number> {
    return (await this.#parts.imports()).startParseWorkers()
  }

  /** For the CLI: the export to a path given on the command line. */
  exportAnnotationsTo(path: string): Promise<{ count: number }> {
    return exportAnnotationsTo(this.#parts.store, path)
  }

  /** For the CLI: the import of a file given on the command line. */
  importAnnotationsFrom(path: string): Promise<ImportCounts> {
    return importAnnotationsFrom(this.#parts.store, path, this.#parts.now())
  }

  /** For the CLI: whole words only (no search-as-you-type prefixes), more hits per article; waits for the index to hold the whole library. */
  searchAll(query: string, limit: number): Promise<LibrarySearchResult> {
    return this.#parts.search.search(query, { limit, prefix: false, hitsPerArticle: 10 }, undefined, true)
  }

  /** For the CLI: writes the tags to `path`; returns how many. */
  exportTaxonomyTo(path: string): Promise<number> {
    return exportTaxonomyTo(this.#parts.store.listTags(), path)
  }

  /** For the CLI: merges the file's tags by name, all or nothing. */
  importTaxonomyFrom(path: string): Promise<{ added: number; updated: number; undo: TagUndo }> {
    return importTaxonomyInto(this.#parts.store, path)
  }

  /** How PDFs are printed: Electron's printToPDF in the app; the default is a local Chromium. */
  async usePdfPort(port: PdfPort): Promise<void> {
    await this.#parts.briefs.usePdfPort(port)
  }

  /**
   * The dossier of a set of articles (a brief's sources): the library's decided people (hidden
   * ones left out) and merged timeline entries, limited to these articles (LibraryDossier.forArticles).
   */
  dossierForArticles(articleIds: readonly string[]): Promise<ArticleSetDossier> {
    return this.#parts.dossier.forArticles(articleIds)
  }

  /** For the CLI: an export to a path given on the command line; an existing file only with `overwrite`. */
  exportBriefTo(id: string, format: ApiInput<'exportBrief'>['format'], path: string, overwrite: boolean): Promise<{ path: string; bytes: number }> {
    return this.#parts.briefs.exportTo(id, format, path, overwrite)
  }
}
