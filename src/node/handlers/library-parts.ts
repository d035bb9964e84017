import { localeFromTag, type Locale } from '../../common/i18n/translate'
import type { AppInfo } from '../../common/model/app-info'
import { inProcessSearchPort } from '../../common/search/in-process-search-port'
import { AnnotationOperations } from '../annotations/annotation-operations'
import { BriefOperations } from '../briefs/brief-operations'
import type { DialogPort } from '../dialogs'
import { LibraryDossier } from '../dossier/library-dossier'
import type { ImportJobs } from '../import/import-jobs'
import { join } from 'node:path'
import { indexFiles, SEARCH_INDEX_FILE } from '../search/index-file'
import { LibrarySearch } from '../search/library-search'
import { workerSearchPort } from '../search/worker-search-port'
import type { LibraryStore } from '../store/library-store'
import { ThemeOperations } from '../themes/theme-operations'
import { readArticle } from './read-article'
import { TeamController } from '../team/team-connection-controller'
import { sessionSecretKeeper, type SecretKeeper } from '../team/team-connection-secrets'

/**
 * What every handler module works with: the store, the shell's dialogs and clock, and the
 * feature objects, each made on first use (most CLI commands need none of them) and shared by
 * every handler. Handlers only translate the contract; writes go through the store's update.
 */
export class LibraryParts {
  readonly store: LibraryStore
  readonly info: AppInfo
  readonly dialogs: DialogPort
  readonly now: () => Date
  /** data/samples of the app, for "Add sample articles"; undefined where none ship. */
  readonly samplesDir: string | undefined
  readonly #searchWorker: string | 'in-process' | undefined
  readonly #parseWorker: string | 'in-process' | undefined
  #importJobs: Promise<ImportJobs> | null = null
  #librarySearch: LibrarySearch | null = null
  #themes: ThemeOperations | null = null
  #briefs: BriefOperations | null = null
  #annotations: AnnotationOperations | null = null
  #dossier: LibraryDossier | null = null
  readonly #secrets: SecretKeeper
  #team: TeamController | null = null

  constructor(parts: {
    store: LibraryStore
    info: AppInfo
    dialogs: DialogPort
    now: () => Date
    searchWorker?: string | 'in-process' | undefined
    parseWorker?: string | 'in-process' | undefined
    samplesDir?: string | undefined
    /** Where the team password is kept (the app: the OS keychain); default memory, for this session. */
    secrets?: SecretKeeper | undefined
  }) {
    this.store = parts.store
    this.info = parts.info
    this.dialogs = parts.dialogs
    this.now = parts.now
    this.samplesDir = parts.samplesDir
    this.#searchWorker = parts.searchWorker
    this.#parseWorker = parts.parseWorker
    this.#secrets = parts.secrets ?? sessionSecretKeeper()
  }

  /** The language the service speaks in dialogs it opens. */
  get locale(): Locale {
    return this.store.settings.locale ?? localeFromTag(this.info.systemLocale)
  }

  get annotations(): AnnotationOperations {
    this.#annotations ??= new AnnotationOperations({ store: this.store, article: (id) => readArticle(this.store, id), now: this.now })
    return this.#annotations
  }

  get themes(): ThemeOperations {
    this.#themes ??= new ThemeOperations(this.store, this.now)
    return this.#themes
  }

  /**
   * Created on the first query; from then on it follows the store's change feed. Its cache file
   * lies in the library's folder and is written only by a writable open.
   */
  get search(): LibrarySearch {
    const port = this.#searchWorker === 'in-process' ? inProcessSearchPort(undefined, indexFiles) : workerSearchPort(this.#searchWorker)
    this.#librarySearch ??= new LibrarySearch(this.store, port, { file: join(this.store.dir, SEARCH_INDEX_FILE), save: this.store.writable })
    return this.#librarySearch
  }

  /** The brief operations (src/node/briefs), made on first use. */
  get briefs(): BriefOperations {
    this.#briefs ??= new BriefOperations({ store: this.store, dialogs: this.dialogs, now: this.now, locale: () => this.locale })
    return this.#briefs
  }

  /** The library's dossier (people, timeline), made on first use; from then on it follows the store's change feed. */
  get dossier(): LibraryDossier {
    this.#dossier ??= new LibraryDossier(this.store)
    return this.#dossier
  }

  /** The team library (connection, live sync), made on first use; sync starts only when a shell asks (startTeamSync). */
  get team(): TeamController {
    this.#team ??= new TeamController({ store: this.store, secrets: this.#secrets, locale: () => this.locale, now: this.now })
    return this.#team
  }

  /**
   * Import batches, created on first use. The readers (pdf.js, mammoth, Readability) are loaded
   * only then: every CLI command opens a service, and most never import.
   */
  imports(): Promise<ImportJobs> {
    this.#importJobs ??= Promise.all([import('../import/import-jobs'), import('../import/parse-pool')]).then(
      ([{ ImportJobs }, { ParsePool, parseWorkers }]) =>
        new ImportJobs({
          store: this.store,
          now: this.now,
          // Workers start with the first large batch, not here.
          ...(this.#parseWorker === 'in-process' ? {} : { pool: new ParsePool(parseWorkers(this.#parseWorker)) }),
        }),
    )
    return this.#importJobs
  }

  /** Stops what the parts started: import batches, the search index, the PDF printer. */
  async close(): Promise<void> {
    // Live sync first: its last round writes through the store.
    await this.#team?.close()
    if (this.#importJobs !== null) await (await this.#importJobs).stopAll()
    await this.#librarySearch?.close()
    await this.#dossier?.close()
    // The PDF printer's warm browser (or window) goes with the service.
    await this.#briefs?.close()
  }
}
