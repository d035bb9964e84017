import type { ApiHandlers, ApiInput, BackupOutcome, LibraryStatus, RestoreOutcome } from '../common/api'
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
import { BACKUP_EXTENSION, readBackup } from './store/backup-bundle'
import { LibraryStore } from './store/library-store'

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
  close(): Promise<void> {
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

  // ── briefs (issue 7) ──

  // ── security (issue 8) ──

}

function rank(annotation: Annotation): number {
  return annotation.status === 'orphan' ? 1 : 0
}
