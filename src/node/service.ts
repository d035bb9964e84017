import { inDocumentOrder } from '../common/annotations/document-order'
import type { ApiHandlers, ApiInput, ApiResults, BackupOutcome, LibraryStatus, RestoreOutcome } from '../common/api'
import { AppError } from '../common/errors'
import { localeFromTag, translate, type Locale } from '../common/i18n/translate'
import type { AppInfo } from '../common/model/app-info'
import type { Article, ArticleSummary } from '../common/model/article'
import type { Settings } from '../common/model/settings'
import type { Annotation } from '../common/model/annotation'
import type { Tag } from '../common/model/tag'
import { NO_DIALOGS, type DialogPort } from './dialogs'
import type { EditArticleTextResult, ExportAnnotationsOutcome, ImportAnnotationsOutcome } from '../common/annotations/annotation-inputs'
import { AnnotationOperations, type Changed } from './annotations/annotation-operations'
import { exportAnnotationsTo, importAnnotationsFrom, type ImportCounts } from './annotations/annotations-interchange'
import { addSampleArticles } from './library/samples'
import { startNewLibrary } from './library/new-library'
import { BACKUP_EXTENSION, readBackup } from './store/backup-bundle'
import { LibraryStore } from './store/library-store'
// ── import (issue 4) ──
import type { ImportJobStatus, ImportReport, ImportStart } from '../common/import/import-report'
import type { MessageKey } from '../common/i18n/en'
import type { ImportJobs } from './import/import-jobs'
import { ImportSink } from './import/import-sink'
import { redoStep, undoStep } from './library/cleaning-undo'
import { withMetadata } from './library/edit-metadata'
import { reviseBody } from './library/revise-article'
import { BriefOperations } from './briefs/brief-operations'
import type { PdfPort } from './briefs/pdf-port'
import { passagesOfArticle, passagesOfTheme } from './briefs/passage-sources'
import { LibrarySearch } from './search/library-search'
import { workerSearchPort } from './search/worker-search-port'
import { inProcessSearchPort } from '../common/search/in-process-search-port'
import { ThemeOperations } from './themes/theme-operations'
import { exportTaxonomyTo, importTaxonomyFrom } from './themes/taxonomy-transfer'
import type { LibrarySearchResult } from '../common/search/library-search-result'
import type { TagEditResult, TagUndo, TaxonomyExportOutcome, TaxonomyImportOutcome, ThemeOverview, ThemePassageGroup } from '../common/themes/api-types'
import type { TagSuggestion } from '../common/themes/suggest-tags'
import type { TagProposal } from '../common/themes/auto-tag'

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
}

type SettingsListener = (settings: Settings) => void

/** What a write changed, for whoever keeps a view of the library (the search index). */
export interface LibraryChange {
  /** The whole library was replaced (a restore): start over. */
  readonly everything?: boolean
  /** Articles whose text, metadata or annotations changed, or that were added. */
  readonly articles?: readonly string[]
  readonly deletedArticles?: readonly string[]
  /** Tags changed (names, aliases, hierarchy): every article's tag names may read differently. */
  readonly tags?: boolean
  readonly briefings?: readonly string[]
}
type LibraryChangeListener = (change: LibraryChange) => void

/** The implementation of the API contract over the library store. Every transport calls this. */
export class BriefingService implements ApiHandlers {
  readonly #store: LibraryStore
  readonly #info: AppInfo
  readonly #dialogs: DialogPort
  readonly #now: () => Date
  readonly #settingsListeners = new Set<SettingsListener>()
  readonly #changeListeners = new Set<LibraryChangeListener>()

  readonly #searchWorker: string | 'in-process' | undefined
  readonly #parseWorker: string | 'in-process' | undefined
  readonly #samplesDir: string | undefined

