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
import { LibrarySearch } from './search/library-search'
import { readStarterTaxonomy } from './themes/starter-taxonomy'
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
      const starterTags = await readStarterTaxonomy(options).catch(async (error: unknown) => {
        await store.close()
        throw error
      })
      // A library that does not exist yet is created even by a command that only reads.
      if (!store.writable) {
        await store.close()
        store = await LibraryStore.open(options.libraryDir, { ...storeOptions, mode: 'write' })
      }
      if (options.samplesDir !== undefined) {
        await addSampleArticles(store, options.samplesDir, options.now?.() ?? new Date())
      }
      if (starterTags.length > 0) await store.setTags(starterTags)
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
      const search = new LibrarySearch(this.#store)
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

  tagAnnotations(input: ApiInput<'tagAnnotations'>): Promise<TagEditResult> {
    return this.#themes.tagAnnotations(input.annotationRefs, input.tagId, input.mode)
  }

  restoreTagState(input: ApiInput<'restoreTagState'>): Promise<Tag[]> {
    return this.#themes.restore(input.undo as TagUndo)
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
    return this.#search.search(input.query, { ...(input.limit === undefined ? {} : { limit: input.limit }), ...(input.offset === undefined ? {} : { offset: input.offset }) })
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

  // ── security (issue 8) ──

}

function rank(annotation: Annotation): number {
  return annotation.status === 'orphan' ? 1 : 0
}
