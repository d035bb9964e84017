import { applyDecisions, type DecidedPerson, type PersonDecision } from '../../common/dossier/decisions'
import { libraryPeople, type PeopleMemo } from '../../common/dossier/library-people'
import { MAX_PERSON_DECISIONS, type StoredPersonDecision } from '../../common/dossier/decision-schema'
import type { OrganisationDetail, OrganisationList, PeopleList, PersonDetail, PersonRow, TimelineFilter, TimelinePage } from '../../common/dossier/library-view'
import { mergeEvents, type TimelineEntry, type TimelineMemo } from '../../common/dossier/merge-events'
import { libraryOrganisations, type DossierOrganisation } from '../../common/dossier/library-organisations'
import { nameKey } from '../../common/dossier/tokens'
import { join } from 'node:path'
import { AppError } from '../../common/errors'
import type { LibraryChange } from '../../common/model/library-change'
import { descendantIds } from '../../common/themes/tag-tree'
import { mapLimit } from '../store/map-limit'
import type { LibraryStore } from '../store/library-store'
import { articleEntry, articleStamp, type ArticleEntry } from './article-entry'
import { filterTimeline, organisationDetail, organisationRow, personDetail, personRow, timelineRow, type Lookup } from './dossier-rows'
import { DOSSIER_CACHE_FILE, entryLine, readDossierCache, writeDossierCache } from './extraction-cache'

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
  organisations?: { readonly list: OrganisationList; readonly all: readonly DossierOrganisation[] }
}

/**
 * The library's dossier: people, organisations and timeline computed from the store's articles
 * (cleaned bodies only), with the user's decisions (kept in the settings, `dossierDecisions`)
 * applied over them.
 *
 * Caches, and how they stay in step with the store:
 * - per article, the engine's output (`ArticleEntry`), keyed by article id and stamped with what
 *   extraction depends on (revision, content hash, language, publication date). Filled on first
 *   use from the cache file (`cache/dossier-extractions.ndjson`, extraction-cache.ts) and, for
 *   articles it lacks or holds under another stamp, by extraction; saved back after each pass
 *   that changed something. So a library opened again extracts nothing, and an edit extracts one
 *   article. Once filled, the change feed keeps it up to date: changed articles are checked
 *   (and extracted again when their stamp moved) in the background, deleted ones removed, a
 *   restore (`everything`) checks all. Each use also compares every stamp with the index, so a
 *   missed record cannot leave a stale entry.
 * - the merged state (people with decisions, timeline, organisations), remade when an entry or
 *   the decisions changed since it was made; the merges keep memos (library-people.ts
 *   `PeopleMemo`, merge-events.ts `TimelineMemo`), so remaking it after an edit makes again only
 *   the people and dates the edited article touches.
 * - the People and Organisations lists as sent, until the next change of the store or decisions.
 */
export class LibraryDossier {
  readonly #store: LibraryStore
  readonly #entries = new Map<string, ArticleEntry>()
  /** Each entry's line in the cache file, once made (so a save stringifies only what changed). */
  readonly #lines = new Map<string, string>()
  readonly #cacheFile: string
  #filled = false
  /** Bumped whenever an entry is added, replaced or dropped. */
  #version = 0
  #merged: { state: LibraryDossierState; version: number; decisions: readonly PersonDecision[] | undefined } | null = null
  readonly #peopleMemo: PeopleMemo = new WeakMap()
  readonly #timelineMemo: TimelineMemo = new Map()
  /** Lists as sent, valid until the store or the state changes. */
  #lists: ListsCache | null = null
  /** One pass of re-extraction at a time; uses wait for the pass in progress. */
  #syncing: Promise<void> | null = null
  #syncScheduled = false
  /** The save in progress, and whether entries changed since it started. */
  #saving: Promise<void> | null = null
  #savedVersion = -1
  readonly #unsubscribe: () => void

  constructor(store: LibraryStore) {
    this.#store = store
    this.#cacheFile = join(store.dir, DOSSIER_CACHE_FILE)
    this.#unsubscribe = store.onChange((change) => this.#noteChange(change))
  }

  /** Stops following the store, after the cache file is written (when entries changed). */
  async close(): Promise<void> {
    this.#unsubscribe()
    await this.saved()
  }

  /** Resolves when the cache file holds every entry as it is now (at once when nothing is to save). */
  async saved(): Promise<void> {
    while (this.#saving !== null) await this.#saving
  }

  #set(id: string, entry: ArticleEntry | undefined): void {
    if (entry === undefined) {
      if (!this.#entries.delete(id)) return
    } else this.#entries.set(id, entry)
    this.#lines.delete(id)
    this.#version++
  }

  #noteChange(change: LibraryChange): void {
    // Titles and dates show in the rows: any article change makes the lists again.
    if (change.everything || change.articles.length > 0 || change.deletedArticles.length > 0) this.#lists = null
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
      cached = await readDossierCache(this.#cacheFile)
    } catch {
      // Damaged or unreadable: a cache, so it is ignored and written anew after this pass.
      cached = null
    }
    if (cached === null) return
    for (const [id, { entry, line }] of cached) {
      this.#entries.set(id, entry)
      this.#lines.set(id, line)
    }
    this.#version++
    // What the file holds is what is saved, as far as it goes; the pass below decides.
    this.#savedVersion = this.#version
  }

