import { randomBytes } from 'node:crypto'
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Low } from 'lowdb'
import type { Annotation } from '../../common/model/annotation'
import type { Article, ArticleSummary } from '../../common/model/article'
import { summarize } from '../../common/model/article'
import type { Briefing } from '../../common/model/briefing'
import type { RecoveryEvent } from '../../common/model/recovery'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../common/model/settings'
import type { Tag } from '../../common/model/tag'
import { isEmptyChange, NO_CHANGE, type LibraryChange, type LibraryChangeBody } from '../../common/model/library-change'
import { AnnotationsStore } from './annotations-store'
import { ChangeFeed, type ChangeListener } from './change-feed'
import { readSequence, writeSequence } from './sequence-file'
import { changeOf, type CurrentRecords, type LibraryWrites, type UpdateFunction, type UpdateScope } from './library-update'
import { BACKUP_EXTENSION, readBackup, writeBackup } from './backup-bundle'
import { isErrno } from './durable-json-file'
import { Generations } from './generations'
import { commitJournal, replayJournal, type Journal, type JournalApplier } from './journal'
import {
  ANNOTATIONS_FOLDER,
  ARTICLES_FOLDER,
  BACKUPS_FOLDER,
  BRIEFINGS_FOLDER,
  fileKindOf,
  LIBRARY_FILE,
  SCHEMA_VERSION,
  SETTINGS_FILE,
  TAGS_FILE,
  type BriefingFile,
  type FileData,
  type FileKind,
  type LibraryIndex,
  type SettingsFile,
  type TagsFile,
} from './library-files'
import { LibraryLock } from './library-lock'
import { mapLimit } from './map-limit'
import { makePrivateFolder } from './private-folder'
import { Mutex } from './mutex'
import { finishInterruptedRestore, restoreLibrary } from './restore'
import { lowOver } from './stored-file-adapter'
import { ensureMirror, MIRROR_FOLDER, MIRROR_FOLDERS, removeBothCopies, syncBothFolders } from './second-copy'
import { StoredFile, type StoreContext } from './stored-file'

export interface OpenOptions {
  /** 'write' (default) takes the library's lock; 'read' never writes, repairs or locks. */
  readonly mode?: 'write' | 'read'
  /** Shown to another process that finds the library locked. */
  readonly purpose?: string
  /** How long to wait for another writer to let go of the library (default: fail at once). */
  readonly lockWaitMs?: number
  readonly now?: () => Date
  /** Earlier versions kept of each file (default 3). */
  readonly generations?: number
}

const DAILY_BACKUPS_KEPT = 7

interface ArticleLookup {
  readonly articles: readonly ArticleSummary[]
  readonly byId: ReadonlyMap<string, ArticleSummary>
  readonly byHash: ReadonlyMap<string, ArticleSummary>
}

/**
 * The library on disk. lowdb databases over durable, validated, versioned JSON files: the index
 * and the settings, tags and briefings are loaded at open; article bodies and annotations are read
 * on demand. One process writes at a time (LibraryLock); inside it, every change runs through one
 * queue, so multi-file changes never interleave.
 */
export class LibraryStore {
  readonly dir: string
  readonly writable: boolean
  readonly #context: StoreContext
  readonly #lock: LibraryLock | null
  readonly #writes = new Mutex()
  readonly #events: RecoveryEvent[]
  readonly #annotations: AnnotationsStore
  #index: Low<LibraryIndex>
  /** The index's file, the one under #index: it knows the bytes it last wrote (see #cachingApplier). */
  #indexFile: StoredFile<'index'>
  #settings: Low<SettingsFile>
  #tags: Low<TagsFile>
  #briefings = new Map<string, Low<BriefingFile>>()
  #isNew: boolean
  #lookupCache: ArticleLookup | null = null
  readonly #feed: ChangeFeed

  private constructor(state: {
    context: StoreContext
    lock: LibraryLock | null
    events: RecoveryEvent[]
    index: Low<LibraryIndex>
    indexFile: StoredFile<'index'>
    settings: Low<SettingsFile>
    tags: Low<TagsFile>
    briefings: Map<string, Low<BriefingFile>>
    isNew: boolean
  }) {
    this.dir = state.context.dir
    this.writable = state.context.writable
    this.#context = state.context
    this.#lock = state.lock
    this.#events = state.events
    this.#index = state.index
    this.#indexFile = state.indexFile
    this.#settings = state.settings
    this.#tags = state.tags
    this.#briefings = state.briefings
    this.#isNew = state.isNew
    this.#annotations = new AnnotationsStore(state.context, (event) => this.#events.push(event))
    this.#feed = new ChangeFeed(0)
  }

