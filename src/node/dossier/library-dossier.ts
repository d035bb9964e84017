import { applyDecision, applyDecisions, type DecidedPerson, type DecisionOutcome, type PersonDecision } from '../../common/dossier/decisions'
import { personWithNames, type PeopleMemo, type PersonRef } from '../../common/dossier/library-people'
import { PeopleMerge } from '../../common/dossier/people-merge'
import { TimelineMerge } from '../../common/dossier/timeline-merge'
import { MAX_PERSON_DECISIONS, type StoredOrganisationDecision, type StoredPersonDecision } from '../../common/dossier/decision-schema'
import type { OrganisationDetail, OrganisationList, OrganisationRow, PeopleList, PersonDetail, PersonRow, TimelineFilter, TimelinePage } from '../../common/dossier/library-view'
import { applyOrganisationDecisions, type DecidedOrganisation } from '../../common/dossier/organisation-decisions'
import type { DossierPerson } from '../../common/dossier/library-people'
import type { ArticleSummary } from '../../common/model/article'
import type { TimelineEntry } from '../../common/dossier/merge-events'
import { libraryOrganisations } from '../../common/dossier/library-organisations'
import { nameKey } from '../../common/dossier/tokens'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { AppError } from '../../common/errors'
import type { LibraryChange } from '../../common/model/library-change'
import { descendantIds } from '../../common/themes/tag-tree'
import { mapLimit } from '../store/map-limit'
import type { LibraryStore } from '../store/library-store'
import { articleEntry, articleStamp, type ArticleEntry } from './article-entry'
import { filterTimeline, organisationDetail, organisationRow, personDetail, personRow, timelineRow, type Lookup } from './dossier-rows'
import { appendDossierCache, compactDossierCache, DOSSIER_CACHE_FILE, DOSSIER_CACHE_INDEX_FILE, entryLine, readDossierCache, readDossierRecords, removalLine, writeDossierIndex, type LogEntry, type LogPosition } from './extraction-cache'
import { basisDigest, DOSSIER_MERGE_FILE, mergeBasis, readSavedMerge, readSavedPeople, restoreMerge, savedMerge, writeSavedMerge, type SavedMerge } from './merge-snapshot'
import { decisionsDigest, DOSSIER_VIEWS_FILE, readDossierViews, viewsBasis, writeDossierViews, type DossierViews } from './views-snapshot'

/** What the library's dossier holds once computed: the people (decisions applied) and the timeline. */
export interface LibraryDossierState {
  readonly people: readonly DecidedPerson[]
  readonly timeline: readonly TimelineEntry[]
  /** Decisions that found no entry this time (kept, and applied again when their entry returns). */
  readonly dormant: readonly PersonDecision[]
}

/** What a brief's dossier sections are filled from: see `LibraryDossier.forArticles`. */
export interface ArticleSetDossier {
  /** The decided people mentioned in these articles (hidden ones left out), their mentions, roles and articles limited to them. */
  readonly people: readonly DecidedPerson[]
  /** The merged timeline entries reported by these articles, each limited to their reports. */
  readonly timeline: readonly TimelineEntry[]
}

/** The lists as last sent, for one state. */
interface ListsCache {
  readonly state: LibraryDossierState
  people?: PeopleList
  organisations?: { readonly list: OrganisationList; readonly all: readonly DecidedOrganisation[]; readonly decisions: readonly StoredOrganisationDecision[] }
  /** Every country the people carry, sorted (the Timeline's filter offers them). */
  countries?: readonly string[]
}

interface RowCache {
  readonly summaries: readonly ArticleSummary[]
  readonly byPerson: WeakMap<DecidedPerson, PersonRow>
  readonly byId: ReadonlyMap<string, ArticleSummary>
}

/** The timeline's first page as saved in the views file (what the Timeline view asks first). */
const SAVED_TIMELINE_PAGE = 200

/** A log holding more than this many records per current entry (plus slack) is compacted. */
const COMPACT_RATIO = 2
const COMPACT_SLACK = 64

