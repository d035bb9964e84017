import type { ApiHandlers, ApiInput } from '../common/api'
import { AppError } from '../common/errors'
import type { AppInfo } from '../common/model/app-info'
import type { Article, ArticleSummary } from '../common/model/article'
import type { Settings } from '../common/model/settings'
import { addSampleArticles } from './library/samples'
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
}

type SettingsListener = (settings: Settings) => void

/** The implementation of the API contract over the library store. Every transport calls this. */
export class BriefingService implements ApiHandlers {
  readonly #store: LibraryStore
  readonly #info: AppInfo
  readonly #settingsListeners = new Set<SettingsListener>()

  constructor(store: LibraryStore, info: AppInfo) {
    this.#store = store
    this.#info = info
  }

  static async open(options: ServiceOptions): Promise<BriefingService> {
    const store = await LibraryStore.open(options.libraryDir)
    if (store.isNew) {
      if (options.samplesDir !== undefined) {
        await addSampleArticles(store, options.samplesDir, options.now?.() ?? new Date())
      }
      await store.initialize()
    }
    return new BriefingService(store, {
      name: 'Briefing Desk',
      version: options.version,
      shell: options.shell,
      libraryDir: options.libraryDir,
      systemLocale: options.systemLocale,
    })
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
    const article = await this.#store.getArticle(input.id)
    if (article === null) throw new AppError('article.notFound', { id: input.id })
    return article
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
}