  static async open(dir: string, options: OpenOptions = {}): Promise<LibraryStore> {
    const writable = (options.mode ?? 'write') === 'write'
    const now = options.now ?? (() => new Date())
    if (writable) await makePrivateFolder(dir)
    const lock = writable
      ? await LibraryLock.acquire(dir, { purpose: options.purpose ?? 'Briefing Desk', waitMs: options.lockWaitMs ?? 0 })
      : null
    try {
      const events: RecoveryEvent[] = []
      const context: StoreContext = {
        dir,
        writable,
        generations: new Generations(dir, options.generations ?? 3),
        migration: { now: now(), randomHex32: () => randomBytes(16).toString('hex') },
        now,
        onRepair: (event) => events.push(event),
      }
      if (writable) {
        await Promise.all([ARTICLES_FOLDER, ANNOTATIONS_FOLDER, BRIEFINGS_FOLDER].map((folder) => makePrivateFolder(join(dir, folder))))
        await ensureMirror(dir)
        await removeAbandonedTempFiles(dir)
        await finishInterruptedRestore(context)
        events.push(...(await replayJournal(dir, fileApplier(context), now)))
      }
      const store = await LibraryStore.#load(context, lock, events)
      store.#feed.rebase(await readSequence(dir, now))
      return store
    } catch (error) {
      await lock?.release()
      throw error
    }
  }

