import type { Low } from 'lowdb'
import type { Annotation } from '../../common/model/annotation'
import type { Article, ArticleSummary, PageImageRef } from '../../common/model/article'
import { summarize } from '../../common/model/article'
import type { Template } from '../../common/brief/template'
import type { Brief } from '../../common/model/brief'
import type { RecoveryEvent } from '../../common/model/recovery'
import type { Settings, SettingsPatch } from '../../common/model/settings'
import type { Tag } from '../../common/model/tag'
import { isEmptyChange, NO_CHANGE, type LibraryChange, type LibraryChangeBody } from '../../common/model/library-change'
import { AnnotationsStore } from './annotations-store'
import { checkAssets, readArticleAsset, removeArticleAssets, writeArticleAssets } from './article-assets'
import { ChangeFeed, type ChangeListener } from './change-feed'
import { articleFile, briefFile, fileApplier, idOf, templateFile } from './file-applier'
import { commitJournal, type JournalApplier } from './journal'
import { journalOf } from './journal-of-writes'
import { dataFiles, replaceFromBackup, writeDailyBackup, writeLibraryBackup } from './library-backups'
import { ARTICLES_FOLDER, fileKindOf, SCHEMA_VERSION, type BriefFile, type LibraryIndex, type SettingsFile, type TagsFile, type TemplateFile } from './library-files'
import type { LibraryLock } from './library-lock'
import { changeOf, type CurrentRecords, type LibraryWrites, type UpdateFunction, type UpdateScope } from './library-update'
import { loadLibrary, type LoadedLibrary } from './load-library'
import { settleLoad } from './load-outcome'
import { mapLimit } from './map-limit'
import { Mutex } from './mutex'
import { openLibrary, type OpenedLibrary, type OpenOptions } from './open-library'
import { syncBothFolders } from './second-copy'
import { writeSequence } from './sequence-file'
import { lowOver } from './stored-file-adapter'
import type { StoreContext } from './stored-file'
import type { IndexDatabase } from './index-database'

export type { OpenOptions } from './open-library'

/**
 * The library on disk. lowdb databases over durable, validated, versioned JSON files: the index
 * and the settings, tags and briefs are loaded at open; article bodies and annotations are read
 * on demand. One process writes at a time (LibraryLock); inside it, every change runs through one
 * queue, so multi-file changes never interleave.
 *
 * This file is the store itself: its reads, its write queue with the read-modify-write primitive
 * `update`, and its change feed. Opening (lock, repairs, journal replay) is open-library.ts,
 * loading files with their repairs load-library.ts, whole-library backups library-backups.ts.
 */
export class LibraryStore {
  readonly dir: string
  readonly writable: boolean
  readonly #context: StoreContext
  readonly #lock: LibraryLock | null
  readonly #writes = new Mutex()
  readonly #events: RecoveryEvent[]
  readonly #annotations: AnnotationsStore
  /** The checkpoint library.json, its log of changes since, and the summaries in memory (index-database.ts). */
  #index!: IndexDatabase
  #settings!: Low<SettingsFile>
  #tags!: Low<TagsFile>
  #briefs!: Map<string, Low<BriefFile>>
  #templates!: Map<string, Low<TemplateFile>>
  #isNew!: boolean
  readonly #feed: ChangeFeed
  #closing = false

  private constructor({ context, lock, events, library, seq }: OpenedLibrary) {
    this.dir = context.dir
    this.writable = context.writable
    this.#context = context
    this.#lock = lock
    this.#events = events
    this.#annotations = new AnnotationsStore(context, (event) => this.#events.push(event))
    this.#feed = new ChangeFeed(0)
    this.#feed.rebase(seq)
    this.#hold(library)
  }

  /** Opens the library in `dir` (open-library.ts: lock, repairs, journal replay, loading). */
  static async open(dir: string, options: OpenOptions = {}): Promise<LibraryStore> {
    return new LibraryStore(await openLibrary(dir, options))
  }

