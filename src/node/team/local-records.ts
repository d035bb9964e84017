import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Annotation } from '../../common/model/annotation'
import type { Article } from '../../common/model/article'
import type { LibraryChange } from '../../common/model/library-change'
import type { LibraryStore } from '../store/library-store'
import { contentHash, deskMarkings, docIdOf, isPrivate, MARKINGS_ID, type AnyRecord, type RecordKind } from './record-docs'

/**
 * What the library holds, as team documents: for each shareable record its document id, kind,
 * record id and content hash (not the record: records are read again when sent). Built in full
 * when sync starts (so changes made while sync was not running, or before a crash, are found),
 * then kept in step from the store's change feed: each change record names what to look at again.
 */
export interface LocalEntry {
  readonly kind: RecordKind
  readonly id: string
  readonly hash: string
  /** A highlight's article (highlights are stored per article). */
  readonly articleId?: string
}

/** Hashing gives the event loop a turn after this many ms: sync must never block the app. */
const SLICE_MS = 3

export class LocalRecords {
  readonly #store: LibraryStore
  readonly entries = new Map<string, LocalEntry>()
  /** Ids of private highlights: never sent, never replaced from the server. */
  readonly privateIds = new Set<string>()
  readonly #highlightsOf = new Map<string, Set<string>>()
  readonly #privateOf = new Map<string, Set<string>>()
  #dirty: Dirty = emptyDirty(true)
  /** Records sync is about to write, by the sequence number its commit will have (see expect()). */
  #expected: { seq: number; articles: ReadonlyMap<string, Article>; annotations: ReadonlyMap<string, readonly Annotation[]> } | null = null
  /** Records a commit of sync wrote, taken from it rather than read back from disk at the next refresh. */
  #adopted: { articles: Map<string, Article>; annotations: Map<string, readonly Annotation[]> } = { articles: new Map(), annotations: new Map() }
  /**
   * Hashes already known for record objects sync is about to write (the page worker hashed them):
   * an entry set from the very same object takes its hash from here. Records are never changed in
   * place, so an object's hash cannot go stale; held weakly, so nothing outlives the record.
   */
  #knownHashes = new WeakMap<object, string>()
  /** Documents whose entry was set or removed since the last takeTouched(); `all` after a rebuild. */
  #touched: { all: boolean; ids: Set<string> } = { all: true, ids: new Set() }
  readonly #unsubscribe: () => void

  constructor(store: LibraryStore) {
    this.#store = store
    this.#unsubscribe = store.onChange((change) => this.#note(change))
  }

  close(): void {
    this.#unsubscribe()
  }

  /** True when the feed announced changes not looked at yet. */
  get dirty(): boolean {
    const d = this.#dirty
    const adopted = this.#adopted.articles.size + this.#adopted.annotations.size
    return d.all || d.tags || d.settings || adopted + d.articles.size + d.annotations.size + d.briefs.size + d.deletedArticles.size + d.deletedBriefs.size + d.templates.size > 0
  }

  /**
   * Sync is about to commit these records (new articles, whole highlight lists by article) from
   * inside the store's write queue, as the commit numbered `seq` (the store's last number + 1: nothing
   * else commits in between). When that commit is announced, its records are taken as they are
   * here instead of being read back from disk at the next refresh (a first sync writes a hundred
   * thousand; reading, validating and hashing each again cost as much as writing it). Anything a
   * later commit touches is read from disk as usual. `expect(null)` forgets an expectation whose
   * commit failed (before any other commit can be announced: the caller is still in the queue's turn).
   */
  expect(expected: { seq: number; articles?: ReadonlyMap<string, Article>; annotations?: ReadonlyMap<string, readonly Annotation[]> } | null): void {
    this.#expected = expected === null ? null : { seq: expected.seq, articles: expected.articles ?? new Map(), annotations: expected.annotations ?? new Map() }
  }

  /** The content hash of `record`, known already (see #knownHashes). */
  knownHash(record: AnyRecord, hash: string): void {
    this.#knownHashes.set(record, hash)
  }