  static async #load(context: StoreContext, lock: LibraryLock | null, events: RecoveryEvent[] = []): Promise<LibraryStore> {
    const migrated: StoredFile<FileKind>[] = []
    const { index, indexFile, isNew } = await loadIndex(context, events, migrated)
    const settings = await loadSimple(context, 'settings', SETTINGS_FILE, { schemaVersion: SCHEMA_VERSION, settings: DEFAULT_SETTINGS }, events, migrated)
    const tags = await loadSimple(context, 'tags', TAGS_FILE, { schemaVersion: SCHEMA_VERSION, tags: [] }, events, migrated)
    const briefings = await loadBriefings(context, events, migrated)
    const store = new LibraryStore({ context, lock, events, index, indexFile, settings, tags, briefings, isNew })
    if (migrated.length > 0 && context.writable) await store.#finishMigration(migrated)
    return store
  }

  /** Writes migrated files back, after a backup of the library as it was. */
  async #finishMigration(files: StoredFile<FileKind>[]): Promise<void> {
    await this.backupTo(await this.#internalBackupPath('pre-migration'), { raw: true })
    for (const file of files) {
      if (file.relativePath === LIBRARY_FILE) await this.#index.write()
      else if (file.relativePath === SETTINGS_FILE) await this.#settings.write()
      else if (file.relativePath === TAGS_FILE) await this.#tags.write()
      else await this.#briefings.get(file.relativePath.slice(BRIEFINGS_FOLDER.length + 1, -'.json'.length))?.write()
    }
  }

  /** True when the folder held no library before this open (first run). */
  get isNew(): boolean {
    return this.#isNew
  }

  /** Repairs made since the library was opened (damaged files restored, rebuilt or lost). */
  get recoveryEvents(): readonly RecoveryEvent[] {
    // Each repair once, however often the damaged file was read (a read-only store reads it anew each time).
    const seen = new Set<string>()
    return this.#events.filter((event) => {
      const key = JSON.stringify(event)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  }

  async close(): Promise<void> {
    // The exact last sequence number, so that a clean reopen continues without a gap.
    await this.#writes.run(async () => {
      if (this.writable && this.#feed.unsettled) await this.#persistSeq(this.#feed.seq)
    })
    await this.#lock?.release()
  }

  #write<T>(section: () => Promise<T>): Promise<T> {
    if (!this.writable) return Promise.reject(new Error(`The library at ${this.dir} was opened read-only`))
    return this.#writes.run(section)
  }

  // ── Writes: one queue, one read-modify-write primitive, one change feed ─────────────────

  /**
   * The one way to change the library. Runs `change` in the library's write queue with the
   * records it names in `scope` read fresh, writes what it returns (one durable commit, all or
   * nothing), announces the commit on the change feed, then resolves with its value. Nothing
   * else writes between the read and the write, so an edit made meanwhile is never overwritten.
   * A function that throws writes nothing.
   */
  update<T>(scope: UpdateScope, change: UpdateFunction<T>): Promise<T> {
    return this.#write(async () => {
      const { writes, value } = await change(await this.#current(scope))
      await this.#apply(writes)
      return value
    })
  }

  /** Writes records without reading any first (seeding, restores of a whole list, tests, benches). */
  commit(writes: LibraryWrites): Promise<void> {
    return this.update({}, () => ({ writes, value: undefined }))
  }

  /** Hears one record after each durable commit, in commit order; returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void {
    return this.#feed.subscribe(listener)
  }

  /** The sequence number of the last commit (persisted with the library, see change-feed.ts). */
  get changeSeq(): number {
    return this.#feed.seq
  }

  async #current(scope: UpdateScope): Promise<CurrentRecords> {
    // Only articles the library lists: an id from outside never names a file to read.
    const annotationIds = scope.annotations === 'all' ? this.#index.data.articles.map((article) => article.id) : (scope.annotations ?? []).filter((id) => this.hasArticle(id))
    const lists = await mapLimit(annotationIds, 32, async (id) => [id, await this.#annotations.get(id)] as const)
    const bodies = await mapLimit(scope.articles ?? [], 8, async (id) => [id, await this.getArticle(id)] as const)
    return {
      tags: this.listTags(),
      settings: this.settings,
      annotations: new Map(lists),
      articles: new Map(bodies.flatMap(([id, article]) => (article === null ? [] : [[id, article] as const]))),
      summary: (id) => this.findById(id),
      briefing: (id) => this.getBriefing(id),
    }
  }

  /**
   * Writes one update's records by the cheapest durable path that keeps them all or nothing: a
   * single file is written on its own (temp, fsync, rename), several through the journal. Then
   * the change record goes out with the next sequence number, reserved on disk first when needed.
   */
  async #apply(writes: LibraryWrites): Promise<LibraryChange | null> {
    const body = changeOf(writes)
    if (isEmptyChange(body)) return null
    const { seq, reserve } = this.#feed.next()
    if (reserve !== null) await this.#persistSeq(reserve)
    const only = singleKind(writes)
    if (only === 'articles') await this.#addArticles(writes.articles ?? [])
    else if (only === 'annotations' && body.annotations.length === 1) {
      const [articleId, annotations] = [...writes.annotations!][0]!
      await this.#annotations.set(articleId, [...annotations])
    } else if (only === 'tags') await this.#tags.update((file) => void (file.tags = [...writes.tags!]))
    else if (only === 'settings') await this.#settings.update((file) => void (file.settings = writes.settings!))
    else if (only === 'briefings' && body.briefings.length === 1) await this.#saveBriefing(writes.briefings![0]!)
    else await this.#commitAll(writes)
    return this.#feed.publish(seq, body)
  }

  /** Persists the highest sequence number that may be handed out (see change-feed.ts). */
  async #persistSeq(seq: number): Promise<void> {
    await writeSequence(this.dir, seq)
    this.#feed.reserved(seq)
  }

  /** Announces a change the store made outside #apply (a restore replaced everything). */
  async #announce(body: LibraryChangeBody): Promise<void> {
    const { seq, reserve } = this.#feed.next()
    if (reserve !== null) await this.#persistSeq(reserve)
    this.#feed.publish(seq, body)
  }

  // ── Articles ────────────────────────────────────────────────────────────────────────────

  listArticles(): readonly ArticleSummary[] {
    return this.#index.data.articles
  }

  hasArticle(id: string): boolean {
    return this.#lookup().byId.has(id)
  }

  findById(id: string): ArticleSummary | undefined {
    return this.#lookup().byId.get(id)
  }

  findByContentHash(hash: string): ArticleSummary | undefined {
    return this.#lookup().byHash.get(hash)
  }

  /**
   * Summaries by id and by content hash. An import asks once per file, so a scan of the index
   * each time made a batch quadratic. The index's array is replaced, never mutated in place, on
   * every change (lowdb update, journal, reload), so its identity says when to rebuild.
   */
  #lookup(): ArticleLookup {
    const articles = this.#index.data.articles
    if (this.#lookupCache?.articles !== articles) {
      const byId = new Map<string, ArticleSummary>()
      const byHash = new Map<string, ArticleSummary>()
      for (const summary of articles) {
        if (!byId.has(summary.id)) byId.set(summary.id, summary)
        if (!byHash.has(summary.contentHash)) byHash.set(summary.contentHash, summary)
      }
      this.#lookupCache = { articles, byId, byHash }
    }
    return this.#lookupCache
  }

  async getArticle(id: string): Promise<Article | null> {
    if (!this.hasArticle(id)) return null
    const loaded = await articleFile(this.#context, id).load()
    switch (loaded.status) {
      case 'ok':
        return loaded.data.article
      case 'restored':
        this.#events.push(loaded.event)
        return loaded.data.article
      case 'missing':
      case 'damaged':
        this.#events.push({
          file: articleFile(this.#context, id).relativePath,
          damage: loaded.status === 'missing' ? 'missing' : loaded.damage,
          keptAs: loaded.status === 'missing' ? '' : loaded.keptAs,
          outcome: 'lost',
          restoredFrom: null,
          lost: `article:${id}`,
        })
        return null
    }
  }

  /** Adds articles, or new revisions of them, without reading anything first (imports check for duplicates in an update). */
  addArticles(articles: readonly Article[]): Promise<void> {
    return this.commit({ articles })
  }

  /** Adds articles (bodies first, then one index write): a crash in between leaves unlisted bodies, which the next open lists. */
  async #addArticles(articles: readonly Article[]): Promise<void> {
    {
      // Bodies are separate files: written side by side, their fsyncs overlap (an import saves dozens
      // at once), and their folder is synced once for all their renames rather than once for each.
      await mapLimit(articles, 8, (article) =>
        articleFile(this.#context, article.id).save({ schemaVersion: SCHEMA_VERSION, article }, { syncFolder: false }),
      )
      await syncBothFolders(this.dir, ARTICLES_FOLDER)
      // A revision keeps its article's place in the index; new articles go at the end.
      const summaries = new Map(articles.map((article) => [article.id, summarize(article)]))
      await this.#index.update((index) => {
        const revised = index.articles.map((existing) => {
          const summary = summaries.get(existing.id)
          summaries.delete(existing.id)
          return summary ?? existing
        })
        index.articles = [...revised, ...summaries.values()]
      })
      this.#isNew = false
    }
  }

  /** Replaces an article by a new revision of it, without reading it first. */
  replaceArticle(article: Article): Promise<void> {
    return this.commit({ articles: [article] })
  }

  /** Removes an article with its annotations, all or nothing. Earlier versions stay in backups/generations. */
  deleteArticle(id: string): Promise<void> {
    return this.update({}, (current) => ({ writes: current.summary(id) === undefined ? {} : { deletedArticles: [id] }, value: undefined }))
  }

  /** Writes the index of a new library even when nothing has been added yet. */
  initialize(): Promise<void> {
    return this.#write(async () => {
      await this.#index.write()
      this.#isNew = false
    })
  }

  // ── Annotations ─────────────────────────────────────────────────────────────────────────

  getAnnotations(articleId: string): Promise<Annotation[]> {
    return this.#annotations.get(articleId)
  }

  allAnnotations(): Promise<Annotation[]> {
    return this.#annotations.all(this.#index.data.articles.map((article) => article.id))
  }

  /** Replaces one article's annotations without reading them first (seeding, tests, benches). */
  setAnnotations(articleId: string, annotations: Annotation[]): Promise<void> {
    return this.commit({ annotations: new Map([[articleId, annotations]]) })
  }

  // ── Tags, briefings, settings ───────────────────────────────────────────────────────────

  listTags(): readonly Tag[] {
    return this.#tags.data.tags
  }

  /** Replaces the tag list without reading it first (the starter taxonomy of a new library). */
  setTags(tags: Tag[]): Promise<void> {
    return this.commit({ tags })
  }

  listBriefings(): Briefing[] {
    return [...this.#briefings.values()].map((db) => db.data.briefing)
  }

  getBriefing(id: string): Briefing | null {
    return this.#briefings.get(id)?.data.briefing ?? null
  }

  /** Writes a briefing without reading it first (tests; features update through update()). */
  saveBriefing(briefing: Briefing): Promise<void> {
    return this.commit({ briefings: [briefing] })
  }

  deleteBriefing(id: string): Promise<void> {
    return this.commit({ deletedBriefings: [id] })
  }

  async #saveBriefing(briefing: Briefing): Promise<void> {
    const db = this.#briefings.get(briefing.id) ?? lowOver(briefingFile(this.#context, briefing.id), { schemaVersion: SCHEMA_VERSION, briefing })
    db.data = { schemaVersion: SCHEMA_VERSION, briefing }
    await db.write()
    this.#briefings.set(briefing.id, db)
  }

  get settings(): Settings {
    return this.#settings.data.settings
  }

  /** Merges the patch's defined fields into the settings. */
  updateSettings(patch: SettingsPatch): Promise<Settings> {
    return this.update({}, (current) => {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined))
      const settings: Settings = { ...current.settings, ...defined }
      return { writes: { settings }, value: settings }
    })
  }

  /** Several files as one journal commit (tag merges, bulk tagging, an edited text with its highlights). */
  #commitAll(writes: LibraryWrites): Promise<void> {
    const deletedArticles = writes.deletedArticles ?? []
    return this.#commit({
      schemaVersion: SCHEMA_VERSION,
      writes: [
        ...this.#articleWrites(writes.articles ?? [], deletedArticles),
        ...[...(writes.annotations ?? new Map<string, Annotation[]>())].map(([articleId, annotations]) => ({
          path: AnnotationsStore.relativePath(articleId),
          data: { schemaVersion: SCHEMA_VERSION, articleId, annotations: [...annotations] },
        })),
        ...(writes.tags ? [{ path: TAGS_FILE, data: { schemaVersion: SCHEMA_VERSION, tags: [...writes.tags] } }] : []),
        ...(writes.briefings ?? []).map((briefing) => ({
          path: briefingFile(this.#context, briefing.id).relativePath,
          data: { schemaVersion: SCHEMA_VERSION, briefing },
        })),
        ...(writes.settings ? [{ path: SETTINGS_FILE, data: { ...this.#settings.data, settings: writes.settings } }] : []),
      ],
      deletes: [
        ...deletedArticles.flatMap((id) => [`${ARTICLES_FOLDER}/${id}.json`, AnnotationsStore.relativePath(id)]),
        ...(writes.deletedBriefings ?? []).map((id) => briefingFile(this.#context, id).relativePath),
      ],
    })
  }

  /**
   * Bodies of article revisions, then the index with their summaries and without deleted
   * articles. In a journal only revisions: new articles are added on their own (#addArticles).
   */
  #articleWrites(articles: readonly Article[], deleted: readonly string[]): Journal['writes'] {
    if (articles.length === 0 && deleted.length === 0) return []
    const revised = new Map(articles.map((article) => [article.id, article]))
    for (const id of revised.keys()) if (!this.hasArticle(id)) throw new Error(`commit: no article ${id} to revise`)
    const gone = new Set(deleted)
    const index: LibraryIndex = {
      ...this.#index.data,
      articles: this.#index.data.articles.flatMap((summary) => {
        if (gone.has(summary.id)) return []
        const article = revised.get(summary.id)
        return [article === undefined ? summary : summarize(article)]
      }),
    }
    return [
      ...articles.map((article) => ({ path: `${ARTICLES_FOLDER}/${article.id}.json`, data: { schemaVersion: SCHEMA_VERSION, article } })),
      { path: LIBRARY_FILE, data: index },
    ]
  }

  async #commit(journal: Journal): Promise<void> {
    await commitJournal(this.dir, journal, this.#cachingApplier(), this.#indexFile.readIndex)
  }

  /** Applies journal entries through the in-memory databases so they stay in step with disk. */
  #cachingApplier(): JournalApplier {
    const files = fileApplier(this.#context)
    return {
      write: async (path, data) => {
        const kind = fileKindOf(path)
        // The index through the store's own file, which knows the bytes it last wrote: a new one
        // would read and validate the whole index again before keeping it as a generation.
        if (kind === 'index') await this.#indexFile.save(data as LibraryIndex)
        else await files.write(path, data)
        if (kind === 'index') this.#index.data = data as LibraryIndex
        else if (kind === 'tags') this.#tags.data = data as TagsFile
        else if (kind === 'settings') this.#settings.data = data as SettingsFile
        else if (kind === 'annotations') this.#annotations.forget(idOf(path))
        else if (kind === 'briefing') this.#briefings.set(idOf(path), lowOver(briefingFile(this.#context, idOf(path)), data as BriefingFile))
      },
      delete: async (path) => {
        await files.delete(path)
        const kind = fileKindOf(path)
        if (kind === 'annotations') this.#annotations.forget(idOf(path))
        else if (kind === 'briefing') this.#briefings.delete(idOf(path))
      },
    }
  }

  // ── Backups ─────────────────────────────────────────────────────────────────────────────

  /** Every data file of the library, relative to its folder. */
  async dataFiles(): Promise<string[]> {
    const inFolder = async (folder: string) => {
      try {
        return (await readdir(join(this.dir, folder))).filter((name) => fileKindOf(`${folder}/${name}`) !== null).sort().map((name) => `${folder}/${name}`)
      } catch (error) {
        if (isErrno(error, 'ENOENT')) return []
        throw error
      }
    }
    const top = [SETTINGS_FILE, TAGS_FILE]
    return [...top, ...(await inFolder(ARTICLES_FOLDER)), ...(await inFolder(ANNOTATIONS_FOLDER)), ...(await inFolder(BRIEFINGS_FOLDER)), LIBRARY_FILE]
  }

  /**
   * Writes the whole library to one portable, verified backup file. Holds the write queue so the
   * backup is a consistent snapshot. `raw` is for the store's own use while opening.
   */
  backupTo(outFile: string, { raw = false }: { raw?: boolean } = {}): Promise<{ files: number; bytes: number }> {
    const run = async () =>
      writeBackup(
        this.dir,
        await this.dataFiles(),
        { libraryId: this.#index.data.libraryId, createdAt: this.#context.now().toISOString() },
        outFile,
        this.#context.migration,
      )
    return raw ? run() : this.#write(run)
  }

  /** Once a day, a verified backup in backups/daily; the newest seven are kept. */
  dailyBackup(): Promise<string | null> {
    return this.#write(async () => {
      const folder = join(this.dir, BACKUPS_FOLDER, 'daily')
      await makePrivateFolder(folder)
      const name = `${this.#context.now().toISOString().slice(0, 10)}${BACKUP_EXTENSION}`
      const existing = (await readdir(folder)).filter((file) => file.endsWith(BACKUP_EXTENSION)).sort()
      if (existing.includes(name)) return null
      await writeBackup(this.dir, await this.dataFiles(), { libraryId: this.#index.data.libraryId, createdAt: this.#context.now().toISOString() }, join(folder, name), this.#context.migration)
      for (const old of [...existing, name].sort().slice(0, -DAILY_BACKUPS_KEPT)) await rm(join(folder, old), { force: true })
      return join(folder, name)
    })
  }

  /** Replaces the library's content by a backup's, after a backup of the current content. */
  restoreFrom(file: string): Promise<{ files: number }> {
    return this.#write(async () => {
      // Check the backup completely before touching anything.
      await readBackup(file, this.#context.migration, () => undefined)
      await writeBackup(
        this.dir,
        await this.dataFiles(),
        { libraryId: this.#index.data.libraryId, createdAt: this.#context.now().toISOString() },
        await this.#internalBackupPath('pre-restore'),
        this.#context.migration,
      )
      const result = await restoreLibrary(this.#context, file)
      await this.#reload()
      // sequence.json is not in backups: numbers go on from ours.
      await this.#announce({ ...NO_CHANGE, everything: true })
      return result
    })
  }

  /** backups/<purpose>-<timestamp>.bdbackup, for the backups the store makes on its own. */
  async #internalBackupPath(purpose: string): Promise<string> {
    await makePrivateFolder(join(this.dir, BACKUPS_FOLDER))
    const stamp = this.#context.now().toISOString().replace(/[:.]/g, '-')
    return join(this.dir, BACKUPS_FOLDER, `${purpose}-${stamp}${BACKUP_EXTENSION}`)
  }

  async #reload(): Promise<void> {
    const reloaded = await LibraryStore.#load(this.#context, null)
    this.#index = reloaded.#index
    this.#indexFile = reloaded.#indexFile
    this.#settings = reloaded.#settings
    this.#tags = reloaded.#tags
    this.#briefings = reloaded.#briefings
    this.#annotations.forget()
    this.#events.push(...reloaded.#events)
  }
}