  /** Takes the loaded files as the store's own (at open, and after a restore replaced them). */
  #hold(library: LoadedLibrary): void {
    this.#index = library.index
    this.#settings = library.settings
    this.#tags = library.tags
    this.#briefs = library.briefs
    this.#templates = library.templates
    this.#isNew = library.isNew
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
    this.#closing = true
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
    const annotationIds = scope.annotations === 'all' ? this.#index.articles.map((article) => article.id) : (scope.annotations ?? []).filter((id) => this.hasArticle(id))
    const lists = await mapLimit(annotationIds, 32, async (id) => [id, await this.#annotations.get(id)] as const)
    const bodies = await mapLimit(scope.articles ?? [], 8, async (id) => [id, await this.getArticle(id)] as const)
    return {
      tags: this.listTags(),
      settings: this.settings,
      annotations: new Map(lists),
      articles: new Map(bodies.flatMap(([id, article]) => (article === null ? [] : [[id, article] as const]))),
      summary: (id) => this.findById(id),
      brief: (id) => this.getBrief(id),
      template: (id) => this.getTemplate(id),
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
    // Assets before the records that name them; removed after the records are gone (article-assets.ts).
    for (const article of writes.articles ?? []) {
      const blobs = writes.pageImages?.get(article.id)
      if (blobs !== undefined) await writeArticleAssets(this.dir, article.id, blobs)
    }
    const { seq, reserve } = this.#feed.next()
    if (reserve !== null) await this.#persistSeq(reserve)
    const only = singleKind(writes)
    if (only === 'articles') await this.#addArticles(writes.articles ?? [])
    else if (only === 'annotations' && body.annotations.length === 1) {
      const [articleId, annotations] = [...writes.annotations!][0]!
      await this.#annotations.set(articleId, [...annotations])
    } else if (only === 'tags') await this.#tags.update((file) => void (file.tags = [...writes.tags!]))
    else if (only === 'settings') await this.#settings.update((file) => void (file.settings = writes.settings!))
    else if (only === 'briefs' && body.briefs.length === 1) await this.#saveBrief(writes.briefs![0]!)
    else if (only === 'templates' && writes.templates!.length === 1) await this.#saveTemplate(writes.templates![0]!)
    else await this.#commitAll(writes)
    for (const id of body.deletedArticles) await removeArticleAssets(this.dir, id)
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
    return this.#index.articles
  }

  hasArticle(id: string): boolean {
    return this.#index.findById(id) !== undefined
  }

  /** By id and by content hash: maps kept in step with each change (article-lookup.ts). */
  findById(id: string): ArticleSummary | undefined {
    return this.#index.findById(id)
  }

  findByContentHash(hash: string): ArticleSummary | undefined {
    return this.#index.findByContentHash(hash)
  }

  async getArticle(id: string): Promise<Article | null> {
    if (!this.hasArticle(id)) return null
    const file = articleFile(this.#context, id)
    const { data } = settleLoad(file.relativePath, await file.load(), { lost: `article:${id}`, missingIsLoss: true, report: (event) => this.#events.push(event) })
    return data?.article ?? null
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
      // A revision keeps its article's place in the index; new articles go at the end: one line of the index's log.
      await this.#index.change({ set: articles.map((article) => summarize(article)), deleted: [] })
      this.#isNew = false
    }
  }

  /**
   * The image of one recognised page of an article (its record's `ocr.pageImages`), checked
   * against its digest and repaired from its second copy if need be (article-assets.ts); null when
   * the article keeps no image of that page, or when the image is lost (reported).
   */
  async readPageImage(articleId: string, page: number): Promise<{ ref: PageImageRef; bytes: Uint8Array } | null> {
    const ref = (await this.getArticle(articleId))?.ocr?.pageImages?.find((candidate) => candidate.page === page)
    if (ref === undefined) return null
    // A writable store may write the file again from its copy: in the queue, like any write.
    const read = () => readArticleAsset(this.#context, articleId, ref)
    const bytes = this.writable ? await this.#writes.run(read) : await read()
    return bytes === null ? null : { ref, bytes }
  }

  /**
   * Checks every page image and its copy against its digest (article-assets.ts), one article at a
   * time in the write queue, and sweeps the assets of articles the library no longer lists. Run
   * after opening, without delaying it; repairs are reported like any other (recoveryEvents).
   */
  checkAssets(): Promise<void> {
    // Each article's check in the queue, and none once the store is closing (its lock is let go).
    const step = (work: () => Promise<void>) => (this.#closing ? Promise.resolve() : this.writable ? this.#writes.run(() => (this.#closing ? Promise.resolve() : work())) : work())
    return checkAssets(this.#context, (id) => this.hasArticle(id), step)
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
      await this.#index.checkpoint()
      this.#isNew = false
    })
  }

  // ── Annotations ─────────────────────────────────────────────────────────────────────────

  getAnnotations(articleId: string): Promise<Annotation[]> {
    return this.#annotations.get(articleId)
  }

  allAnnotations(): Promise<Annotation[]> {
    return this.#annotations.all(this.#index.articles.map((article) => article.id))
  }

  /** Replaces one article's annotations without reading them first (seeding, tests, benches). */
  setAnnotations(articleId: string, annotations: Annotation[]): Promise<void> {
    return this.commit({ annotations: new Map([[articleId, annotations]]) })
  }

  // ── Tags, briefs, settings ───────────────────────────────────────────────────────────

  listTags(): readonly Tag[] {
    return this.#tags.data.tags
  }

  /** Replaces the tag list without reading it first (the starter taxonomy of a new library). */
  setTags(tags: Tag[]): Promise<void> {
    return this.commit({ tags })
  }

  listBriefs(): Brief[] {
    return [...this.#briefs.values()].map((db) => db.data.briefing)
  }

  getBrief(id: string): Brief | null {
    return this.#briefs.get(id)?.data.briefing ?? null
  }

  /** Writes a brief without reading it first (tests; features update through update()). */
  saveBrief(brief: Brief): Promise<void> {
    return this.commit({ briefs: [brief] })
  }

  deleteBrief(id: string): Promise<void> {
    return this.commit({ deletedBriefs: [id] })
  }

  async #saveBrief(brief: Brief): Promise<void> {
    const db = this.#briefs.get(brief.id) ?? lowOver(briefFile(this.#context, brief.id), { schemaVersion: SCHEMA_VERSION, briefing: brief })
    db.data = { schemaVersion: SCHEMA_VERSION, briefing: brief }
    await db.write()
    this.#briefs.set(brief.id, db)
  }

  /** The user's brief templates (sorted by id); the built-in ones live with the app, not here. */
  listTemplates(): Template[] {
    return [...this.#templates.values()].map((db) => db.data.template).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  getTemplate(id: string): Template | null {
    return this.#templates.get(id)?.data.template ?? null
  }

  async #saveTemplate(template: Template): Promise<void> {
    const db = this.#templates.get(template.id) ?? lowOver(templateFile(this.#context, template.id), { schemaVersion: SCHEMA_VERSION, template })
    db.data = { schemaVersion: SCHEMA_VERSION, template }
    await db.write()
    this.#templates.set(template.id, db)
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
  async #commitAll(writes: LibraryWrites): Promise<void> {
    const journal = journalOf(writes, { settings: this.#settings.data, has: (id) => this.hasArticle(id) })
    await commitJournal(this.dir, journal, this.#cachingApplier())
  }

  /** Applies journal entries through the in-memory databases so they stay in step with disk. */
  #cachingApplier(): JournalApplier {
    const files = fileApplier(this.#context)
    return {
      write: async (path, data, options) => {
        const kind = fileKindOf(path)
        // A whole index (only a journal from before the index's log holds one): a new checkpoint.
        if (kind === 'index') await this.#index.replace(data as LibraryIndex)
        else await files.write(path, data, options)
        if (kind === 'tags') this.#tags.data = data as TagsFile
        else if (kind === 'settings') this.#settings.data = data as SettingsFile
        else if (kind === 'annotations') this.#annotations.forget(idOf(path))
        else if (kind === 'brief') this.#briefs.set(idOf(path), lowOver(briefFile(this.#context, idOf(path)), data as BriefFile))
        else if (kind === 'template') this.#templates.set(idOf(path), lowOver(templateFile(this.#context, idOf(path)), data as TemplateFile))
      },
      index: (delta) => this.#index.change(delta),
      delete: async (path) => {
        await files.delete(path)
        const kind = fileKindOf(path)
        if (kind === 'annotations') this.#annotations.forget(idOf(path))
        else if (kind === 'brief') this.#briefs.delete(idOf(path))
        else if (kind === 'template') this.#templates.delete(idOf(path))
      },
    }
  }

  // ── Backups (library-backups.ts), inside the write queue ──────────────────────────────────

  /** Every data file of the library, relative to its folder. */
  dataFiles(): Promise<string[]> {
    return dataFiles(this.dir)
  }

  /** Writes the whole library to one portable, verified backup file, a consistent snapshot. */
  backupTo(outFile: string): Promise<{ files: number; bytes: number }> {
    return this.#write(async () => {
      // A backup holds whole files: the index's log is folded into its checkpoint first.
      await this.#index.fold()
      return writeLibraryBackup(this.#context, this.#index.libraryId, outFile)
    })
  }

  /** Once a day, a verified backup in backups/daily; the newest seven are kept. */
  dailyBackup(): Promise<string | null> {
    return this.#write(() => writeDailyBackup(this.#context, this.#index.libraryId, () => this.#index.fold()))
  }

  /** Replaces the library's content by a backup's, after a backup of the current content. */
  restoreFrom(file: string): Promise<{ files: number }> {
    return this.#write(async () => {
      await this.#index.checkpoint()
      const result = await replaceFromBackup(this.#context, this.#index.libraryId, file)
      this.#hold(await loadLibrary(this.#context, this.#events))
      this.#annotations.forget()
      // sequence.json is not in backups: numbers go on from ours.
      await this.#announce({ ...NO_CHANGE, everything: true })
      return result
    })
  }
}

/** The one kind of record a set of writes touches, or null when it touches several (or none). */
function singleKind(writes: LibraryWrites): keyof LibraryWrites | null {
  const kinds = (Object.keys(writes) as (keyof LibraryWrites)[]).filter((key) => {
    const value = writes[key]
    // Page images go with their articles' records, written before them in #apply.
    if (value === undefined || key === 'pageImages') return false
    if (key === 'tags' || key === 'settings') return true
    return ('size' in value ? value.size : (value as readonly unknown[]).length) > 0
  })
  return kinds.length === 1 ? kinds[0]! : null
}
