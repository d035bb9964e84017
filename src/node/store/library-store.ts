import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import type { Article, ArticleSummary } from '../../common/model/article'
import { summarize } from '../../common/model/article'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../common/model/settings'
import { DurableJsonFile } from './durable-json-file'
import {
  ARTICLES_FOLDER,
  ArticleFileSchema,
  LIBRARY_FILE,
  LibraryIndexSchema,
  SCHEMA_VERSION,
  SETTINGS_FILE,
  SettingsFileSchema,
  type LibraryIndex,
  type SettingsFile,
} from './library-files'

/**
 * The library on disk: lowdb databases over durable JSON files, one for the index, one per
 * article body, one for settings. The index is loaded at open; bodies are read on demand.
 */
export class LibraryStore {
  readonly dir: string
  readonly #index: Low<LibraryIndex>
  readonly #settings: Low<SettingsFile>
  readonly #isNew: boolean

  private constructor(dir: string, index: Low<LibraryIndex>, settings: Low<SettingsFile>, isNew: boolean) {
    this.dir = dir
    this.#index = index
    this.#settings = settings
    this.#isNew = isNew
  }

  static async open(dir: string): Promise<LibraryStore> {
    await mkdir(join(dir, ARTICLES_FOLDER), { recursive: true })
    const indexFile = new DurableJsonFile(join(dir, LIBRARY_FILE), LibraryIndexSchema)
    const settingsFile = new DurableJsonFile(join(dir, SETTINGS_FILE), SettingsFileSchema)
    const storedIndex = await indexFile.read()
    const storedSettings = await settingsFile.read()
    const index = new Low(indexFile, storedIndex ?? emptyIndex())
    const settings = new Low(settingsFile, storedSettings ?? { schemaVersion: SCHEMA_VERSION, settings: DEFAULT_SETTINGS })
    const isNew = storedIndex === null
    return new LibraryStore(dir, index, settings, isNew)
  }

  /** True when the folder held no library before this open (first run). */
  get isNew(): boolean {
    return this.#isNew
  }

  listArticles(): ArticleSummary[] {
    return this.#index.data.articles
  }

  hasArticle(id: string): boolean {
    return this.#index.data.articles.some((article) => article.id === id)
  }

  async getArticle(id: string): Promise<Article | null> {
    if (!this.hasArticle(id)) return null
    const file = new DurableJsonFile(this.#articlePath(id), ArticleFileSchema)
    const stored = await file.read()
    return stored?.article ?? null
  }

  /** Writes the body first, then the index: a crash in between leaves an unlisted body, never a listed hole. */
  async addArticle(article: Article): Promise<void> {
    await new DurableJsonFile(this.#articlePath(article.id), ArticleFileSchema).write({
      schemaVersion: SCHEMA_VERSION,
      article,
    })
    await this.#index.update((index) => {
      index.articles = [...index.articles.filter((existing) => existing.id !== article.id), summarize(article)]
    })
  }

  /** Creates the index file of a new library even when nothing has been added yet. */
  async initialize(): Promise<void> {
    await this.#index.write()
  }

  get settings(): Settings {
    return this.#settings.data.settings
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    await this.#settings.update((file) => {
      file.settings = { ...file.settings, ...definedEntries(patch) }
    })
    return this.settings
  }

  #articlePath(id: string): string {
    return join(this.dir, ARTICLES_FOLDER, `${id}.json`)
  }
}

function emptyIndex(): LibraryIndex {
  return { schemaVersion: SCHEMA_VERSION, articles: [] }
}

function definedEntries<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>
}