// ── Loading ─────────────────────────────────────────────────────────────────────────────────

function articleFile(context: StoreContext, id: string): StoredFile<'article'> {
  return new StoredFile(context, 'article', `${ARTICLES_FOLDER}/${id}.json`)
}

function briefingFile(context: StoreContext, id: string): StoredFile<'briefing'> {
  return new StoredFile(context, 'briefing', `${BRIEFINGS_FOLDER}/${id}.json`)
}

function idOf(relativePath: string): string {
  return relativePath.slice(relativePath.lastIndexOf('/') + 1, -'.json'.length)
}

/** Writes and deletes library files by relative path: what a journal replays. */
function fileApplier(context: StoreContext): JournalApplier {
  return {
    write: (path, data) => {
      const kind = fileKindOf(path)
      if (kind === null) throw new Error(`Not a library file: ${path}`)
      return new StoredFile(context, kind, path).save(data as FileData[typeof kind])
    },
    delete: async (path) => {
      const kind = fileKindOf(path)
      if (kind === null) throw new Error(`Not a library file: ${path}`)
      const file = new StoredFile(context, kind, path)
      // Keep the deleted version as a generation: a deletion can be undone from backups/.
      if ((await file.load()).status === 'ok') await context.generations.rotate(path)
      await removeBothCopies(context.dir, path)
    },
  }
}

