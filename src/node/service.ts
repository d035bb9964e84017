import type { ApiHandlers, ApiInput, BackupOutcome, LibraryStatus, RestoreOutcome } from '../common/api'
import { AppError } from '../common/errors'
import { localeFromTag, translate, type Locale } from '../common/i18n/translate'
import type { AppInfo } from '../common/model/app-info'
import type { Article, ArticleSummary } from '../common/model/article'
import type { Settings } from '../common/model/settings'
import type { Annotation } from '../common/model/annotation'
import type { Tag } from '../common/model/tag'
import { NO_DIALOGS, type DialogPort } from './dialogs'
import { addSampleArticles } from './library/samples'
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

export interface ServiceOptions {
  /** The library folder. Created, and filled with the samples, when it holds no library yet. */
  readonly libraryDir: string
  /** data/samples of the app; omit for a library that starts empty. */
  readonly samplesDir?: string
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

  constructor(parts: { store: LibraryStore; info: AppInfo; dialogs?: DialogPort; now?: () => Date }) {
    this.#store = parts.store
    this.#info = parts.info
    this.#dialogs = parts.dialogs ?? NO_DIALOGS
    this.#now = parts.now ?? (() => new Date())
  }

  static async open(options: ServiceOptions): Promise<BriefingService> {
    const storeOptions = { purpose: options.purpose ?? 'Briefing Desk', lockWaitMs: options.lockWaitMs ?? 0, ...(options.now ? { now: options.now } : {}) }
    let store = await LibraryStore.open(options.libraryDir, { ...storeOptions, mode: options.mode ?? 'write' })
    if (store.isNew) {
      // A library that does not exist yet is created even by a command that only reads.
      if (!store.writable) {
        await store.close()
        store = await LibraryStore.open(options.libraryDir, { ...storeOptions, mode: 'write' })
      }
      if (options.samplesDir !== undefined) {
        await addSampleArticles(store, options.samplesDir, options.now?.() ?? new Date())
      }
      await store.initialize()
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
    })
  }

  /** Releases the library (its lock) once pending saves are done. */
  async close(): Promise<void> {
    if (this.#importJobs !== null) await (await this.#importJobs).stopAll()
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
    const annotations = await this.#store.getAnnotations(input.articleId)
    return annotations.sort((a, b) => rank(a) - rank(b) || a.position.start - b.position.start || a.position.end - b.position.end)
  }

  // ── import (issue 4) ──

  #importJobs: Promise<ImportJobs> | null = null

  /**
   * Import batches, created on first use. The readers (pdf.js, mammoth, Readability) are loaded
   * only then: every CLI command opens a service, and most never import.
   */
  #imports(): Promise<ImportJobs> {
    this.#importJobs ??= import('./import/import-jobs').then(
      ({ ImportJobs }) => new ImportJobs({ store: this.#store, now: this.#now, onAdded: (ids) => this.#changed({ articles: ids }) }),
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
    const revised = reviseBody(article, change(article), await this.#store.getAnnotations(id), this.#now())
    await this.#store.commit({ articles: [revised.article], annotations: new Map([[id, revised.annotations]]) })
    this.#changed({ articles: [id] })
    return revised.article
  }

  // ── reader and annotations (issue 5) ──

  // ── themes and search (issue 6) ──

  // ── briefs (issue 7) ──

  // ── security (issue 8) ──

}

function rank(annotation: Annotation): number {
  return annotation.status === 'orphan' ? 1 : 0
}