/**
 * The library's dossier: people, organisations and timeline computed from the store's articles
 * (cleaned bodies only), with the user's decisions (kept in the settings, `dossierDecisions` and
 * `dossierOrganisationDecisions`) applied over them.
 *
 * Caches, and how they stay in step with the store:
 * - per article, the engine's output (`ArticleEntry`), keyed by article id and stamped with what
 *   extraction depends on (revision, content hash, language, publication date). Filled on first
 *   use from the extraction log (`cache/dossier-extractions.ndjson`, extraction-cache.ts) and, for
 *   articles it lacks or holds under another stamp, by extraction; each pass that changed entries
 *   appends their records to the log (or compacts it when it holds mostly dead records or was
 *   damaged). So a library opened again extracts nothing, and an edit extracts and appends one
 *   article. Through the log's offset table, a library opened again reads no record until its
 *   article is shown or merged (`#unread`, `#read`: each record checked then, a damaged one's
 *   article extracted again); a person's mentions before the merged state exists are made from the
 *   saved merge and that person's records alone (`#personFromSavedMerge`). Once filled, the change feed keeps it up to date: changed articles are checked (and
 *   extracted again when their stamp moved) in the background, deleted ones removed, a restore
 *   (`everything`) checks all. Each use also compares every stamp with the index, so a missed
 *   record cannot leave a stale entry.
 * - the merged state (people with decisions, timeline), brought in step when entries changed
 *   since it was made: the incremental merges (people-merge.ts, timeline-merge.ts) make again
 *   only the people and dates the changed articles touch. Saved at close
 *   (`cache/dossier-merge.json`, merge-snapshot.ts) as references into the entries with each
 *   article's stamp, and read on the first merge after opening; articles whose stamp moved
 *   meanwhile are merged again, so the file is never served stale. Decisions are an overlay: one decision added to those the state was made with is one
 *   step over the decided people (decisions.ts `applyDecision`), not a new merge; rows are kept
 *   per decided person, so only the rows of the people a change touched are made again.
 * - the People, Organisations and first Timeline page as last served, saved at close in
 *   `cache/dossier-views.json` (views-snapshot.ts): a library opened again serves them from there,
 *   without reading the log or merging, while nothing has changed since; the merged state is made
 *   in the background right after, for the calls that need it (a person's mentions, a filter).
 */
export class LibraryDossier {
  readonly #store: LibraryStore
  /** The entries read or extracted. */
  readonly #entries = new Map<string, ArticleEntry>()
  /** The entries still only in the log (its offset table listed them), read when shown or merged (`#read`). */
  readonly #unread = new Map<string, LogPosition>()
  /** Each entry's current record in the log, for the offset table. */
  #positions = new Map<string, LogPosition>()
  /** The log's generation and length as this opening last wrote or read it (null: no log with a generation). */
  #generation: string | null = null
  #logBytes = 0
  /** The log length the offset table on disk covers (-1: none known). */
  #indexOnDisk = -1
  readonly #indexFile: string
  /** The saved merge as read, until the merged state exists (a person's detail and the restore share it). */
  #savedMergeRead: Promise<SavedMerge | null> | null = null
  /** Each entry's record in the log, once made (so a compaction stringifies only what changed). */
  readonly #lines = new Map<string, string>()
  readonly #cacheFile: string
  readonly #viewsFile: string
  readonly #mergeFile: string
  /** What the saved merge on disk was made from (`mergeBasis`), so that close writes it only when it would differ. */
  #mergeOnDisk: string | null = null
  /** The saved merge, read once for the first merge after opening (calls at once share it; the first to finish keeps it). */
  #restore: Promise<{ people: PeopleMerge; timeline: TimelineMerge } | null> | null = null
  #filled = false
  /** Bumped whenever an entry is added, replaced or dropped. */
  #version = 0
  /** Ids whose entry changed (or went) since the log last recorded them. */
  #dirty = new Set<string>()
  /** Records the log holds (current or not); null when the log must be written whole (none, damaged, another version). */
  #logRecords: number | null = null
  #merged: Merged | null = null
  /** Ids whose entry changed (or went) since the merges were last made or brought in step. */
  #changedSinceMerge = new Set<string>()
  readonly #peopleMemo: PeopleMemo = new WeakMap()
  readonly #undecidedMemo = new WeakMap<DossierPerson, DecidedPerson>()
  /** Rows made per decided person, valid for one list of summaries (titles and dates show in rows). */
  #rows: RowCache | null = null
  /** Lists as sent, valid until the store or the state changes. */
  #lists: ListsCache | null = null
  /** The saved views: undefined until looked at, null when there are none to serve. */
  #views: DossierViews | null | undefined = undefined
  /** The basis and decisions the views file on disk was made from, so that close writes it only when it would differ. */
  #viewsOnDisk: string | null = null
  /** The background merge after views were served from the file. */
  #warming: Promise<void> | null = null
  /** One pass of re-extraction at a time; uses wait for the pass in progress. */
  #syncing: Promise<void> | null = null
  #syncScheduled = false
  /** The save in progress. */
  #saving: Promise<void> | null = null
  #closed = false
  readonly #unsubscribe: () => void

  constructor(store: LibraryStore) {
    this.#store = store
    this.#cacheFile = join(store.dir, DOSSIER_CACHE_FILE)
    this.#indexFile = join(store.dir, DOSSIER_CACHE_INDEX_FILE)
    this.#viewsFile = join(store.dir, DOSSIER_VIEWS_FILE)
    this.#mergeFile = join(store.dir, DOSSIER_MERGE_FILE)
    this.#unsubscribe = store.onChange((change) => this.#noteChange(change))
  }

  /** Stops following the store, after the log holds every entry and the views file the views as they are. */
  async close(): Promise<void> {
    this.#closed = true
    this.#unsubscribe()
    await this.#warming
    await this.saved()
    await this.#saveViews().catch(() => undefined)
    await this.#saveMerge().catch(() => undefined)
    // Making the state for the files above may have extracted an article: its record too.
    await this.saved()
    await this.#saveIndex().catch(() => undefined)
  }