async function loadSimple<K extends 'settings' | 'tags'>(
  context: StoreContext,
  kind: K,
  relativePath: string,
  fallback: FileData[K],
  events: RecoveryEvent[],
  migrated: StoredFile<FileKind>[],
): Promise<Low<FileData[K]>> {
  const file = new StoredFile(context, kind, relativePath)
  const loaded = await file.load()
  switch (loaded.status) {
    case 'missing':
      return lowOver(file, fallback)
    case 'ok':
      if (loaded.migratedFrom !== null) migrated.push(file as StoredFile<FileKind>)
      return lowOver(file, loaded.data)
    case 'restored':
      events.push(loaded.event)
      return lowOver(file, loaded.data)
    case 'damaged':
      events.push({ file: relativePath, damage: loaded.damage, keptAs: loaded.keptAs, outcome: 'lost', restoredFrom: null, lost: kind })
      return lowOver(file, fallback)
  }
}

async function loadBriefings(context: StoreContext, events: RecoveryEvent[], migrated: StoredFile<FileKind>[]): Promise<Map<string, Low<BriefingFile>>> {
  // A briefing whose file was deleted is still listed by its second copy.
  const names = await namesOfKind(context.dir, BRIEFINGS_FOLDER, 'briefing')
  const briefings = new Map<string, Low<BriefingFile>>()
  for (const name of names.sort()) {
    const id = name.slice(0, -'.json'.length)
    const file = briefingFile(context, id)
    const loaded = await file.load()
    if (loaded.status === 'ok' || loaded.status === 'restored') {
      if (loaded.status === 'restored') events.push(loaded.event)
      if (loaded.status === 'ok' && loaded.migratedFrom !== null) migrated.push(file as StoredFile<FileKind>)
      briefings.set(id, lowOver(file, loaded.data))
    } else if (loaded.status === 'damaged') {
      events.push({ file: file.relativePath, damage: loaded.damage, keptAs: loaded.keptAs, outcome: 'lost', restoredFrom: null, lost: `briefing:${id}` })
    }
  }
  return briefings
}