  #note(change: LibraryChange): void {
    const d = this.#dirty
    const expected = this.#expected?.seq === change.seq ? this.#expected : null
    this.#expected = null
    if (change.everything) d.all = true
    for (const id of change.articles) {
      const article = expected?.articles.get(id)
      // Taken from the commit (and read from disk instead when a commit not yet looked at named it too).
      if (article !== undefined && !d.articles.has(id)) this.#adopted.articles.set(id, article)
      else {
        this.#adopted.articles.delete(id)
        d.articles.add(id)
      }
    }
    for (const id of change.annotations) {
      const list = expected?.annotations.get(id)
      if (list !== undefined && !d.annotations.has(id)) this.#adopted.annotations.set(id, list)
      else {
        this.#adopted.annotations.delete(id)
        d.annotations.add(id)
      }
    }
    for (const id of change.briefs) d.briefs.add(id)
    for (const id of change.deletedArticles) {
      // A record sync wrote and the user then deleted: the deletion wins, it must not come back.
      this.#adopted.articles.delete(id)
      this.#adopted.annotations.delete(id)
      d.deletedArticles.add(id)
    }
    for (const id of change.deletedBriefs) d.deletedBriefs.add(id)
    for (const id of change.templates ?? []) d.templates.add(id)
    for (const id of change.deletedTemplates ?? []) d.templates.add(id)
    if (change.tags) d.tags = true
    if (change.settings) d.settings = true
  }

  /**
   * The documents whose entry changed since the last call (`all`: the entries were rebuilt), so
   * that sync compares only those with what was agreed (its pending set follows this).
   */
  takeTouched(): { all: boolean; ids: Set<string> } {
    const touched = this.#touched
    this.#touched = { all: false, ids: new Set() }
    return touched
  }

  /** Looks again at what changed since the last refresh (everything, the first time). */
  async refresh(): Promise<void> {
    const d = this.#dirty
    this.#dirty = emptyDirty(false)
    const adopted = this.#adopted
    this.#adopted = { articles: new Map(), annotations: new Map() }
    const store = this.#store
    if (d.all) {
      adopted.articles.clear()
      adopted.annotations.clear()
      this.#touched.all = true
      this.entries.clear()
      this.privateIds.clear()
      this.#highlightsOf.clear()
      this.#privateOf.clear()
      d.tags = true
      for (const summary of store.listArticles()) {
        d.articles.add(summary.id)
        d.annotations.add(summary.id)
      }
      for (const brief of store.listBriefs()) d.briefs.add(brief.id)
      for (const template of store.listTemplates()) d.templates.add(template.id)
      d.settings = true
    }
    let sliceStart = performance.now()
    const pace = async () => {
      if (performance.now() - sliceStart <= SLICE_MS) return
      await nextTurn()
      sliceStart = performance.now()
    }
    if (d.tags) {
      for (const [docId, entry] of this.entries) if (entry.kind === 'theme') this.#delete(docId)
      for (const tag of store.listTags()) this.#set('theme', tag)
    }
    for (const id of d.templates) {
      const template = store.getTemplate(id)
      if (template === null) this.#delete(docIdOf('template', id))
      else this.#set('template', template)
    }
    if (d.settings) {
      // The markings are the one shared part of the settings (the rest stays on this machine).
      const markings = deskMarkings(store.settings.markings)
      if (markings === null) this.#delete(docIdOf('markings', MARKINGS_ID))
      else this.#set('markings', markings)
    }
    for (const id of d.briefs) {
      const brief = store.getBrief(id)
      if (brief === null) this.#delete(docIdOf('brief', id))
      else this.#set('brief', brief)
      await pace()
    }
    for (const id of d.deletedBriefs) if (store.getBrief(id) === null) this.#delete(docIdOf('brief', id))
    for (const id of d.deletedArticles) {
      if (store.hasArticle(id)) continue
      this.#delete(docIdOf('article', id))
      this.#dropHighlights(id)
    }
    for (const article of adopted.articles.values()) {
      this.#set('article', article)
      await pace()
    }
    for (const [articleId, list] of adopted.annotations) {
      this.#setHighlights(articleId, list)
      await pace()
    }
    for (const id of d.articles) {
      const article = store.hasArticle(id) ? await store.getArticle(id) : null
      if (article === null) this.#delete(docIdOf('article', id))
      else this.#set('article', article)
      await pace()
    }
    for (const articleId of d.annotations) {
      if (!store.hasArticle(articleId)) {
        this.#dropHighlights(articleId)
        continue
      }
      this.#setHighlights(articleId, await store.getAnnotations(articleId))
      await pace()
    }
  }

  /** One article's highlights as they now are (hashing a list of a few dozen takes well under a slice). */
  #setHighlights(articleId: string, list: readonly Annotation[]): void {
    this.#dropHighlights(articleId)
    const ids = new Set<string>()
    const privateIds = new Set<string>()
    for (const annotation of list) {
      if (isPrivate('highlight', annotation)) {
        this.privateIds.add(annotation.id)
        privateIds.add(annotation.id)
        continue
      }
      this.#set('highlight', annotation, articleId)
      ids.add(docIdOf('highlight', annotation.id))
    }
    this.#highlightsOf.set(articleId, ids)
    this.#privateOf.set(articleId, privateIds)
  }

  #set(kind: RecordKind, record: AnyRecord, articleId?: string): void {
    const docId = docIdOf(kind, record.id)
    this.entries.set(docId, { kind, id: record.id, hash: this.#knownHashes.get(record) ?? contentHash(kind, record), ...(articleId === undefined ? {} : { articleId }) })
    this.#touched.ids.add(docId)
  }

  #delete(docId: string): void {
    if (this.entries.delete(docId)) this.#touched.ids.add(docId)
  }

  #dropHighlights(articleId: string): void {
    for (const docId of this.#highlightsOf.get(articleId) ?? []) this.#delete(docId)
    for (const id of this.#privateOf.get(articleId) ?? []) this.privateIds.delete(id)
    this.#highlightsOf.delete(articleId)
    this.#privateOf.delete(articleId)
  }
}

interface Dirty {
  all: boolean
  tags: boolean
  settings: boolean
  articles: Set<string>
  annotations: Set<string>
  briefs: Set<string>
  deletedArticles: Set<string>
  deletedBriefs: Set<string>
  /** Templates written or deleted (looked up again either way). */
  templates: Set<string>
}

function emptyDirty(all: boolean): Dirty {
  return { all, tags: false, settings: false, articles: new Set(), annotations: new Set(), briefs: new Set(), deletedArticles: new Set(), deletedBriefs: new Set(), templates: new Set() }
}