  /** Writes the log's offset table when the log is sound, fully recorded, and longer than the table on disk covers. */
  async #saveIndex(): Promise<void> {
    if (!this.#store.writable || this.#generation === null || this.#logRecords === null || this.#dirty.size > 0 || this.#indexOnDisk === this.#logBytes) return
    const bytes = this.#logBytes
    await writeDossierIndex(this.#indexFile, { generation: this.#generation, bytes, count: this.#logRecords, positions: this.#positions })
    this.#indexOnDisk = bytes
  }

  /** Writes the saved merge when the merges exist and the file holds another. */
  async #saveMerge(): Promise<void> {
    if (this.#merged === null || !this.#store.writable) return
    await this.#state()
    const merged = this.#merged
    const basis = mergeBasis(merged.order, this.#entries)
    if (this.#mergeOnDisk === basis) return
    await writeSavedMerge(this.#mergeFile, savedMerge(merged.order, this.#entries, merged.people, merged.timeline))
    this.#mergeOnDisk = basis
  }

  /** Resolves when the log holds every entry as it is now (at once when nothing is to save). */
  async saved(): Promise<void> {
    while (this.#saving !== null) await this.#saving
  }

  #set(id: string, entry: ArticleEntry | undefined): void {
    const had = this.#entries.delete(id)
    const unread = this.#unread.delete(id)
    // Gone: nothing to do unless an entry or its record existed.
    if (entry === undefined && !had && !unread && !this.#positions.has(id)) return
    if (entry !== undefined) this.#entries.set(id, entry)
    this.#lines.delete(id)
    this.#dirty.add(id)
    this.#changedSinceMerge.add(id)
    this.#version++
  }

  #noteChange(change: LibraryChange): void {
    // Titles and dates show in the rows: any article change makes the lists again, and the saved views no longer apply.
    if (change.everything || change.articles.length > 0 || change.deletedArticles.length > 0) {
      this.#lists = null
      this.#views = null
    }
    for (const id of change.deletedArticles) this.#set(id, undefined)
    // Once the dossier is in use, changed articles are checked (their stamps) as soon as this thread is free.
    if (this.#filled && !this.#syncScheduled && (change.everything || change.articles.length > 0)) {
      this.#syncScheduled = true
      setImmediate(() => {
        this.#syncScheduled = false
        this.#sync().catch(() => undefined)
      })
    }
  }

  /** Brings the per-article cache in step with the index: extracts what is missing or stale, drops what is gone. */
  #sync(): Promise<void> {
    this.#syncing ??= this.#syncOnce().finally(() => (this.#syncing = null))
    return this.#syncing
  }

  async #loadCacheFile(): Promise<void> {
    let cached: Awaited<ReturnType<typeof readDossierCache>> = null
    try {
      cached = await readDossierCache(this.#cacheFile, this.#indexFile)
    } catch {
      // Unreadable: a cache, so it is ignored and written anew after this pass.
      cached = null
    }
    if (cached === null) return
    for (const [id, { entry, line }] of cached.entries) {
      this.#entries.set(id, entry)
      this.#lines.set(id, line)
    }
    for (const [id, position] of cached.unread) this.#unread.set(id, position)
    this.#positions = cached.positions
    this.#generation = cached.generation
    this.#logBytes = cached.bytes
    this.#indexOnDisk = cached.indexed ?? -1
    this.#version++
    // A damaged log is written whole at the next save; a sound one takes appends.
    this.#logRecords = cached.damaged ? null : cached.records
  }

  /** The stamp of an article's entry, read or not. */
  #stampOf(id: string): string | undefined {
    return this.#entries.get(id)?.stamp ?? this.#unread.get(id)?.stamp
  }

  /** How many articles have an entry. */
  #entryCount(): number {
    return this.#entries.size + this.#unread.size
  }

  /**
   * Reads the entries of these articles that are still only in the log, each record checked before
   * it is trusted: a damaged one's article is extracted again (and the log written whole at the
   * next save).
   */
  async #read(ids: Iterable<string>): Promise<void> {
    const wanted: [string, LogPosition][] = []
    for (const id of ids) {
      const position = this.#unread.get(id)
      if (position !== undefined) wanted.push([id, position])
    }
    if (wanted.length === 0) return
    let found: Map<string, LogEntry | null>
    try {
      found = await readDossierRecords(this.#cacheFile, wanted)
    } catch {
      // The log unreadable: every record wanted counts as damaged.
      found = new Map()
    }
    const damaged: string[] = []
    for (const [id, position] of wanted) {
      // Read meanwhile by another call, or replaced by an extraction: that one stands.
      if (this.#unread.get(id) !== position) continue
      const record = found.get(id) ?? null
      if (record === null) {
        damaged.push(id)
        continue
      }
      this.#unread.delete(id)
      this.#entries.set(id, record.entry)
      this.#lines.set(id, record.line)
    }
    if (damaged.length === 0) return
    this.#logRecords = null
    await mapLimit(damaged, 8, async (id) => {
      const article = await this.#store.getArticle(id)
      this.#set(id, article === null ? undefined : articleEntry(article))
    })
    this.#save()
  }

  async #syncOnce(): Promise<void> {
    if (!this.#filled && this.#entryCount() === 0) await this.#loadCacheFile()
    const summaries = this.#store.listArticles()
    const listed = new Set<string>()
    const stale: string[] = []
    for (const summary of summaries) {
      listed.add(summary.id)
      if (this.#stampOf(summary.id) !== articleStamp(summary)) stale.push(summary.id)
    }
    for (const id of [...this.#entries.keys(), ...this.#unread.keys()]) if (!listed.has(id)) this.#set(id, undefined)
    await mapLimit(stale, 8, async (id) => {
      const article = await this.#store.getArticle(id)
      // A body that cannot be read yields nothing (the store reports the loss).
      if (article === null) {
        this.#set(id, undefined)
        return
      }
      this.#set(id, articleEntry(article))
    })
    this.#filled = true
    if (this.#dirty.size > 0 || this.#logRecords === null) this.#save()
  }

  #lineOf(id: string, entry: ArticleEntry): string {
    let line = this.#lines.get(id)
    if (line === undefined) {
      line = entryLine(id, entry)
      this.#lines.set(id, line)
    }
    return line
  }

  /**
   * Records what changed in the log, in the background (one save at a time; a save started later
   * records what changed meanwhile): the changed articles' records appended, or the whole log
   * written anew when it is missing, damaged or mostly dead records.
   */
  #save(): void {
    if (!this.#store.writable || this.#saving !== null) return
    const dirty = this.#dirty
    this.#dirty = new Set()
    const records = this.#logRecords
    this.#saving = (async () => {
      if (records === null || this.#generation === null || records + dirty.size > COMPACT_RATIO * this.#entryCount() + COMPACT_SLACK) {
        // Written whole: every record, so those still only in the log are read first.
        await this.#read([...this.#unread.keys()])
        const lines: [string, string, string][] = []
        for (const summary of this.#store.listArticles()) {
          const entry = this.#entries.get(summary.id)
          if (entry !== undefined) lines.push([summary.id, entry.stamp, this.#lineOf(summary.id, entry)])
        }
        const layout = await compactDossierCache(this.#cacheFile, lines)
        this.#positions = layout.positions
        this.#generation = layout.generation
        this.#logBytes = layout.bytes
        this.#logRecords = lines.length
        this.#indexOnDisk = -1
        // The offset table of the new log (a library opened again reads records one by one); without it the log is read whole.
        await this.#saveIndex().catch(() => undefined)
        return
      }
      const ids = [...dirty]
      const entries = ids.map((id) => this.#entries.get(id))
      const lines = ids.map((id, index) => {
        const entry = entries[index]
        return entry === undefined ? removalLine(id) : this.#lineOf(id, entry)
      })
      const { start, lengths } = await appendDossierCache(this.#cacheFile, lines)
      let offset = start
      for (const [index, id] of ids.entries()) {
        const entry = entries[index]
        if (entry === undefined) this.#positions.delete(id)
        else this.#positions.set(id, { stamp: entry.stamp, offset, length: lengths[index]! })
        offset += lengths[index]! + 1
      }
      this.#logBytes = offset
      this.#logRecords = records + lines.length
    })()
      .catch(() => {
        // Not recorded: those ids stay to record, and the log (perhaps torn) is written whole next time.
        for (const id of dirty) this.#dirty.add(id)
        this.#logRecords = null
      })
      .finally(() => {
        this.#saving = null
        if (this.#dirty.size > 0 && this.#logRecords !== null) this.#save()
      })
  }

  /** The saved views, when they were made from the library as it is now and nothing was merged since. */
  async #savedViews(): Promise<DossierViews | null> {
    if (this.#merged !== null) return null
    if (this.#views === undefined) {
      const views = await readDossierViews(this.#viewsFile)
      // A change noted while reading decides (it set null).
      if (this.#views === undefined) {
        const fresh = views !== null && views.basis === viewsBasis(this.#store.listArticles()) && views.decisions === this.#decisionsDigest()
        this.#views = fresh ? views : null
        if (fresh) this.#viewsOnDisk = `${views.basis}|${views.decisions}`
      }
    }
    return this.#views
  }

  #decisionsDigest(): string {
    const settings = this.#store.settings
    return decisionsDigest([settings.dossierDecisions ?? [], settings.dossierOrganisationDecisions ?? []])
  }

  /** After serving saved views: the merged state made in the background, for the calls that need it. */
  #warmUp(): void {
    if (this.#warming !== null || this.#closed) return
    this.#warming = nextTurn()
      .then(() => (this.#closed ? undefined : this.#state().then(() => undefined)))
      .catch(() => undefined)
  }

  /** Writes the views file when the state is merged and the file holds other views. */
  async #saveViews(): Promise<void> {
    if (this.#merged === null || !this.#store.writable) return
    const basis = viewsBasis(this.#store.listArticles())
    const decisions = this.#decisionsDigest()
    if (this.#viewsOnDisk === `${basis}|${decisions}`) return
    const people = await this.people()
    const organisations = await this.organisations()
    const timeline = await this.timeline({}, { offset: 0, limit: SAVED_TIMELINE_PAGE })
    await writeDossierViews(this.#viewsFile, { basis, decisions, people, organisations, timeline })
    this.#viewsOnDisk = `${basis}|${decisions}`
  }

  async #state(): Promise<LibraryDossierState> {
    await this.#sync()
    // Merging reads every article's people and events: the records still only in the log are read now.
    await this.#read([...this.#unread.keys()])
    const decisions = this.#store.settings.dossierDecisions
    const merged = this.#merged
    if (merged !== null && merged.version === this.#version) {
      if (merged.decisions === decisions) return merged.state
      // Decisions added since: each one more is one step over the people as decided (an overlay), no merge.
      const before = merged.decisions ?? []
      const now = decisions ?? []
      if (now.length > before.length && before.every((decision, i) => sameDecision(now[i], decision))) {
        let outcome = merged.outcome
        for (const decision of now.slice(before.length)) outcome = applyDecision(outcome, decision)
        return this.#keep({ ...merged, decisions }, outcome)
      }
      return this.#keep({ ...merged, decisions }, applyDecisions(merged.people.people, now, this.#undecidedMemo))
    }
    const version = this.#version
    const articles = this.#ordered().map(({ id, entry }) => ({ articleId: id, people: entry.dossier.people, events: entry.dossier.events }))
    const order = articles.map(({ articleId }) => articleId)
    const changed = this.#changedSinceMerge
    this.#changedSinceMerge = new Set()
    if (merged !== null && changed.size <= Math.max(INCREMENTAL_MIN, articles.length * INCREMENTAL_SHARE) && sameOrderBesides(merged.order, order, changed)) {
      // Few articles changed: the merges make again only what they touch (people-merge.ts, timeline-merge.ts).
      merged.people.update(articles, changed, this.#peopleMemo)
      merged.timeline.update(articles, changed)
      return this.#keep({ ...merged, version, decisions, order }, applyDecisions(merged.people.people, decisions ?? [], this.#undecidedMemo))
    }
    if (merged === null && this.#restore === null) {
      this.#restore = this.#restoredMerge(order)
      const restored = await this.#restore
      // Entries may have changed while the file was read: merged whole then, to be sure.
      if (restored !== null && this.#version === version && this.#merged === null) {
        return this.#keep({ version, decisions, order, people: restored.people, timeline: restored.timeline }, applyDecisions(restored.people.people, decisions ?? [], this.#undecidedMemo))
      }
    }
    if (merged === null && this.#restore !== null) {
      // Another call is reading the saved merge: its result serves this one too.
      await this.#restore
      if (this.#merged !== null) {
        this.#changedSinceMerge = new Set([...changed, ...this.#changedSinceMerge])
        return this.#state()
      }
    }
    const people = PeopleMerge.of(articles, this.#peopleMemo)
    const timeline = TimelineMerge.of(articles)
    return this.#keep({ version, decisions, order, people, timeline }, applyDecisions(people.people, decisions ?? [], this.#undecidedMemo))
  }

  /**
   * The merges from the saved merge (merge-snapshot.ts), brought in step with the entries as they
   * are: what changed since it was written is merged again. Null when there is no usable file, or
   * when so much changed that a whole merge costs less.
   */
  async #restoredMerge(order: readonly string[]): Promise<{ people: PeopleMerge; timeline: TimelineMerge } | null> {
    try {
      return await this.#restoreFromFile(order)
    } catch {
      // A file of the right outline whose inner fields are damaged: a cache, so merged whole (the
      // caller), never an error that would keep People and Timeline failing until a restart.
      return null
    }
  }

  async #restoreFromFile(order: readonly string[]): Promise<{ people: PeopleMerge; timeline: TimelineMerge } | null> {
    const saved = await this.#savedMerge()
    if (saved === null) return null
    const current = order.map((id) => ({ id, entry: this.#entries.get(id)! }))
    if (current.some(({ entry }) => entry === undefined)) return null
    const restored = restoreMerge(saved, current)
    if (restored === null) return null
    const { people, timeline, changed, seeds } = restored
    if (changed.size > Math.max(INCREMENTAL_MIN, order.length * INCREMENTAL_SHARE)) return null
    if (!sameOrderBesides(saved.articles.map(([id]) => id), order, changed)) return null
    if (changed.size > 0 || seeds.length > 0) {
      const articles = current.map(({ id, entry }) => ({ articleId: id, people: entry.dossier.people, events: entry.dossier.events }))
      people.update(articles, changed, this.#peopleMemo, seeds)
      timeline.update(articles, changed)
    } else this.#mergeOnDisk = mergeBasis(order, this.#entries)
    return { people, timeline }
  }

  #keep(merged: Omit<Merged, 'state' | 'outcome'>, outcome: DecisionOutcome): LibraryDossierState {
    const state = { people: outcome.people, timeline: merged.timeline.timeline, dormant: outcome.dormant }
    this.#merged = { ...merged, state, outcome }
    this.#views = null
    this.#savedMergeRead = null
    return state
  }

  /** The lists cache, for the state given (dropped when the state is another). */
  #listsFor(state: LibraryDossierState): ListsCache {
    if (this.#lists === null || this.#lists.state !== state) this.#lists = { state }
    return this.#lists
  }

  /** The cached entries in the index's order (newest import last), so results do not depend on fill order. */
  #ordered(): { id: string; entry: ArticleEntry }[] {
    return this.#store.listArticles().flatMap((summary) => {
      const entry = this.#entries.get(summary.id)
      return entry === undefined ? [] : [{ id: summary.id, entry }]
    })
  }

  /**
   * Summaries by id (one map per list of summaries: a lookup per row must not scan the index) and
   * the row memo. The memo outlives a list of summaries: a row reads of the summaries only the
   * publication dates of the person's articles, which are in their stamps, and an article whose
   * stamp moved is extracted again, so every person it holds is a new object with a new row.
   */
  #rowCache(): RowCache {
    const summaries = this.#store.listArticles()
    if (this.#rows === null || this.#rows.summaries !== summaries) {
      this.#rows = { summaries, byPerson: this.#rows?.byPerson ?? new WeakMap(), byId: new Map(summaries.map((summary) => [summary.id, summary])) }
    }
    return this.#rows
  }

  #lookup(): Lookup {
    const { byId } = this.#rowCache()
    return {
      summary: (id) => byId.get(id),
      entry: (id) => this.#entries.get(id),
    }
  }

  /** Every person, hidden ones included (flagged), most mentioned first. */
  async people(): Promise<PeopleList> {
    const saved = await this.#savedViews()
    if (saved !== null) {
      this.#warmUp()
      return saved.people
    }
    const state = await this.#state()
    const lists = this.#listsFor(state)
    if (lists.people !== undefined) return lists.people
    const lookup = this.#lookup()
    const { byPerson } = this.#rowCache()
    const rows = state.people.map((person) => {
      let row = byPerson.get(person)
      if (row === undefined) {
        row = personRow(person, lookup)
        byPerson.set(person, row)
      }
      return row
    })
    rows.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name))
    lists.people = { people: rows, articleCount: this.#entryCount() }
    return lists.people
  }

  async #organisations(): Promise<{ list: OrganisationList; all: readonly DecidedOrganisation[] }> {
    const state = await this.#state()
    const lists = this.#listsFor(state)
    const decisions = this.#store.settings.dossierOrganisationDecisions ?? []
    if (lists.organisations !== undefined && lists.organisations.decisions === decisions) return lists.organisations
    const extracted = libraryOrganisations(this.#ordered().map(({ id, entry }) => ({ articleId: id, organisations: entry.dossier.organisations })))
    const all = applyOrganisationDecisions(extracted, decisions).organisations
    const lookup = this.#lookup()
    const rows = all.map((organisation) => organisationRow(organisation, state.people, lookup))
    rows.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name))
    lists.organisations = { list: { organisations: rows, articleCount: this.#entryCount() }, all, decisions }
    return lists.organisations
  }

  /** Every organisation found, hidden ones included (flagged), most mentioned first. */
  async organisations(): Promise<OrganisationList> {
    const saved = await this.#savedViews()
    if (saved !== null) {
      this.#warmUp()
      return saved.organisations
    }
    return (await this.#organisations()).list
  }

  /** One organisation with every mention linked to its passage; AppError when no entry has the key. */
  async organisation(key: string): Promise<OrganisationDetail> {
    const { all } = await this.#organisations()
    const organisation = findPerson(all, key)
    if (organisation === undefined) throw new AppError('dossier.unknownOrganisation', { name: key })
    return organisationDetail(organisation, (await this.#state()).people, this.#lookup())
  }

  /** One person with every mention linked to its passage; AppError when no entry has the key. */
  async person(key: string): Promise<PersonDetail> {
    if (this.#merged === null) {
      const early = await this.#personFromSavedMerge(key).catch(() => null)
      if (early !== null) return early
    }
    const { people } = await this.#state()
    const person = findPerson(people, key)
    if (person === undefined) throw new AppError('dossier.unknownPerson', { name: key })
    return personDetail(person, this.#lookup())
  }

  /** The timeline, filtered, one page of it. */
  async timeline(filter: TimelineFilter, page: { offset: number; limit: number }): Promise<TimelinePage> {
    const unfiltered = Object.values(filter).every((value) => value === undefined)
    if (unfiltered && page.offset === 0) {
      const saved = await this.#savedViews()
      if (saved !== null && (page.limit <= saved.timeline.entries.length || saved.timeline.entries.length === saved.timeline.total)) {
        this.#warmUp()
        return { ...saved.timeline, entries: saved.timeline.entries.slice(0, page.limit) }
      }
    }
    const state = await this.#state()
    const { people, timeline } = state
    const themeArticles = filter.tagId === undefined ? null : await this.#articlesOfTheme(filter.tagId)
    // Unfiltered (the first paint): the timeline itself, not a copy of it.
    const matching = unfiltered ? timeline : filterTimeline(timeline, filter, { people, themeArticles })
    const lookup = this.#lookup()
    const lists = this.#listsFor(state)
    lists.countries ??= [...new Set(people.flatMap((person) => person.countries))].sort((a, b) => a.localeCompare(b))
    return { entries: matching.slice(page.offset, page.offset + page.limit).map((entry) => timelineRow(entry, lookup)), total: matching.length, countries: lists.countries }
  }

  /** The saved merge, read once until the merged state exists. */
  #savedMerge(): Promise<SavedMerge | null> {
    this.#savedMergeRead ??= readSavedMerge(this.#mergeFile)
    return this.#savedMergeRead
  }

  /**
   * A person's detail before the merged state exists (a library opened again), from the saved
   * merge: only the person entries that the key or a stored decision names are made, from the
   * records of their articles alone (the log read one record at a time). The same as the merged
   * state gives: decisions address entries by key only, so applied over every entry any of them
   * (or the key asked) names, in the merge's order, they give those entries as over all of them.
   * Null when the saved merge is not the library as it is now (an article added, removed, edited
   * or moved since it was written) or names no such entry: the merged state answers then.
   */
  async #personFromSavedMerge(key: string): Promise<PersonDetail | null> {
    await this.#sync()
    const saved = await readSavedPeople(this.#mergeFile)
    if (saved === null || this.#merged !== null) return null
    const order = this.#store.listArticles().flatMap((summary) => (this.#stampOf(summary.id) === undefined ? [] : [summary.id]))
    const stamps = new Map(order.map((id) => [id, this.#stampOf(id)!]))
    if (basisDigest(order.map((id) => `${id}\t${stamps.get(id)!}`).join('\n')) !== saved.basis) return null
    const decisions = this.#store.settings.dossierDecisions ?? []
    const named = new Set([nameKey(key), ...decisions.flatMap(decisionNames).map(nameKey)])
    const chosen = saved.people.filter((person) => person.keys.some((one) => named.has(one)))
    if (chosen.length === 0) return null
    const idAt = (article: number): string | undefined => saved.ids[article]
    await this.#read(chosen.flatMap((person) => person.refs.flatMap(([article]) => idAt(article) ?? [])))
    if (this.#merged !== null) return null
    const built: DossierPerson[] = []
    for (const person of chosen) {
      const refs: PersonRef[] = []
      for (const [article, item] of person.refs) {
        const id = idAt(article)
        const found = id === undefined ? undefined : this.#entries.get(id)?.dossier.people[item]
        // A record re-extracted meanwhile under another stamp: the merged state answers.
        if (id === undefined || found === undefined || this.#entries.get(id)!.stamp !== stamps.get(id)) return null
        refs.push({ person: found, articleId: id })
      }
      built.push(personWithNames(refs, person.names, person.keys))
    }
    const person = findPerson(applyDecisions(built, decisions).people, key)
    if (person === undefined) return null
    // The summaries of this person's articles only (a map of the whole index costs more than the detail).
    const articles = new Set([...person.articleIds, ...person.mentions.map((mention) => mention.articleId)])
    const byId = new Map<string, ArticleSummary>()
    for (const summary of this.#store.listArticles()) if (articles.has(summary.id)) byId.set(summary.id, summary)
    return personDetail(person, { summary: (id) => byId.get(id), entry: (id) => this.#entries.get(id) })
  }

  async #articlesOfTheme(tagId: string): Promise<Set<string>> {
    const tags = this.#store.listTags()
    if (!tags.some((tag) => tag.id === tagId)) throw new AppError('tag.notFound', { id: tagId })
    const ids = descendantIds(tags, tagId)
    const articles = new Set<string>()
    for (const annotation of await this.#store.allAnnotations()) {
      if (annotation.tagIds.some((id) => ids.has(id))) articles.add(annotation.articleId)
    }
    return articles
  }

  /**
   * Records one decision about a person, through the store (one settings write, durable and
   * announced like any other). The decision must find its entry now; it keeps applying over
   * every later extraction (decisions.ts). Applied as one step over the people as decided.
   */
  async decide(decision: StoredPersonDecision): Promise<PersonRow> {
    const { people } = await this.#state()
    const keys = decision.kind === 'merge' ? decision.keys : [decision.key]
    for (const key of keys) if (findPerson(people, key) === undefined) throw new AppError('dossier.unknownPerson', { name: key })
    await this.#store.update({}, (current) => {
      const decisions = [...(current.settings.dossierDecisions ?? []), decision]
      if (decisions.length > MAX_PERSON_DECISIONS) throw new AppError('dossier.tooManyDecisions', { count: MAX_PERSON_DECISIONS })
      return { writes: { settings: { ...current.settings, dossierDecisions: decisions } }, value: undefined }
    })
    const after = await this.#state()
    const wanted = decision.kind === 'merge' ? decision.keys[0]! : decision.kind === 'rename' || decision.kind === 'split' ? decision.name : decision.key
    const person = findPerson(after.people, wanted) ?? findPerson(after.people, keys[0]!)
    if (person === undefined) throw new AppError('dossier.unknownPerson', { name: wanted })
    return personRow(person, this.#lookup())
  }

  /** Records one decision about an organisation, as `decide` does for a person (its own list in the settings). */
  async decideOrganisation(decision: StoredOrganisationDecision): Promise<OrganisationRow> {
    const { all } = await this.#organisations()
    const keys = decision.kind === 'merge' ? decision.keys : [decision.key]
    for (const key of keys) if (findPerson(all, key) === undefined) throw new AppError('dossier.unknownOrganisation', { name: key })
    await this.#store.update({}, (current) => {
      const decisions = [...(current.settings.dossierOrganisationDecisions ?? []), decision]
      if (decisions.length > MAX_PERSON_DECISIONS) throw new AppError('dossier.tooManyDecisions', { count: MAX_PERSON_DECISIONS })
      return { writes: { settings: { ...current.settings, dossierOrganisationDecisions: decisions } }, value: undefined }
    })
    const after = await this.#organisations()
    const wanted = decision.kind === 'merge' ? decision.keys[0]! : decision.kind === 'rename' ? decision.name : decision.key
    const organisation = findPerson(after.all, wanted) ?? findPerson(after.all, keys[0]!)
    if (organisation === undefined) throw new AppError('dossier.unknownOrganisation', { name: wanted })
    return organisationRow(organisation, (await this.#state()).people, this.#lookup())
  }

  /**
   * The dossier of a set of articles (a brief's sources): the library's decided people, hidden
   * ones left out, limited to their mentions in these articles; and the library's merged timeline
   * entries reported by these articles, limited to those reports. People and events are merged
   * across the whole library first, so "Đại sứ Kim Hoa" in one source is still Phạm Thị Kim Hoa
   * named in full in another.
   */
  async forArticles(articleIds: readonly string[]): Promise<ArticleSetDossier> {
    const wanted = new Set(articleIds)
    const { people, timeline } = await this.#state()
    return {
      people: people.flatMap((person) => {
        if (person.hidden) return []
        const mentions = person.mentions.filter((mention) => wanted.has(mention.articleId))
        if (mentions.length === 0) return []
        return [{ ...person, mentions, roles: person.roles.filter((role) => wanted.has(role.articleId)), articleIds: person.articleIds.filter((id) => wanted.has(id)) }]
      }),
      timeline: timeline.flatMap((entry) => {
        const events = entry.events.filter((event) => wanted.has(event.articleId))
        return events.length === 0 ? [] : [{ ...entry, events, articleIds: entry.articleIds.filter((id) => wanted.has(id)) }]
      }),
    }
  }
}

/** What the merged state was made from and with. */
interface Merged {
  readonly state: LibraryDossierState
  /** The entries' version it was made from. */
  readonly version: number
  readonly decisions: readonly PersonDecision[] | undefined
  readonly outcome: DecisionOutcome
  /** The merges, brought in step after an edit rather than made again. */
  readonly people: PeopleMerge
  readonly timeline: TimelineMerge
  /** The ids of the articles merged, in the library's order. */
  readonly order: readonly string[]
}

/** A change of at most this many articles (or this share of the library) is merged incrementally. */
const INCREMENTAL_MIN = 64
const INCREMENTAL_SHARE = 0.1

/** Whether the articles that did not change are in the same order in both lists (the incremental merges need it). */
function sameOrderBesides(before: readonly string[], after: readonly string[], changed: ReadonlySet<string>): boolean {
  let j = 0
  for (const id of before) {
    if (changed.has(id)) continue
    while (j < after.length && changed.has(after[j]!)) j++
    if (after[j] !== id) return false
    j++
  }
  while (j < after.length && changed.has(after[j]!)) j++
  return j === after.length
}

/** Every name a decision addresses an entry by, or gives one. */
function decisionNames(decision: PersonDecision): readonly string[] {
  switch (decision.kind) {
    case 'merge':
      return decision.keys
    case 'rename':
    case 'split':
      return [decision.key, decision.name]
    default:
      return [decision.key]
  }
}

/** The same decision (the store may hand back equal copies rather than the objects it was given). */
function sameDecision(a: PersonDecision | undefined, b: PersonDecision): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

export function findPerson<P extends { readonly keys: readonly string[] }>(people: readonly P[], key: string): P | undefined {
  const wanted = nameKey(key)
  return people.find((person) => person.keys.includes(wanted))
}