/**
 * The index is derived data: every summary comes from an article body. So a damaged or missing
 * index (with bodies on disk) is rebuilt from the bodies, and an index restored from an older
 * generation is brought up to date with them: nothing listed is missing, nothing stored is hidden.
 */
async function loadIndex(
  context: StoreContext,
  events: RecoveryEvent[],
  migrated: StoredFile<FileKind>[],
): Promise<{ index: Low<LibraryIndex>; indexFile: StoredFile<'index'>; isNew: boolean }> {
  const file = new StoredFile(context, 'index', LIBRARY_FILE)
  const loaded = await file.load()
  const fresh = (): LibraryIndex => ({
    schemaVersion: SCHEMA_VERSION,
    libraryId: context.migration.randomHex32(),
    createdAt: context.now().toISOString(),
    articles: [],
  })

  if (loaded.status === 'ok') {
    if (loaded.migratedFrom !== null) migrated.push(file as StoredFile<FileKind>)
    return { index: lowOver(file, loaded.data), indexFile: file, isNew: false }
  }
  // The second copy is as new as the file was: nothing to bring up to date.
  if (loaded.status === 'restored' && loaded.event.outcome === 'copy') {
    events.push(loaded.event)
    return { index: lowOver(file, loaded.data), indexFile: file, isNew: false }
  }
  // Listed only now: two folders of 10,000 names each are not read on an ordinary open.
  const bodyIds = await articleIdsOnDisk(context.dir)
  if (loaded.status === 'missing' && bodyIds.length === 0) return { index: lowOver(file, fresh()), indexFile: file, isNew: true }

  const base = loaded.status === 'restored' ? loaded.data : fresh()
  const { articles, lost } = await summariesFromBodies(context, bodyIds, base.articles, events)
  const index: LibraryIndex = { ...base, articles }
  // Read-only: the index rebuilt in memory answers; the next writable open writes it.
  if (context.writable) await file.save(index)
  events.push({
    file: LIBRARY_FILE,
    damage: loaded.status === 'missing' ? 'missing' : loaded.status === 'damaged' ? loaded.damage : loaded.event.damage,
    keptAs: loaded.status === 'damaged' ? loaded.keptAs : loaded.status === 'restored' ? loaded.event.keptAs : '',
    outcome: lost.length === 0 ? 'rebuilt' : 'lost',
    restoredFrom: loaded.status === 'restored' ? loaded.event.restoredFrom : null,
    lost: lost.length === 0 ? null : lost.map((id) => `article:${id}`).join(' '),
    ...(context.writable ? {} : { readOnly: true }),
  })
  return { index: lowOver(file, index), indexFile: file, isNew: false }
}