  async #syncOnce(): Promise<void> {
    if (!this.#filled && this.#entries.size === 0) await this.#loadCacheFile()
    const summaries = this.#store.listArticles()
    const listed = new Set<string>()
    const stale: string[] = []
    for (const summary of summaries) {
      listed.add(summary.id)
      if (this.#entries.get(summary.id)?.stamp !== articleStamp(summary)) stale.push(summary.id)
    }
    for (const id of [...this.#entries.keys()]) if (!listed.has(id)) this.#set(id, undefined)
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
    if (this.#version !== this.#savedVersion) this.#save()
  }

  /** Writes the cache file in the background (one save at a time; a save started later writes what changed meanwhile). */
  #save(): void {
    if (!this.#store.writable || this.#saving !== null) return
    const version = this.#version
    this.#saving = (async () => {
      const lines: string[] = []
      for (const summary of this.#store.listArticles()) {
        const entry = this.#entries.get(summary.id)
        if (entry === undefined) continue
        let line = this.#lines.get(summary.id)
        if (line === undefined) {
          line = entryLine(summary.id, entry)
          this.#lines.set(summary.id, line)
        }
        lines.push(line)
      }
      await writeDossierCache(this.#cacheFile, lines)
      this.#savedVersion = version
    })()
      .catch(() => undefined)
      .finally(() => {
        this.#saving = null
        if (this.#version !== this.#savedVersion && this.#savedVersion === version) this.#save()
      })
  }

  async #state(): Promise<LibraryDossierState> {
    await this.#sync()
    const decisions = this.#store.settings.dossierDecisions
    if (this.#merged !== null && this.#merged.version === this.#version && this.#merged.decisions === decisions) return this.#merged.state
    const version = this.#version
    const articles = this.#ordered()
    const extracted = libraryPeople(articles.map(({ id, entry }) => ({ articleId: id, people: entry.dossier.people })), this.#peopleMemo)
    const { people, dormant } = applyDecisions(extracted, decisions ?? [])
    const timeline = mergeEvents(articles.flatMap(({ entry }) => entry.dossier.events), this.#timelineMemo)
    const state = { people, timeline, dormant }
    this.#merged = { state, version, decisions }
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

  #lookup(): Lookup {
    return {
      summary: (id) => this.#store.findById(id),
      entry: (id) => this.#entries.get(id),
    }
  }

  /** Every person, hidden ones included (flagged), most mentioned first. */
  async people(): Promise<PeopleList> {
    const state = await this.#state()
    const lists = this.#listsFor(state)
    if (lists.people !== undefined) return lists.people
    const lookup = this.#lookup()
    const rows = state.people.map((person) => personRow(person, lookup))
    rows.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name))
    lists.people = { people: rows, articleCount: this.#entries.size }
    return lists.people
  }

  async #organisations(): Promise<{ list: OrganisationList; all: readonly DossierOrganisation[] }> {
    const state = await this.#state()
    const lists = this.#listsFor(state)
    if (lists.organisations !== undefined) return lists.organisations
    const all = libraryOrganisations(this.#ordered().map(({ id, entry }) => ({ articleId: id, organisations: entry.dossier.organisations })))
    const lookup = this.#lookup()
    const rows = all.map((organisation) => organisationRow(organisation, state.people, lookup))
    rows.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name))
    lists.organisations = { list: { organisations: rows, articleCount: this.#entries.size }, all }
    return lists.organisations
  }

  /** Every organisation found, most mentioned first. */
  async organisations(): Promise<OrganisationList> {
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
    const { people } = await this.#state()
    const person = findPerson(people, key)
    if (person === undefined) throw new AppError('dossier.unknownPerson', { name: key })
    return personDetail(person, this.#lookup())
  }

  /** The timeline, filtered, one page of it. */
  async timeline(filter: TimelineFilter, page: { offset: number; limit: number }): Promise<TimelinePage> {
    const { people, timeline } = await this.#state()
    const themeArticles = filter.tagId === undefined ? null : await this.#articlesOfTheme(filter.tagId)
    const matching = filterTimeline(timeline, filter, { people, themeArticles })
    const lookup = this.#lookup()
    const countries = [...new Set(people.flatMap((person) => person.countries))].sort((a, b) => a.localeCompare(b))
    return { entries: matching.slice(page.offset, page.offset + page.limit).map((entry) => timelineRow(entry, lookup)), total: matching.length, countries }
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
   * every later extraction (decisions.ts).
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

export function findPerson<P extends { readonly keys: readonly string[] }>(people: readonly P[], key: string): P | undefined {
  const wanted = nameKey(key)
  return people.find((person) => person.keys.includes(wanted))
}
