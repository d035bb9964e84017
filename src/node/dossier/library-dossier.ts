import { applyDecisions, type DecidedPerson, type PersonDecision } from '../../common/dossier/decisions'
import { libraryPeople } from '../../common/dossier/library-people'
import { MAX_PERSON_DECISIONS, type StoredPersonDecision } from '../../common/dossier/decision-schema'
import type { PeopleList, PersonDetail, PersonRow, TimelineFilter, TimelinePage } from '../../common/dossier/library-view'
import { mergeEvents, type TimelineEntry } from '../../common/dossier/merge-events'
import { nameKey } from '../../common/dossier/tokens'
import { AppError } from '../../common/errors'
import type { LibraryChange } from '../../common/model/library-change'
import { descendantIds } from '../../common/themes/tag-tree'
import { mapLimit } from '../store/map-limit'
import type { LibraryStore } from '../store/library-store'
import { articleEntry, articleStamp, type ArticleEntry } from './article-entry'
import { filterTimeline, personDetail, personRow, timelineRow, type Lookup } from './dossier-rows'

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

/**
 * The library's dossier: people and timeline computed from the store's articles (cleaned bodies
 * only), with the user's decisions (kept in the settings, `dossierDecisions`) applied over them.
 *
 * Caches, and how they stay in step with the store:
 * - per article, the engine's output (`ArticleEntry`), keyed by article id and stamped with what
 *   extraction depends on (revision, content hash, language, publication date). It is filled on
 *   first use (nothing runs at import, so imports keep their speed) and, once filled, kept up to
 *   date from the store's change feed: changed articles are dropped and re-extracted in the
 *   background, deleted ones removed, a restore (`everything`) starts over. Each use also
 *   compares every stamp with the index, so a missed record cannot leave a stale entry.
 * - the merged state (people with decisions, timeline), recomputed when any article entry or the
 *   decisions changed since it was made.
 */
export class LibraryDossier {
  readonly #store: LibraryStore
  readonly #entries = new Map<string, ArticleEntry>()
  #filled = false
  #merged: { state: LibraryDossierState; decisions: readonly PersonDecision[] | undefined } | null = null
  /** One pass of re-extraction at a time; uses wait for the pass in progress. */
  #syncing: Promise<void> | null = null
  #syncScheduled = false
  readonly #unsubscribe: () => void

  constructor(store: LibraryStore) {
    this.#store = store
    this.#unsubscribe = store.onChange((change) => this.#noteChange(change))
  }

  close(): void {
    this.#unsubscribe()
  }

  #noteChange(change: LibraryChange): void {
    if (change.everything) {
      this.#entries.clear()
      this.#merged = null
    }
    for (const id of [...change.articles, ...change.deletedArticles]) {
      if (this.#entries.delete(id)) this.#merged = null
    }
    // Once the dossier is in use, changed articles are extracted again as soon as this thread is free.
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

  async #syncOnce(): Promise<void> {
    const summaries = this.#store.listArticles()
    const listed = new Set<string>()
    const stale: string[] = []
    for (const summary of summaries) {
      listed.add(summary.id)
      if (this.#entries.get(summary.id)?.stamp !== articleStamp(summary)) stale.push(summary.id)
    }
    for (const id of this.#entries.keys()) {
      if (!listed.has(id)) {
        this.#entries.delete(id)
        this.#merged = null
      }
    }
    await mapLimit(stale, 8, async (id) => {
      const article = await this.#store.getArticle(id)
      // A body that cannot be read yields nothing (the store reports the loss).
      if (article === null) return
      this.#entries.set(id, articleEntry(article))
      this.#merged = null
    })
    this.#filled = true
  }

  async #state(): Promise<LibraryDossierState> {
    await this.#sync()
    const decisions = this.#store.settings.dossierDecisions
    if (this.#merged !== null && this.#merged.decisions === decisions) return this.#merged.state
    const articles = this.#ordered()
    const extracted = libraryPeople(articles.map(({ id, entry }) => ({ articleId: id, people: entry.dossier.people })))
    const { people, dormant } = applyDecisions(extracted, decisions ?? [])
    const timeline = mergeEvents(articles.flatMap(({ entry }) => entry.dossier.events))
    const state = { people, timeline, dormant }
    this.#merged = { state, decisions }
    return state
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
    const { people } = await this.#state()
    const lookup = this.#lookup()
    const rows = people.map((person) => personRow(person, lookup))
    rows.sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name))
    return { people: rows, articleCount: this.#entries.size }
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