async function articleIdsOnDisk(dir: string): Promise<string[]> {
  return (await namesOfKind(dir, ARTICLES_FOLDER, 'article')).map((name) => name.slice(0, -'.json'.length))
}

/** File names of one kind in a library folder or in its second copy's (sorted, each once). */
async function namesOfKind(dir: string, folder: string, kind: FileKind): Promise<string[]> {
  const names = new Set<string>()
  for (const path of [join(dir, folder), join(dir, MIRROR_FOLDER, folder)]) {
    try {
      for (const name of await readdir(path)) if (fileKindOf(`${folder}/${name}`) === kind) names.add(name)
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error
    }
  }
  return [...names].sort()
}

async function summariesFromBodies(
  context: StoreContext,
  bodyIds: readonly string[],
  known: readonly ArticleSummary[],
  events: RecoveryEvent[],
): Promise<{ articles: ArticleSummary[]; lost: string[] }> {
  const knownById = new Map(known.map((summary) => [summary.id, summary]))
  const lost: string[] = []
  const summaries = await mapLimit(bodyIds, 32, async (id) => {
    const loaded = await articleFile(context, id).load()
    if (loaded.status === 'ok') return knownById.get(id)?.revision === loaded.data.article.revision ? knownById.get(id)! : summarize(loaded.data.article)
    if (loaded.status === 'restored') {
      events.push(loaded.event)
      return summarize(loaded.data.article)
    }
    lost.push(id)
    return null
  })
  return { articles: summaries.filter((summary): summary is ArticleSummary => summary !== null), lost }
}

/** Temp files left by writes that a crash interrupted: never renamed into place, so never data. */
async function removeAbandonedTempFiles(dir: string): Promise<void> {
  for (const folder of ['', ARTICLES_FOLDER, ANNOTATIONS_FOLDER, BRIEFINGS_FOLDER, ...MIRROR_FOLDERS]) {
    let names: string[]
    try {
      names = await readdir(join(dir, folder))
    } catch {
      continue
    }
    for (const name of names) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(dir, folder, name), { force: true })
    }
  }
}

/** The one kind of record a set of writes touches, or null when it touches several (or none). */
function singleKind(writes: LibraryWrites): keyof LibraryWrites | null {
  const kinds = (Object.keys(writes) as (keyof LibraryWrites)[]).filter((key) => {
    const value = writes[key]
    if (value === undefined) return false
    if (key === 'tags' || key === 'settings') return true
    return ('size' in value ? value.size : (value as readonly unknown[]).length) > 0
  })
  return kinds.length === 1 ? kinds[0]! : null
}