  constructor(parts: {
    store: LibraryStore
    info: AppInfo
    dialogs?: DialogPort
    now?: () => Date
    searchWorker?: string | 'in-process'
    parseWorker?: string | 'in-process'
    samplesDir?: string
  }) {
    this.#store = parts.store
    this.#samplesDir = parts.samplesDir
    this.#searchWorker = parts.searchWorker
    this.#parseWorker = parts.parseWorker
    this.#info = parts.info
    this.#dialogs = parts.dialogs ?? NO_DIALOGS
    this.#now = parts.now ?? (() => new Date())
  }

  static async open(options: ServiceOptions): Promise<BriefingService> {
    const storeOptions = { purpose: options.purpose ?? 'Briefing Desk', lockWaitMs: options.lockWaitMs ?? 0, ...(options.now ? { now: options.now } : {}) }
    let store = await LibraryStore.open(options.libraryDir, { ...storeOptions, mode: options.mode ?? 'write' })
    if (store.isNew) store = await startNewLibrary(store, options, () => LibraryStore.open(options.libraryDir, { ...storeOptions, mode: 'write' }))
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
    })
  }

  /** Adds the shipped samples the library lacks ("Add sample articles", `samples add`). */
  async addSampleArticles(): Promise<{ added: number }> {
    const ids = await addSampleArticles(this.#store, this.#samplesDir, this.#now())
    if (ids.length > 0) this.#changed({ articles: ids })
    return { added: ids.length }
  }

  /** Releases the library (its lock) once pending saves are done. */
  async close(): Promise<void> {
    if (this.#importJobs !== null) await (await this.#importJobs).stopAll()
    await this.#librarySearch?.close()
    // The PDF printer's warm browser (or window) goes with the service.
    await this.#briefOperations?.close()
    return this.#store.close()
  }

  /** The language the service speaks in dialogs it opens. */
  get #locale(): Locale {
    return this.#store.settings.locale ?? localeFromTag(this.#info.systemLocale)
  }

  async appInfo(): Promise<AppInfo> {
    return this.#info
  }

  /** Newest first by publication date; undated articles last, then by title. */
  async listArticles(): Promise<ArticleSummary[]> {
    return [...this.#store.listArticles()].sort(
      (a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.title.localeCompare(b.title, 'vi'),
    )
  }

  async getArticle(input: ApiInput<'getArticle'>): Promise<Article> {
    if (!this.#store.hasArticle(input.id)) throw new AppError('article.notFound', { id: input.id })
    const article = await this.#store.getArticle(input.id)
    if (article === null) {
      const summary = this.#store.listArticles().find((candidate) => candidate.id === input.id)
      const event = this.#store.recoveryEvents.findLast((candidate) => candidate.lost === `article:${input.id}`)
      throw new AppError('article.lost', { title: summary?.title ?? input.id, kept: event?.keptAs || event?.file || input.id })
    }
    return article
  }

  /** What opening (or using) the library had to repair, for the user to see. */
  async libraryStatus(): Promise<LibraryStatus> {
    return { recovery: [...this.#store.recoveryEvents], writable: this.#store.writable }
  }

  /** Asks where to save, then writes a verified backup of the whole library there. */
  async backupLibrary(): Promise<BackupOutcome> {
    const t = (key: Parameters<typeof translate>[1]) => translate(this.#locale, key)
    const day = this.#now().toISOString().slice(0, 10)
    const path = await this.#dialogs.chooseSaveFile({
      title: t('backup.dialog.title'),
      defaultName: `Briefing Desk ${day}${BACKUP_EXTENSION}`,
      filters: [{ name: t('backup.dialog.filter'), extensions: [BACKUP_EXTENSION.slice(1)] }],
    })
    if (path === null) return { status: 'cancelled' }
    return { status: 'done', path, ...(await this.#store.backupTo(path)) }
  }

  /** Asks for a backup, checks it, asks for confirmation, then replaces the library with it. */
  async restoreLibrary(): Promise<RestoreOutcome> {
    const locale = this.#locale
    const path = await this.#dialogs.chooseOpenFile({
      title: translate(locale, 'restore.dialog.title'),
      filters: [{ name: translate(locale, 'backup.dialog.filter'), extensions: [BACKUP_EXTENSION.slice(1)] }],
    })
    if (path === null) return { status: 'cancelled' }
    const { header, files } = await readBackup(path, { now: this.#now(), randomHex32: () => '0'.repeat(32) }, () => undefined)
    const confirmed = await this.#dialogs.confirm({
      title: translate(locale, 'restore.confirm.title'),
      message: translate(locale, 'restore.confirm.message', { file: path }),
      detail: translate(locale, 'restore.confirm.detail', { date: new Date(header.createdAt).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB'), files }),
      confirmLabel: translate(locale, 'restore.confirm.ok'),
      cancelLabel: translate(locale, 'restore.confirm.cancel'),
    })
    if (!confirmed) return { status: 'cancelled' }
    const restored = await this.#store.restoreFrom(path)
    this.#changed({ everything: true })
    return { status: 'done', path, ...restored }
  }

  /** For the CLI: a backup to a path given on the command line. */
  backupTo(path: string): Promise<{ files: number; bytes: number }> {
    return this.#store.backupTo(path)
  }

  /** For the CLI: restore from a path given on the command line. */
  async restoreFrom(path: string): Promise<{ files: number }> {
    const restored = await this.#store.restoreFrom(path)
    this.#changed({ everything: true })
    return restored
  }

  /** The app makes one verified backup a day, in the background after opening. */
  dailyBackup(): Promise<string | null> {
    return this.#store.dailyBackup()
  }

  async getSettings(): Promise<Settings> {
    return this.#store.settings
  }

  async updateSettings(input: ApiInput<'updateSettings'>): Promise<Settings> {
    const settings = await this.#store.updateSettings(input)
    for (const listener of this.#settingsListeners) listener(settings)
    return settings
  }

  /** Lets the Electron shell follow preference changes (e.g. to relabel its menus). */
  onSettingsChange(listener: SettingsListener): () => void {
    this.#settingsListeners.add(listener)
    return () => this.#settingsListeners.delete(listener)
  }

  /** Called after every write that changes articles, annotations, tags or briefings. */
  onLibraryChange(listener: LibraryChangeListener): () => void {
    this.#changeListeners.add(listener)
    return () => this.#changeListeners.delete(listener)
  }

  /** Every write path calls this once its change is durable. */
  #changed(change: LibraryChange): void {
    for (const listener of this.#changeListeners) listener(change)
  }

  async listTags(): Promise<Tag[]> {
    return [...this.#store.listTags()]
  }

  /** An article's annotations in document order (orphans, which have no place, last). */
  async getAnnotations(input: ApiInput<'getAnnotations'>): Promise<Annotation[]> {
    if (!this.#store.hasArticle(input.articleId)) throw new AppError('article.notFound', { id: input.articleId })
    // A sorted copy: the store's own list stays in the order it is stored in.
    return inDocumentOrder(await this.#store.getAnnotations(input.articleId))
  }

  // ── import (issue 4) ──

  #importJobs: Promise<ImportJobs> | null = null

  /**
   * Import batches, created on first use. The readers (pdf.js, mammoth, Readability) are loaded
   * only then: every CLI command opens a service, and most never import.
   */
  #imports(): Promise<ImportJobs> {
    this.#importJobs ??= Promise.all([import('./import/import-jobs'), import('./import/parse-pool')]).then(
      ([{ ImportJobs }, { ParsePool, parseWorkers }]) =>
        new ImportJobs({
          store: this.#store,
          now: this.#now,
          onAdded: (ids) => this.#changed({ articles: ids }),
          // Workers start with the first large batch, not here.
          ...(this.#parseWorker === 'in-process' ? {} : { pool: new ParsePool(parseWorkers(this.#parseWorker)) }),
        }),
    )
    return this.#importJobs
  }

  /** Asks for files (or folders), then imports them in the background: poll importStatus. */
  async importChoose(input: ApiInput<'importChoose'>): Promise<ImportStart> {
    const t = (key: MessageKey) => translate(this.#locale, key)
    const { SUPPORTED_EXTENSIONS } = await import('./import/formats')
    const paths = await this.#dialogs.chooseOpenPaths?.({
      title: t(input.folders ? 'import.dialog.folders' : 'import.dialog.files'),
      filters: [{ name: t('import.dialog.filter'), extensions: SUPPORTED_EXTENSIONS.map((extension) => extension.slice(1)) }],
      folders: input.folders,
    })
    if (!paths?.length) return { status: 'cancelled' }
    return { status: 'started', jobId: (await this.#imports()).start({ paths }) }
  }

  /** Files dropped on the window, as name and bytes (the renderer has no paths). */
  async importDropped(input: ApiInput<'importDropped'>): Promise<ImportStart> {
    const { loadDropped } = await import('./import/load-dropped')
    // A file over the limit is sent by its size alone (no bytes); loadDropped reports it.
    const loaded = input.files.map((file) => loadDropped(file.name, new Uint8Array(Buffer.from(file.data, 'base64')), file.size))
    return { status: 'started', jobId: (await this.#imports()).start({ loaded }) }
  }

  /** Pasted text (and its HTML flavour, when the clipboard has one): one article, or a duplicate. */
  async importPaste(input: ApiInput<'importPaste'>): Promise<ImportReport> {
    const { importText } = await import('./import/import-text')
    const outcome = importText(input.text, { html: input.html, now: this.#now() })
    if (!outcome.ok) throw outcome.error
    const sink = new ImportSink(this.#store, (ids) => this.#changed({ articles: ids }))
    await sink.accept(outcome)
    await sink.flush()
    return sink.report
  }

  async importStatus(input: ApiInput<'importStatus'>): Promise<ImportJobStatus> {
    return (await this.#imports()).status(input.jobId)
  }

  async importCancel(input: ApiInput<'importCancel'>): Promise<ImportJobStatus> {
    return (await this.#imports()).cancel(input.jobId)
  }

  /** For the CLI: imports files and folders named on the command line, reporting each file. */
  async importPaths(paths: readonly string[], onProgress?: (status: ImportJobStatus) => void): Promise<ImportJobStatus> {
    const jobs = await this.#imports()
    return jobs.wait(jobs.start({ paths }, onProgress))
  }

  /** For benchmarks: starts the import's parse workers and waits until they are ready (how many are). */
  async startParseWorkers(): Promise<number> {
    return (await this.#imports()).startParseWorkers()
  }

  /** Title, source, URL, published date and language, checked; a new revision of the article. */
  async updateArticleMetadata(input: ApiInput<'updateArticleMetadata'>): Promise<Article> {
    const article = withMetadata(await this.getArticle({ id: input.id }), input)
    await this.#store.replaceArticle(article)
    this.#changed({ articles: [article.id] })
    return article
  }

  /** Puts the text one cleaning step removed back into the body; highlights are re-anchored. */
  undoCleaningStep(input: ApiInput<'undoCleaningStep'>): Promise<Article> {
    return this.#reviseBody(input.id, (article) => undoStep(article, { list: input.list, index: input.index }))
  }

  /** Takes an undone step's text out of the body again. */
  redoCleaningStep(input: ApiInput<'redoCleaningStep'>): Promise<Article> {
    return this.#reviseBody(input.id, (article) => redoStep(article, input.undoneIndex))
  }

  /** A body change and the re-anchored annotations, written together (all or nothing). */
  async #reviseBody(id: string, change: (article: Article) => Article): Promise<Article> {
    const article = await this.getArticle({ id })
    const revised = await reviseBody(article, change(article), await this.#store.getAnnotations(id), this.#now())
    await this.#store.commit({ articles: [revised.article], annotations: new Map([[id, revised.annotations]]) })
    this.#changed({ articles: [id] })
    return revised.article
  }

  // ── reader and annotations (issue 5) ──
  // The logic lives in annotations/: these methods only connect it to the store and announce changes.

  get #annotationOps(): AnnotationOperations {
    return new AnnotationOperations({ store: this.#store, article: (id) => this.getArticle({ id }), now: this.#now })
  }

  #announce<T>({ value, change }: Changed<T>): T {
    if (Object.keys(change).length > 0) this.#changed(change)
    return value
  }

  async createAnnotation(input: ApiInput<'createAnnotation'>): Promise<Annotation> {
    return this.#announce(await this.#annotationOps.create(input))
  }

  async updateAnnotation(input: ApiInput<'updateAnnotation'>): Promise<Annotation> {
    return this.#announce(await this.#annotationOps.update(input))
  }

  async deleteAnnotations(input: ApiInput<'deleteAnnotations'>): Promise<Annotation[]> {
    return this.#announce(await this.#annotationOps.delete(input))
  }

  async restoreAnnotations(input: ApiInput<'restoreAnnotations'>): Promise<Annotation[]> {
    return this.#announce(await this.#annotationOps.restore(input))
  }

  async editArticleText(input: ApiInput<'editArticleText'>): Promise<EditArticleTextResult> {
    return this.#announce(await this.#annotationOps.editText(input))
  }

  /** Asks where to save, then writes every annotation of the library as W3C JSON-LD. */
  async exportAnnotations(): Promise<ExportAnnotationsOutcome> {
    const path = await this.#dialogs.chooseSaveFile({
      title: translate(this.#locale, 'annotations.export.dialogTitle'),
      defaultName: `Briefing Desk ${this.#now().toISOString().slice(0, 10)}.jsonld`,
      filters: [{ name: translate(this.#locale, 'annotations.dialog.filter'), extensions: ['jsonld', 'json'] }],
    })
    if (path === null) return { status: 'cancelled' }
    return { status: 'done', path, ...(await this.exportAnnotationsTo(path)) }
  }

  /** Asks for a W3C annotation file and adds its annotations to the library's articles. */
  async importAnnotations(): Promise<ImportAnnotationsOutcome> {
    const path = await this.#dialogs.chooseOpenFile({
      title: translate(this.#locale, 'annotations.import.dialogTitle'),
      filters: [{ name: translate(this.#locale, 'annotations.dialog.filter'), extensions: ['jsonld', 'json'] }],
    })
    if (path === null) return { status: 'cancelled' }
    return { status: 'done', path, ...(await this.importAnnotationsFrom(path)) }
  }

  /** For the CLI: the export to a path given on the command line. */
  exportAnnotationsTo(path: string): Promise<{ count: number }> {
    return this.#annotationOps.serially(() => exportAnnotationsTo(this.#store, path))
  }

  /** For the CLI: the import of a file given on the command line. */
  async importAnnotationsFrom(path: string): Promise<ImportCounts> {
    return this.#announce(await this.#annotationOps.serially(() => importAnnotationsFrom(this.#store, path, this.#now())))
  }

  // ── themes and search (issue 6) ──
  // Logic lives in themes/ and search/; these methods only translate the contract.

  #themeOps: ThemeOperations | null = null
  #librarySearch: LibrarySearch | null = null

  get #themes(): ThemeOperations {
    this.#themeOps ??= new ThemeOperations(this.#store, this.#now, (change) => this.#changed(change))
    return this.#themeOps
  }

  /** Created on the first query; from then on it follows every change. */
  get #search(): LibrarySearch {
    if (this.#librarySearch === null) {
      const port = this.#searchWorker === 'in-process' ? inProcessSearchPort() : workerSearchPort(this.#searchWorker)
      const search = new LibrarySearch(this.#store, port)
      this.onLibraryChange((change) => search.noteChange(change))
      this.#librarySearch = search
    }
    return this.#librarySearch
  }

  createTag(input: ApiInput<'createTag'>): Promise<TagEditResult> {
    return this.#themes.create({ name: input.name, parentId: input.parentId ?? null, color: input.color ?? null, aliases: input.aliases ?? [], keywords: input.keywords ?? [] })
  }

  updateTag({ id, ...patch }: ApiInput<'updateTag'>): Promise<TagEditResult> {
    return this.#themes.update(id, patch)
  }

  mergeTags(input: ApiInput<'mergeTags'>): Promise<TagEditResult> {
    return this.#themes.merge(input.fromId, input.intoId)
  }

  deleteTag(input: ApiInput<'deleteTag'>): Promise<TagEditResult> {
    return this.#themes.delete(input.id)
  }

  // Both read every article's annotations and write some back: queued with the annotation edits
  // so that a highlight saved meanwhile is neither lost nor overwritten.
  tagAnnotations(input: ApiInput<'tagAnnotations'>): Promise<TagEditResult> {
    return this.#annotationOps.serially(() => this.#themes.tagAnnotations(input.annotationIds, input.addTags ?? [], input.removeTagIds ?? []))
  }

  restoreTagState(input: ApiInput<'restoreTagState'>): Promise<Tag[]> {
    return this.#annotationOps.serially(() => this.#themes.restore(input.undo as TagUndo))
  }

  async themeOverview(): Promise<ThemeOverview> {
    return { tags: [...this.#store.listTags()], counts: await this.#themes.counts() }
  }

  themePassages(input: ApiInput<'themePassages'>): Promise<ThemePassageGroup[]> {
    return this.#themes.passages(input.tagId)
  }

  async suggestTags(input: ApiInput<'suggestTags'>): Promise<TagSuggestion[]> {
    if (input.text.trim() === '') throw new AppError('tag.emptyText')
    return this.#themes.suggest(input.text, input.lang ?? this.#locale)
  }

  autoTagArticle(input: ApiInput<'autoTagArticle'>): Promise<TagProposal[]> {
    if (!this.#store.hasArticle(input.articleId)) return Promise.reject(new AppError('article.notFound', { id: input.articleId }))
    return this.#themes.propose(input.articleId)
  }

  acceptProposals(input: ApiInput<'acceptProposals'>): Promise<Annotation[]> {
    if (!this.#store.hasArticle(input.articleId)) return Promise.reject(new AppError('article.notFound', { id: input.articleId }))
    return this.#themes.accept(input.articleId, input.proposals, input.color ?? 'yellow')
  }

  search(input: ApiInput<'search'>): Promise<LibrarySearchResult> {
    const options = { ...(input.limit === undefined ? {} : { limit: input.limit }), ...(input.offset === undefined ? {} : { offset: input.offset }) }
    return this.#search.search(input.query, options, input.box)
  }

  /** For the CLI: whole words only (no search-as-you-type prefixes), more hits per article. */
  searchAll(query: string, limit: number): Promise<LibrarySearchResult> {
    return this.#search.search(query, { limit, prefix: false, hitsPerArticle: 10 })
  }

  async exportTaxonomy(): Promise<TaxonomyExportOutcome> {
    const path = await this.#dialogs.chooseSaveFile({
      title: translate(this.#locale, 'themes.export.dialog'),
      defaultName: 'taxonomy.json',
      filters: [{ name: 'JSON', extensions: ['json'] }],
    })
    if (path === null) return { status: 'cancelled' }
    return { status: 'done', path, tags: await this.exportTaxonomyTo(path) }
  }

  async importTaxonomy(): Promise<TaxonomyImportOutcome> {
    const path = await this.#dialogs.chooseOpenFile({ title: translate(this.#locale, 'themes.import.dialog'), filters: [{ name: 'JSON', extensions: ['json'] }] })
    if (path === null) return { status: 'cancelled' }
    return { status: 'done', path, ...(await this.importTaxonomyFrom(path)) }
  }

  /** For the CLI and exportTaxonomy: writes the tags to `path`; returns how many. */
  exportTaxonomyTo(path: string): Promise<number> {
    return exportTaxonomyTo(this.#store.listTags(), path)
  }

  /** For the CLI and importTaxonomy: merges the file's tags by name, all or nothing. */
  async importTaxonomyFrom(path: string): Promise<{ added: number; updated: number; undo: TagUndo }> {
    const undo: TagUndo = { tags: [...this.#store.listTags()], annotations: [] }
    const { tags, added, updated } = await importTaxonomyFrom(this.#store.listTags(), path)
    await this.#store.setTags(tags)
    this.#changed({ tags: true })
    return { added, updated, undo }
  }

  // ── briefs (issue 7) ──
  #briefOperations: BriefOperations | null = null

  /** The brief operations (src/node/briefs), made on first use. */
  get #briefs(): BriefOperations {
    this.#briefOperations ??= new BriefOperations({ store: this.#store, dialogs: this.#dialogs, now: this.#now, locale: () => this.#locale })
    return this.#briefOperations
  }

  /** How PDFs are printed: Electron's printToPDF in the app; the default is a local Chromium. */
  async usePdfPort(port: PdfPort): Promise<void> {
    await this.#briefs.usePdfPort(port)
  }

  async listBriefings(): Promise<ApiResults['listBriefings']> {
    return this.#briefs.book.list()
  }

  getBriefing(input: ApiInput<'getBriefing'>): Promise<ApiResults['getBriefing']> {
    return this.#briefs.book.view(input.id)
  }

  async createBriefing(input: ApiInput<'createBriefing'>): Promise<ApiResults['createBriefing']> {
    const briefing = await this.#briefs.book.create(input)
    this.#changed({ briefings: [briefing.id] })
    return briefing
  }

  async updateBriefing(input: ApiInput<'updateBriefing'>): Promise<ApiResults['updateBriefing']> {
    const briefing = await this.#briefs.book.update(input)
    this.#changed({ briefings: [briefing.id] })
    return briefing
  }

  async deleteBriefing(input: ApiInput<'deleteBriefing'>): Promise<ApiResults['deleteBriefing']> {
    const briefing = await this.#briefs.book.delete(input.id)
    this.#changed({ briefings: [briefing.id] })
    return briefing
  }

  async restoreBriefing(input: ApiInput<'restoreBriefing'>): Promise<ApiResults['restoreBriefing']> {
    const briefing = await this.#briefs.book.restore(input.briefing)
    this.#changed({ briefings: [briefing.id] })
    return briefing
  }

  listTemplates(): Promise<ApiResults['listTemplates']> {
    return this.#briefs.book.listTemplates()
  }

  duplicateTemplate(input: ApiInput<'duplicateTemplate'>): Promise<ApiResults['duplicateTemplate']> {
    return this.#briefs.book.duplicateTemplate(input.id)
  }

  saveTemplate(input: ApiInput<'saveTemplate'>): Promise<ApiResults['saveTemplate']> {
    return this.#briefs.book.saveTemplate(input.template)
  }

  deleteTemplate(input: ApiInput<'deleteTemplate'>): Promise<ApiResults['deleteTemplate']> {
    return this.#briefs.book.deleteTemplate(input.id)
  }

  async listMarkings(): Promise<ApiResults['listMarkings']> {
    return this.#briefs.markings()
  }

  passagesOfArticle(input: ApiInput<'passagesOfArticle'>): Promise<ApiResults['passagesOfArticle']> {
    return passagesOfArticle(this.#store, input.articleId)
  }

  passagesOfTheme(input: ApiInput<'passagesOfTheme'>): Promise<ApiResults['passagesOfTheme']> {
    return passagesOfTheme(this.#store, input.tagId)
  }

  /** Asks where to save (the dialog confirms an overwrite), then writes the export there. */
  exportBriefing(input: ApiInput<'exportBriefing'>): Promise<ApiResults['exportBriefing']> {
    return this.#briefs.exportWithDialog(input.id, input.format)
  }

  /** For the CLI: an export to a path given on the command line; an existing file only with `overwrite`. */
  exportBriefingTo(id: string, format: ApiInput<'exportBriefing'>['format'], path: string, overwrite: boolean): Promise<{ path: string; bytes: number }> {
    return this.#briefs.exportTo(id, format, path, overwrite)
  }

  // ── security (issue 8) ──

}
