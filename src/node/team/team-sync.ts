import { setImmediate as nextTurn } from 'node:timers/promises'
import * as v from 'valibot'
import type { Annotation } from '../../common/model/annotation'
import { AnnotationSchema } from '../../common/model/annotation'
import type { Article } from '../../common/model/article'
import type { Brief } from '../../common/model/brief'
import type { Tag } from '../../common/model/tag'
import type { Template } from '../../common/brief/template'
import { mergeRecord } from '../../common/team/merge-records'
import { mergeTags, type AnnotationsByArticle, type TagEditOutcome } from '../../common/themes/tag-edits'
import { nameKey } from '../../common/themes/tag-names'
import type { CurrentRecords, LibraryWrites, UpdateScope } from '../store/library-update'
import type { LibraryStore } from '../store/library-store'
import { CouchError, dbPath, type CouchClient } from './couch-client'
import { checkIncoming } from './incoming-doc'
import { PageNotJson, type CheckedChange, type CheckedDoc, type CheckedPage } from './page-check'
import { pageChecker } from './page-checker'
import { isPageImageDocId, TeamPageImages, type PageImageLogKey, type PageImageSkipReason } from './team-page-images'
import { LocalRecords, type LocalEntry } from './local-records'
import { contentHash, deskMarkings, docIdOf, type DeskMarkings, isNewerArticle, localRecord, MERGE_RULES, parseDocId, recordChangedAt, sharedContent, type AnyRecord, type RecordKind, type TeamDoc } from './record-docs'
import type { SyncLog } from './sync-log'
import { appendTeamState, writeTeamState, type TeamState, type TeamStateDelta } from './team-state'

/**
 * The team sync client (docs/team.md): the library's records as CouchDB documents, one per
 * record, exchanged over CouchDB's HTTP API. Pushing sends every record whose content differs
 * from what was last agreed with the server (`_bulk_docs` with the agreed revision, so the server
 * refuses with a 409 when someone else wrote first); pulling reads `_changes` from a durable
 * checkpoint, validates each document as untrusted input and applies it through `store.update`
 * (the store's write queue decides, with the library as it is at that moment, whether the
 * document replaces the record, merges with a local edit, or loses to a local edit).
 *
 * A round is pull, push, and again while a push met conflicts; the merged versions a pull writes
 * are pushed with the server's revision, so two sides converge on one revision.
 *
 * A round costs what changed, not the size of the library: the pending set (records whose hash
 * differs from the agreed one) is kept up to date from the documents the store's change feed
 * touched and the agreements a round makes, so it is compared in full only once, when the sync
 * client starts; pulls ask `_changes` for ids and revisions only and fetch the bodies of the
 * documents whose revision is news (a library's own pushes come back as no news); the state is
 * saved as a line of what changed (team-state.ts).
 */
export interface SyncReport {
  readonly pushed: number
  readonly pulled: number
  readonly merged: number
  readonly skipped: number
  readonly refused: number
}

export type Say = (key: TeamLogKey, params: Record<string, string | number>) => string
export type TeamLogKey = 'team.log.skipped' | 'team.log.deletionOverridden' | 'team.log.deletionUndone' | 'team.log.merged' | 'team.log.articleLost' | 'team.log.refused' | 'team.log.noArticle' | 'team.log.rewound' | 'team.log.restored' | 'team.log.serverConflict' | 'team.log.themeMerged' | 'team.log.pageImageRefused' | PageImageSkipReason | PageImageLogKey | 'team.pageImage.failed'

export interface TeamSyncOptions {
  readonly store: LibraryStore
  readonly state: TeamState
  readonly client: CouchClient
  readonly log: SyncLog
  /** Renders a log line in the user's language. */
  readonly say: Say
  readonly now?: () => Date
  /** Progress while documents come in (a first sync shows it). */
  readonly onProgress?: (progress: { pulled: number; pushed: number }) => void
}

/**
 * A `_changes` page aims at this many bytes: it is parsed in the page worker, but its checked
 * records come back to the main thread as one message, deserialised there in one go (~2 ms for
 * 96 KB of articles), so pages stay small (the page's `limit` follows the size of the last one,
 * between the bounds). Several pages are applied as one commit (up to a group's documents or
 * bytes): fewer commits.
 */
const PAGE_BYTES = 96 * 1024
const PAGE_LIMITS = { first: 20, min: 10, max: 1000 } as const
const APPLY_GROUP = 600
const APPLY_BYTES = 2 * 1024 * 1024
/**
 * New articles are added this many per commit: the store's index takes a commit's summaries in
 * one step on the main thread (validated, serialised, checksummed: ~25 µs each), so a commit of
 * 600 held the loop ~15 ms. The group's checkpoint still moves once, after all its commits.
 */
const NEW_ARTICLES_PER_COMMIT = 120
/** The main thread computes this long at most before giving the event loop a turn (checks, hashes, decisions). */
const SLICE_MS = 3
const PUSH_BATCH = 200
const PUSH_BYTES = 4 * 1024 * 1024
/** What changed in the state is saved at most this often during a round (and at its end). */
const STATE_INTERVAL_MS = 2000
/** Without bodies a change is about 100 bytes: pages of ids and revisions are this long. */
const ID_PAGE_LIMIT = 2000
/** Authors' names kept as one string each (a hostile server naming a million authors fills no more). */
const AUTHORS_INTERNED = 1000
/** A round that still meets conflicts after this many passes stops (each pass merges what it met). */
const MAX_PASSES = 8

interface Change {
  readonly id: string
  readonly seq: string | number
  readonly deleted?: boolean
  readonly changes: readonly { rev: string }[]
}

type Incoming =
  | { readonly docId: string; readonly kind: RecordKind; readonly id: string; readonly rev: string; readonly deleted: true; readonly author: string; readonly mergedInto?: string }
  | {
      readonly docId: string
      readonly kind: RecordKind
      readonly id: string
      readonly rev: string
      readonly deleted: false
      readonly author: string
      readonly changedAt: string
      /** The record as sent (folded with server conflicts, if any), its hash, and the library's shape of it. */
      readonly record: AnyRecord
      readonly hash: string
      readonly local: AnyRecord
      readonly base: AnyRecord | undefined
      /** The hash of what the server holds (differs from `hash` when server conflicts were folded in). */
      readonly serverHash?: string
      /** The hash of `local`, when the page worker computed it (not for a record folded from server conflicts). */
      readonly localHash?: string
    }

interface ChangesPage {
  /** The changes that may be news, with their documents checked (those whose revision was already agreed are left out). */
  readonly results: readonly CheckedChange[]
  readonly lastSeq: string
  readonly bytes: number
  /** True when the server had no change after the page's start: the pull is over. */
  readonly done: boolean
}

export class TeamSync {
  readonly #store: LibraryStore
  readonly #client: CouchClient
  readonly #log: SyncLog
  readonly #say: Say
  readonly #now: () => Date
  readonly #onProgress: TeamSyncOptions['onProgress']
  readonly local: LocalRecords
  /** Pages of `_changes` are parsed, checked and hashed in a worker thread. */
  readonly #pages = pageChecker()
  /** Page images of scanned articles, sent before their articles and fetched with them (team-page-images.ts). */
  readonly #pageImages: TeamPageImages
  state: TeamState
  #stateWrittenAt = 0
  /** Agreed entries changed since the state was last saved; `#fold`: save the whole state next time (it was reset). */
  #unsaved = new Set<string>()
  #fold = false
  /** What the state's log last said of the skipped and conflicts maps (they are written again when they change). */
  #savedExtras = ''
  #savedHeader = ''
  /** Documents to send: their local hash differs from the agreed one (or they were deleted here). Null until first computed. */
  #pending: Set<string> | null = null
  #pageLimit: number = PAGE_LIMITS.first
  readonly #authors = new Map<string, string>()
  #report = { pushed: 0, pulled: 0, merged: 0, skipped: 0, refused: 0 }

  constructor(options: TeamSyncOptions) {
    this.#store = options.store
    this.#client = options.client
    this.#log = options.log
    this.#say = options.say
    this.#now = options.now ?? (() => new Date())
    this.#onProgress = options.onProgress
    this.state = options.state
    this.local = new LocalRecords(options.store)
    this.#pageImages = new TeamPageImages({
      store: this.#store,
      client: this.#client,
      db: () => this.state.db,
      say: this.#say,
      now: this.#now,
      skip: (docId, reason) => this.#skip(docId, reason),
      received: (docId) => void delete this.state.skipped[docId],
      log: (text) => this.#log.write(text),
      refused: async (docId, reason) => {
        this.#report.refused++
        await this.#log.write(this.#say('team.log.pageImageRefused', { id: docId, reason }))
      },
    })
  }

  close(): void {
    this.local.close()
  }

  /** Calls `listener` after each commit of the library (live sync wakes up on it); returns the unsubscribe. */
  onLocalChange(listener: () => void): () => void {
    return this.#store.onChange(() => listener())
  }

  /** Documents whose local content differs from what was last agreed with the server (sends and deletions). */
  async pending(): Promise<string[]> {
    await this.#refresh()
    return [...this.#pending!]
  }

  /** How many documents are pending, as last known (no refresh: cheap, for a status). */
  get pendingCount(): number | null {
    return this.#pending?.size ?? null
  }

  /** Looks again at what the store's change feed announced, and updates the pending set for the documents it touched. */
  async #refresh(): Promise<void> {
    await this.local.refresh()
    const touched = this.local.takeTouched()
    if (touched.all || this.#pending === null) {
      await this.#computePending()
      return
    }
    for (const docId of touched.ids) this.#recheck(docId)
  }

  /** The whole pending set, compared entry by entry in slices (a large library has a hundred thousand): once per sync client, or after the agreed revisions were reset. */
  async #computePending(): Promise<void> {
    const pending = new Set<string>()
    const pace = slicer()
    const known = this.state.known
    let count = 0
    for (const [docId, entry] of this.local.entries) {
      if (known.get(docId)?.[1] !== entry.hash) pending.add(docId)
      if (++count % 500 === 0) await pace()
    }
    for (const [docId, [, hash]] of known) {
      if (hash !== 'deleted' && hash !== 'skipped' && !this.local.entries.has(docId)) pending.add(docId)
      if (++count % 500 === 0) await pace()
    }
    this.#pending = pending
  }

  /** One document's place in the pending set, after its local entry or its agreement changed. */
  #recheck(docId: string): void {
    const pending = this.#pending
    if (pending === null) return
    const entry = this.local.entries.get(docId)
    const agreed = this.state.known.get(docId)
    const differs = entry !== undefined ? agreed?.[1] !== entry.hash : agreed !== undefined && agreed[1] !== 'deleted' && agreed[1] !== 'skipped'
    if (differs) pending.add(docId)
    else pending.delete(docId)
  }

  /** Records what this library now agrees with the server on for one document (saved with the state, pending set kept). */
  #agree(docId: string, value: [string, string, string]): void {
    this.state.known.set(docId, value)
    this.#unsaved.add(docId)
    this.#recheck(docId)
  }

  /** One round: pull and push until both sides hold the same records (or the server refuses). */
  async round(): Promise<SyncReport> {
    this.#report = { pushed: 0, pulled: 0, merged: 0, skipped: 0, refused: 0 }
    await this.#checkDatabase()
    for (let pass = 0; ; pass++) {
      await this.#pull()
      const conflicts = await this.#push()
      if (conflicts === 0) break
      if (pass + 1 >= MAX_PASSES) throw new CouchError('server', 409, { server: this.#client.url, reason: `${conflicts} documents still in conflict after ${MAX_PASSES} passes` })
    }
    // Page images that did not travel (not received, or other bytes under their id on the server) are tried again.
    await this.#pageImages.catchUp()
    this.state = { ...this.state, lastSync: this.#now().toISOString() }
    await this.#saveState(true)
    await this.#log.flush()
    return { ...this.#report }
  }

  /** True when the server has changes after the checkpoint (a longpoll answer, for live sync). */
  async waitForServerChange(signal: AbortSignal, timeoutMs: number): Promise<boolean> {
    const path = `${dbPath(this.state.db)}/_changes?feed=longpoll&since=${encodeURIComponent(this.state.since)}&timeout=${Math.max(1000, timeoutMs - 5000)}&limit=1`
    const body = await this.#client.ok<{ results: Change[] }>('GET', path, undefined, { timeoutMs, signal })
    return body.results.length > 0
  }

  /**
   * A database recreated (another `instance_start_time`) or restored from an older backup (its
   * sequence behind the checkpoint) is not the one the agreed revisions were agreed with: the
   * checkpoint and agreed revisions start over, so every record is compared again.
   */
  async #checkDatabase(): Promise<void> {
    const response = await this.#client.request<{ update_seq?: unknown; instance_start_time?: unknown }>('GET', dbPath(this.state.db))
    if (response.status >= 400) throw await this.#explain(response)
    const instance = typeof response.body.instance_start_time === 'string' ? response.body.instance_start_time : ''
    const serverSeq = seqNumber(String(response.body.update_seq ?? '0'))
    const rewound = (this.state.instance !== undefined && this.state.instance !== instance) || serverSeq < seqNumber(this.state.since)
    if (rewound && (this.state.since !== '0' || this.state.known.size > 0)) {
      await this.#log.write(this.#say('team.log.rewound', { db: this.state.db }))
      this.state = { ...this.state, since: '0', known: new Map() }
      this.#fold = true
      this.#pending = null
    }
    this.state = { ...this.state, instance }
  }

  // ── Pull ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Pulls every change after the checkpoint. The next page is asked for while this one is
   * checked and applied (the server works meanwhile); pages are applied in groups, one commit
   * each, and the checkpoint advances after each commit.
   */
  async #pull(): Promise<void> {
    try {
      await this.#pullPages()
    } finally {
      // No page until the next round: the page worker's thread ends (an idle client holds none).
      this.#pages.idle()
    }
  }

  async #pullPages(): Promise<void> {
    // Decided once per pull: a first sync goes on fetching documents with the changes after its first group is agreed.
    const everything = this.state.known.size === 0
    let next: Promise<ChangesPage> | null = this.#fetchPage(this.state.since, everything)
    let group: Incoming[] = []
    let losers: { id: string; rev: string }[] = []
    let groupBytes = 0
    let groupSeq = this.state.since
    for (;;) {
      const page: ChangesPage = await next!
      const done = page.done
      if (!done && page.results.length > 0) {
        await this.#refresh()
        for (const item of await this.#check(page.results, losers)) group.push(item)
        groupBytes += page.bytes
        this.#onProgress?.({ pulled: this.#report.pulled + group.length, pushed: this.#report.pushed })
      }
      if (!done) groupSeq = page.lastSeq
      // The next page is asked for now, and comes while this group is applied.
      next = done ? null : this.#fetchPage(page.lastSeq, everything)
      // A failure of the page asked for ahead is met when it is awaited (or never, if this one fails).
      next?.catch(() => undefined)
      if (done || group.length >= APPLY_GROUP || groupBytes >= APPLY_BYTES) {
        if (group.length > 0) await this.#apply(group)
        await this.#deleteLosers(losers)
        this.state = { ...this.state, since: String(done ? page.lastSeq : groupSeq) }
        ;[group, losers, groupBytes] = [[], [], 0]
        await this.#saveState(false)
      }
      if (done) return
    }
  }

  /**
   * The changes after `since`. A library that agrees on nothing yet (a first sync) needs every
   * document: they come with the changes. Otherwise the changes come as ids and revisions only,
   * and the documents are asked for only where the revision is news (a change whose one leaf is
   * the agreed revision is this library's own push, or already applied): a round after a large
   * push does not download what it sent.
   */
  async #fetchPage(since: string, everything: boolean): Promise<ChangesPage> {
    if (everything) return this.#fetchDocs(since, `limit=${this.#pageLimit}`, 'GET', undefined)
    const path = `${dbPath(this.state.db)}/_changes?since=${encodeURIComponent(since)}&style=all_docs&limit=${ID_PAGE_LIMIT}`
    const response = await this.#client.request<{ results: Change[]; last_seq: string | number }>('GET', path)
    if (response.status >= 400) throw await this.#explain(response)
    const { results, last_seq: lastSeq } = response.body
    const wanted: string[] = []
    // Ids that are no record's are skipped (and logged) by their id alone: nothing to fetch.
    const unnamed: CheckedChange[] = []
    for (const change of results) {
      if (typeof change.id !== 'string' || change.id.startsWith('_design/') || isPageImageDocId(change.id)) continue
      if (parseDocId(change.id) === null) unnamed.push({ id: change.id, deleted: change.deleted === true, rev: '', conflicts: [], mergedInto: null, checked: null })
      else if (!this.#agreedAlready(change)) wanted.push(change.id)
    }
    const fetched: CheckedChange[] = [...unnamed]
    let bytes = 0
    for (let at = 0; at < wanted.length; at += this.#pageLimit) {
      const page = await this.#fetchDocs(since, 'filter=_doc_ids', 'POST', { doc_ids: wanted.slice(at, at + this.#pageLimit) })
      for (const change of page.results) fetched.push(change)
      bytes += page.bytes
    }
    return { results: fetched, lastSeq: String(lastSeq), bytes, done: results.length === 0 }
  }

  /** True when the change's only leaf is the revision already agreed (nothing new, no server conflict). */
  #agreedAlready(change: Change): boolean {
    const agreed = this.state.known.get(change.id)
    return agreed !== undefined && Array.isArray(change.changes) && change.changes.length === 1 && change.changes[0]?.rev === agreed[0]
  }

  /** Changes after `since` with their documents (and their server conflicts); the page's size sets the next page's limit. */
  async #fetchDocs(since: string, query: string, method: 'GET' | 'POST', body: unknown): Promise<ChangesPage> {
    const path = `${dbPath(this.state.db)}/_changes?since=${encodeURIComponent(since)}&include_docs=true&conflicts=true&style=all_docs&${query}`
    const response = await this.#client.request<Buffer>(method, path, body, { raw: true })
    if (response.status >= 400) throw await this.#explain(response)
    const bytes = response.bytes ?? 0
    let page: CheckedPage
    try {
      page = await this.#pages.check(response.body)
    } catch (error) {
      if (error instanceof PageNotJson) throw new CouchError('server', response.status, { server: this.#client.url, reason: `not JSON (HTTP ${response.status})` })
      throw error
    }
    if (page.count > 0) {
      const perDoc = Math.max(1, bytes / page.count)
      this.#pageLimit = Math.min(PAGE_LIMITS.max, Math.max(PAGE_LIMITS.min, Math.round(PAGE_BYTES / perDoc)))
    }
    return { results: page.results, lastSeq: page.lastSeq === '' ? since : page.lastSeq, bytes, done: page.count === 0 }
  }

  /** Validates each change's document; skipped ones are logged and remembered. Fetches merge bases for both-sides edits. */
  async #check(results: readonly CheckedChange[], losers: { id: string; rev: string }[]): Promise<Incoming[]> {
    const out: Incoming[] = []
    const pace = slicer()
    for (const change of results) {
      await pace()
      // Page images are not records: fetched with the articles that name them (#applyRecords).
      if (change.id === null || change.id.startsWith('_design/') || isPageImageDocId(change.id)) continue
      const named = parseDocId(change.id)
      const rev = change.rev
      if (named === null) {
        await this.#skip(change.id, 'not a record id')
        continue
      }
      const docId = change.id
      const known = this.state.known.get(docId)
      const serverConflicts = change.conflicts
      if (known?.[0] === rev && serverConflicts.length === 0) continue
      if (change.deleted) {
        const mergedInto = change.mergedInto
        const into = named.kind === 'theme' && mergedInto !== null && parseDocId(docIdOf('theme', mergedInto)) !== null ? { mergedInto } : {}
        out.push({ docId, ...named, rev, deleted: true, author: known?.[2] ?? '', ...into })
        continue
      }
      // Checked in the page worker (page-check.ts): validated, hashed, in the library's shape.
      const checked: CheckedDoc = change.checked ?? { ok: false, reason: 'no document' }
      if (!checked.ok) {
        await this.#skip(docId, checked.reason)
        this.#agree(docId, [rev, this.local.entries.has(docId) ? (known?.[1] ?? 'skipped') : 'skipped', known?.[2] ?? ''])
        continue
      }
      const record = await this.#foldServerConflicts(docId, checked, serverConflicts, losers)
      const entry = this.local.entries.get(docId)
      const serverHash = checked.serverHash
      const hash = record === checked.record ? serverHash : contentHash(checked.kind, record)
      const bothEdited = known !== undefined && entry !== undefined && entry.hash !== known[1] && entry.hash !== hash
      // A theme deleted here and edited there: its agreed version tells whether the deletion was a merge (#foldMergedTheme).
      const themeGone = checked.kind === 'theme' && known !== undefined && entry === undefined && known[1] !== 'deleted' && known[1] !== 'skipped'
      const base = bothEdited || themeGone ? await this.#fetchRevision(docId, known![0]) : undefined
      // A record folded from server conflicts is not what the server holds: agreeing on the winner's hash leaves it pending, so it is sent.
      const unfolded = record === checked.record
      const local = unfolded ? checked.local : localRecord(checked.kind, record as never, checked.author)
      // One string for equal values that are kept for every document (the agreed entry and the library's entry): a
      // page comes through a structured clone, which copies each string, and a hundred thousand copies weigh megabytes.
      const localHash = checked.localHash === serverHash ? serverHash : checked.localHash
      const author = this.#interned(checked.author)
      out.push({ docId, kind: checked.kind, id: checked.id, rev, deleted: false, author, changedAt: checked.changedAt, record, hash, local, base, serverHash, ...(unfolded ? { localHash } : {}) })
    }
    return out
  }

  /** The one copy of a document author's name (a team has a few; at most AUTHORS_INTERNED are kept). */
  #interned(author: string): string {
    const known = this.#authors.get(author)
    if (known !== undefined) return known
    if (this.#authors.size < AUTHORS_INTERNED) this.#authors.set(author, author)
    return author
  }

  /**
   * Conflicts CouchDB recorded between server replicas (`_conflicts`: revisions that lost to the
   * winner when two servers took edits of one document): each losing revision is merged into the
   * winner by the same policy, and deleted on the server once the merged record is in the library
   * (the merged record is then sent over the winner). Both sides' content stays; logged.
   */
  async #foldServerConflicts(docId: string, winner: Extract<CheckedDoc, { ok: true }>, conflicts: readonly string[], losers: { id: string; rev: string }[]): Promise<AnyRecord> {
    if (conflicts.length === 0) return winner.record
    let record = winner.record
    const flags: string[] = []
    for (const rev of conflicts.slice(0, 20)) {
      const response = await this.#client.request<unknown>('GET', `${dbPath(this.state.db)}/${encodeURIComponent(docId)}?rev=${encodeURIComponent(rev)}`)
      const loser = response.status === 200 ? checkIncoming(response.body, JSON.stringify(response.body).length) : null
      if (loser?.ok === true && loser.kind === winner.kind) {
        const merged = this.#merge({ docId, kind: winner.kind, id: winner.id, rev, deleted: false, author: winner.author, changedAt: loser.changedAt, record: loser.record, hash: '', local: loser.record, base: undefined }, record, loser.record)
        record = merged.record
        flags.push(...merged.flags)
      } else if (loser !== null && loser.ok === false) await this.#skip(`${docId}@${rev}`, loser.reason)
      losers.push({ id: docId, rev })
    }
    this.#report.merged++
    await this.#log.write(this.#say('team.log.serverConflict', { id: docId, count: conflicts.length, fields: [...new Set(flags)].join(', ') || '-' }))
    if (flags.length > 0) this.state.conflicts[docId] = [...new Set(flags)]
    return record
  }

  /** Deletes the losing revisions of server conflicts, once their content is merged into the library. */
  async #deleteLosers(losers: readonly { id: string; rev: string }[]): Promise<void> {
    if (losers.length === 0) return
    const docs = losers.map(({ id, rev }) => ({ _id: id, _rev: rev, _deleted: true, changedBy: this.#client.user, changedAt: this.#now().toISOString() }))
    const response = await this.#client.request('POST', `${dbPath(this.state.db)}/_bulk_docs`, { docs })
    if (response.status >= 400) throw await this.#explain(response)
  }

  /** An earlier revision's record (the merge base), or undefined when the server no longer has it (compacted). */
  async #fetchRevision(docId: string, rev: string): Promise<AnyRecord | undefined> {
    const response = await this.#client.request<unknown>('GET', `${dbPath(this.state.db)}/${encodeURIComponent(docId)}?rev=${encodeURIComponent(rev)}`)
    if (response.status !== 200) return undefined
    const checked = checkIncoming(response.body, JSON.stringify(response.body).length)
    return checked.ok ? checked.record : undefined
  }

  async #skip(docId: string, reason: string): Promise<void> {
    const shownId = docId.slice(0, 80)
    this.state.skipped[shownId] = reason.slice(0, 500)
    this.#report.skipped++
    await this.#log.write(this.#say('team.log.skipped', { id: JSON.stringify(shownId), reason }))
  }

  /**
   * Applies checked documents through the store's write queue, in two updates: articles, themes
   * and briefs first, then highlights (which need their article). Each decision is made inside
   * the queue, against the library as it is then.
   */
  async #apply(incoming: readonly Incoming[]): Promise<void> {
    const known = new Map<string, [string, string, string]>()
    const lines: string[] = []
    const records = incoming.filter((item) => item.kind !== 'highlight')
    // The store adds new articles on their own path (bodies, then the index): new articles first,
    // then everything else (revisions, deletions, themes, briefs) as one commit.
    const newArticles = records.filter((item) => item.kind === 'article' && !item.deleted && !this.#store.hasArticle(item.id))
    for (let at = 0; at < newArticles.length; at += NEW_ARTICLES_PER_COMMIT) await this.#applyRecords(newArticles.slice(at, at + NEW_ARTICLES_PER_COMMIT), known, lines, true)
    // The articles just added are decided: the second update neither reads them back nor hashes them again.
    const rest = newArticles.length === 0 ? records : records.filter((item) => !known.has(item.docId))
    if (rest.length > 0) await this.#applyRecords(rest, known, lines, false)
    const highlights = incoming.filter((item) => item.kind === 'highlight')
    if (highlights.length > 0) {
      const articleOf = (item: Incoming) => (item.deleted ? this.local.entries.get(item.docId)?.articleId : (item.record as Annotation).articleId)
      const articleIds = [...new Set(highlights.map(articleOf).filter((id): id is string => id !== undefined))]
      await this.#store.update({ annotations: articleIds }, async (current) => {
        const lists = new Map<string, Annotation[]>()
        const pace = slicer()
        for (const item of highlights) {
          await pace()
          const articleId = articleOf(item)
          if (articleId === undefined) {
            // A deletion of a highlight this library does not hold.
            known.set(item.docId, [item.rev, 'deleted', item.author])
            continue
          }
          if (current.summary(articleId) === undefined) {
            lines.push(this.#say('team.log.noArticle', { id: item.docId, article: articleId }))
            known.set(item.docId, [item.rev, 'skipped', item.author])
            continue
          }
          const list = lists.get(articleId) ?? [...(current.annotations.get(articleId) ?? [])]
          lists.set(articleId, list)
          const at = list.findIndex((annotation) => annotation.id === item.id)
          const local = at >= 0 ? list[at]! : null
          if (local?.private === true) continue
          const outcome = this.#decide(item, local, lines)
          known.set(item.docId, outcome.known)
          if (outcome.write === 'keep') continue
          if (outcome.write === 'delete') list.splice(at, 1)
          else if (at >= 0) list[at] = outcome.write as Annotation
          else list.push(outcome.write as Annotation)
        }
        this.#expectCommit({ annotations: lists })
        return { writes: lists.size === 0 ? {} : { annotations: lists }, value: undefined }
      }).finally(() => this.local.expect(null))
    }
    // A group's agreements (up to APPLY_GROUP, each a state entry and a look at the pending set), in slices too.
    const pace = slicer()
    for (const [docId, value] of known) {
      this.#agree(docId, value)
      await pace()
    }
    this.#report.pulled += incoming.length
    for (const line of lines) await this.#log.write(line)
  }

  /** Articles, themes, briefs, templates and markings in one update (`onlyNew`: only articles the library lacks, added). */
  async #applyRecords(records: readonly Incoming[], known: Map<string, [string, string, string]>, lines: string[], onlyNew: boolean): Promise<void> {
    // A theme merged into another on the server: this library's highlights follow it (all of them are read: rare).
    const themeMerged = records.some((item) => item.kind === 'theme' && item.deleted && item.mergedInto !== undefined)
    const scope: UpdateScope = { articles: records.filter((item) => item.kind === 'article').map((item) => item.id), ...(themeMerged ? { annotations: 'all' } : {}) }
    // The page images the incoming articles name and this library lacks: fetched first, written with the articles.
    // The page images the incoming articles name and this library lacks: fetched and written one by one, before the articles' commit.
    const releaseImages = await this.#pageImages.receive(records.flatMap((item) => (item.kind === 'article' && !item.deleted ? [item.local as Article] : [])))
    await this.#store.update(scope, async (current) => {
      const pace = slicer()
      let annotations: AnnotationsByArticle = current.annotations
      const retagged = new Map<string, Annotation[]>()
      const writes = { articles: [] as Article[], deletedArticles: [] as string[], briefs: [] as Brief[], deletedBriefs: [] as string[], templates: [] as Template[], deletedTemplates: [] as string[] }
      let tags: Tag[] | null = null
      let markings: string[] | null = null
      for (const item of records) {
        await pace()
        const tagList: Tag[] = tags ?? [...current.tags]
        const local = this.#currentRecord(item, current, tagList, markings)
        if (onlyNew && local !== null) continue
        if (item.kind === 'theme' && !onlyNew) {
          const folded = this.#foldMergedTheme(item, local as Tag | null, tagList, annotations, lines)
          if (folded !== null) {
            tags = [...folded.tags]
            for (const [articleId, list] of folded.annotations) retagged.set(articleId, list)
            annotations = new Map([...annotations, ...folded.annotations])
            known.set(item.docId, folded.known)
            continue
          }
        }
        const outcome = this.#decide(item, local, onlyNew ? [] : lines)
        known.set(item.docId, outcome.known)
        if (outcome.write === 'keep') continue
        const removed = outcome.write === 'delete'
        if (item.kind === 'article') {
          if (removed) writes.deletedArticles.push(item.id)
          else writes.articles.push(outcome.write as Article)
        } else if (item.kind === 'brief') {
          if (removed) writes.deletedBriefs.push(item.id)
          else writes.briefs.push(outcome.write as Brief)
        } else if (item.kind === 'template') {
          if (removed) writes.deletedTemplates.push(item.id)
          else writes.templates.push(outcome.write as Template)
        } else if (item.kind === 'markings') {
          markings = removed ? [] : [...(outcome.write as DeskMarkings).markings]
        } else {
          const at = tagList.findIndex((tag) => tag.id === item.id)
          if (removed) tagList.splice(at, 1)
          else if (at >= 0) tagList[at] = outcome.write as Tag
          else tagList.push(outcome.write as Tag)
          tags = tagList
        }
      }
      this.#expectCommit({ articles: new Map(writes.articles.map((article) => [article.id, article])) })
      const out: LibraryWrites = {
        ...writes,
        ...(tags === null ? {} : { tags }),
        ...(markings === null ? {} : { settings: { ...current.settings, markings } }),
        ...(retagged.size === 0 ? {} : { annotations: retagged }),
      }
      return { writes: out, value: undefined }
    }).finally(() => {
      this.local.expect(null)
      releaseImages()
    })
  }

  /** Called inside the store's write queue: the records this commit writes are taken as they are, not read back (LocalRecords.expect). */
  #expectCommit(records: { articles?: ReadonlyMap<string, Article>; annotations?: ReadonlyMap<string, readonly Annotation[]> }): void {
    this.local.expect({ seq: this.#store.changeSeq + 1, ...records })
  }

  /**
   * A theme renamed (or otherwise edited) on one side and merged into another theme on the other
   * (docs/team.md#conflicts): the merge wins, and the edited theme's names are kept as aliases of
   * the theme it went into. Two ways in:
   * - a deletion that says `mergedInto`: this library merges the theme the same way (its names,
   *   aliases and keywords into the other theme, its highlights and sub-themes moved over);
   * - an edit of a theme this library deleted, whose agreed name is now a name of another theme
   *   here (this library merged it): the edit is merged into that theme, and the deletion stays
   *   pending (sent over the edit, saying `mergedInto`).
   * Returns null when neither applies (the ordinary rules decide).
   */
  #foldMergedTheme(item: Incoming, local: Tag | null, tagList: readonly Tag[], annotations: AnnotationsByArticle, lines: string[]): { tags: readonly Tag[]; annotations: ReadonlyMap<string, Annotation[]>; known: [string, string, string] } | null {
    const agreed = this.state.known.get(item.docId)
    const now = this.#now().toISOString()
    const intoName = (id: string) => tagList.find((tag) => tag.id === id)?.name ?? id
    if (item.deleted) {
      if (item.mergedInto === undefined || local === null || !tagList.some((tag) => tag.id === item.mergedInto)) return null
      const outcome = tryMergeTags(tagList, annotations, item.id, item.mergedInto, now)
      if (outcome === null) return null
      if (agreed === undefined || contentHash('theme', local) !== agreed[1]) lines.push(this.#say('team.log.themeMerged', { id: item.docId, name: local.name, into: intoName(item.mergedInto) }))
      return { tags: outcome.tags, annotations: outcome.annotations, known: [item.rev, 'deleted', agreed?.[2] ?? item.author] }
    }
    if (local !== null || item.base === undefined || agreed === undefined) return null
    const into = mergedThemeOf(tagList, item.id, (item.base as Tag).name)
    if (into === null) return null
    const outcome = tryMergeTags([...tagList, item.record as Tag], new Map(), item.id, into.id, now)
    if (outcome === null) return null
    lines.push(this.#say('team.log.themeMerged', { id: item.docId, name: (item.record as Tag).name, into: into.name }))
    return { tags: outcome.tags, annotations: new Map(), known: [item.rev, item.serverHash ?? contentHash('theme', item.record), item.author] }
  }

  /** The library's record an incoming document of an article, theme, brief, template or markings names (null when absent). */
  #currentRecord(item: Incoming, current: CurrentRecords, tagList: readonly Tag[], markings: readonly string[] | null): AnyRecord | null {
    switch (item.kind) {
      case 'article':
        return current.articles.get(item.id) ?? null
      case 'theme':
        return tagList.find((tag) => tag.id === item.id) ?? null
      case 'brief':
        return current.brief(item.id)
      case 'template':
        return current.template(item.id)
      case 'markings':
        return deskMarkings(markings ?? current.settings.markings)
      case 'highlight':
        return null
    }
  }

  /**
   * What one incoming document does to the local record (docs/team.md#conflicts): replaces it
   * when only the server changed it, loses when only this library changed it (the local version
   * is then sent), merges when both changed it; an edit wins over a deletion on either side.
   * Returns what to write and the [revision, hash, author] now agreed with the server.
   */
  #decide(item: Incoming, local: AnyRecord | null, lines: string[]): { write: AnyRecord | 'delete' | 'keep'; known: [string, string, string] } {
    const agreed = this.state.known.get(item.docId)
    const localHash = local === null ? null : contentHash(item.kind, local)
    if (item.deleted) {
      const author = agreed?.[2] ?? item.author
      if (local === null) return { write: 'keep', known: [item.rev, 'deleted', author] }
      if (agreed !== undefined && localHash === agreed[1]) return { write: 'delete', known: [item.rev, 'deleted', author] }
      // Edited here since: the edit wins; it is sent over the tombstone, and the deletion is reported.
      lines.push(this.#say('team.log.deletionOverridden', { id: item.docId }))
      return { write: 'keep', known: [item.rev, 'deleted', author] }
    }
    const remoteHash = item.hash
    const remote = item.local
    // Written as it came: the library's entry takes the page worker's hash of it instead of hashing it again.
    if (item.localHash !== undefined) this.local.knownHash(remote, item.localHash)
    const agree: [string, string, string] = [item.rev, item.serverHash ?? remoteHash, item.author]
    if (local === null) {
      if (agreed !== undefined && agreed[1] !== 'deleted' && agreed[1] !== 'skipped') {
        if (agreed[0] === item.rev) return { write: 'keep', known: agreed }
        lines.push(this.#say('team.log.deletionUndone', { id: item.docId, user: item.author }))
      }
      return { write: remote, known: agree }
    }
    if (localHash === remoteHash) return { write: 'keep', known: agree }
    if (agreed !== undefined && localHash === agreed[1]) return { write: remote, known: agree }
    const folded = item.serverHash !== undefined && item.serverHash !== remoteHash
    if (agreed !== undefined && agreed[0] === item.rev && !folded) return { write: 'keep', known: agreed }
    // Both sides changed the record.
    this.#report.merged++
    const merged = this.#merge(item, local, remote)
    if (merged.flags.length > 0) this.state.conflicts[item.docId] = [...merged.flags]
    lines.push(this.#say(merged.lost ? 'team.log.articleLost' : 'team.log.merged', { id: item.docId, fields: merged.flags.join(', ') || '-' }))
    return { write: merged.record, known: agree }
  }

  #merge(item: Incoming & { deleted: false }, local: AnyRecord, remote: AnyRecord): { record: AnyRecord; flags: string[]; lost: boolean } {
    const rules = MERGE_RULES[item.kind]
    if (rules === null) {
      // Articles are not merged field by field (their summary is derived from their text): the
      // higher revision wins whole, the server's on a tie; the other is named in the log.
      const localNewer = isNewerArticle(local as Article, remote as Article) === true
      return { record: localNewer ? local : remote, flags: ['article'], lost: true }
    }
    const localAt = recordChangedAt(item.kind, local) ?? ''
    const newer = localAt > item.changedAt ? 'local' : 'remote'
    const base = item.base === undefined ? undefined : sharedContent(item.kind, item.base)
    const { merged, flags } = mergeRecord(base as AnyRecord | undefined, sharedContent(item.kind, local), sharedContent(item.kind, remote), newer, rules)
    const record = { ...merged } as Record<string, unknown>
    const visibleFlags = flags.filter((flag) => flag !== 'updatedAt')
    if ('updatedAt' in record) record['updatedAt'] = [(local as Annotation).updatedAt, (remote as Annotation).updatedAt].sort().at(-1)
    if (item.kind === 'highlight') {
      record['author'] = item.author
      // A merge that breaks the record's rules (it should not) keeps the server's version, logged.
      if (!v.safeParse(AnnotationSchema, record).success) return { record: remote, flags: ['highlight'], lost: true }
    }
    return { record: record as unknown as AnyRecord, flags: visibleFlags, lost: false }
  }

  // ── Push ─────────────────────────────────────────────────────────────────────────────────

  /** Sends every pending record; returns how many the server refused as conflicts (pulled and merged next pass). */
  async #push(): Promise<number> {
    await this.#refresh()
    const pending = [...this.#pending!]
    // Articles first: a colleague's library needs an article before its highlights.
    const order: Record<RecordKind, number> = { theme: 0, markings: 0, template: 0, article: 1, highlight: 2, brief: 3 }
    pending.sort((a, b) => order[a.slice(0, a.indexOf(':')) as RecordKind] - order[b.slice(0, b.indexOf(':')) as RecordKind])
    let conflicts = 0
    let batch: { doc: TeamDoc | DeletedDoc; hash: string }[] = []
    let bytes = 0
    const send = async () => {
      if (batch.length === 0) return
      // An article's page images reach the server before the article that names them.
      await this.#pageImages.send(batch.flatMap((item) => ('kind' in item.doc && item.doc.kind === 'article' ? [item.doc.record as Article] : [])))
      conflicts += await this.#sendBatch(batch)
      batch = []
      bytes = 0
    }
    for (const docId of pending) {
      const entry = this.local.entries.get(docId)
      const prepared = entry === undefined ? await this.#deletion(docId) : await this.#document(docId, entry)
      if (prepared === null) continue
      const size = JSON.stringify(prepared.doc).length
      if (batch.length >= PUSH_BATCH || (bytes + size > PUSH_BYTES && batch.length > 0)) await send()
      batch.push(prepared)
      bytes += size
    }
    await send()
    return conflicts
  }

  async #document(docId: string, entry: LocalEntry): Promise<{ doc: TeamDoc; hash: string } | null> {
    const record = await this.#read(entry)
    if (record === null) return null
    const agreed = this.state.known.get(docId)
    const author = agreed !== undefined && agreed[2] !== '' ? agreed[2] : entry.kind === 'highlight' ? ((record as Annotation).author ?? this.#client.user) : this.#client.user
    const doc: TeamDoc = {
      _id: docId,
      ...(agreed === undefined ? {} : { _rev: agreed[0] }),
      kind: entry.kind,
      author,
      changedBy: this.#client.user,
      changedAt: recordChangedAt(entry.kind, record) ?? this.#now().toISOString(),
      record: sharedContent(entry.kind, record),
    }
    return { doc, hash: contentHash(entry.kind, record) }
  }

  async #deletion(docId: string): Promise<{ doc: DeletedDoc; hash: string } | null> {
    const agreed = this.state.known.get(docId)
    if (agreed === undefined) return null
    const into = docId.startsWith('theme:') ? await this.#mergedInto(docId, agreed[0]) : null
    return { doc: { _id: docId, _rev: agreed[0], _deleted: true, changedBy: this.#client.user, changedAt: this.#now().toISOString(), ...(into === null ? {} : { mergedInto: into }) }, hash: 'deleted' }
  }

  /** The theme a theme deleted here went into: the one whose names now include its agreed name (a merge adds it as an alias). */
  async #mergedInto(docId: string, rev: string): Promise<string | null> {
    const agreed = await this.#fetchRevision(docId, rev)
    if (agreed === undefined) return null
    return mergedThemeOf(this.#store.listTags(), (agreed as Tag).id, (agreed as Tag).name)?.id ?? null
  }

  async #read(entry: LocalEntry): Promise<AnyRecord | null> {
    const store = this.#store
    if (entry.kind === 'article') return store.getArticle(entry.id)
    if (entry.kind === 'theme') return store.listTags().find((tag) => tag.id === entry.id) ?? null
    if (entry.kind === 'brief') return store.getBrief(entry.id)
    if (entry.kind === 'template') return store.getTemplate(entry.id)
    if (entry.kind === 'markings') return deskMarkings(store.settings.markings)
    const list = await store.getAnnotations(entry.articleId!)
    const found = list.find((annotation) => annotation.id === entry.id)
    return found === undefined || found.private === true ? null : found
  }

  async #sendBatch(batch: readonly { doc: TeamDoc | DeletedDoc; hash: string }[]): Promise<number> {
    const response = await this.#client.request<{ id: string; rev?: string; error?: string; reason?: string }[]>('POST', `${dbPath(this.state.db)}/_bulk_docs`, { docs: batch.map((item) => item.doc) })
    if (response.status >= 400) throw await this.#explain(response)
    let conflicts = 0
    const sent = new Map(batch.map((item) => [item.doc._id, item]))
    for (const result of response.body) {
      const item = sent.get(result.id)
      if (item === undefined) continue
      if (result.error === undefined && typeof result.rev === 'string') {
        const author = 'author' in item.doc ? item.doc.author : (this.state.known.get(result.id)?.[2] ?? '')
        this.#agree(result.id, [result.rev, item.hash, author])
        this.#report.pushed++
      } else if (result.error === 'conflict') conflicts++
      else {
        // Refused by the server's rules (validate_doc_update): named in the log, kept locally.
        this.#report.refused++
        await this.#log.write(this.#say('team.log.refused', { id: result.id, reason: `${result.error}: ${result.reason ?? ''}`.slice(0, 300) }))
        if (result.error === 'unauthorized' || (result.error === 'forbidden' && /member/.test(result.reason ?? ''))) throw await this.#explain({ status: 403, body: result })
      }
    }
    await this.#saveState(false)
    this.#onProgress?.({ pulled: this.#report.pulled, pushed: this.#report.pushed })
    return conflicts
  }

  /**
   * A refused request, explained: a wrong password and a user who is no longer a member both
   * come back as 401/403; `_session` tells them apart (it knows the user only when the password
   * is right).
   */
  async #explain(response: { status: number; body: unknown }): Promise<CouchError> {
    const failure = this.#client.failure(response)
    if (response.status !== 401 && response.status !== 403) return failure
    try {
      const session = await this.#client.request<{ userCtx?: { name?: string | null } }>('GET', '/_session')
      if (session.status === 200 && session.body.userCtx?.name === this.#client.user) {
        return new CouchError('notMember', response.status, { server: this.#client.url, reason: this.state.db })
      }
    } catch {
      // The first failure says enough.
    }
    return failure
  }

  /**
   * Saves what changed in the state since the last save: a line of the state's log with the
   * header and the agreed entries touched (nothing at all when nothing changed: an idle round
   * writes nothing), or the whole state after a reset. `closing`: the sync client stops (a new
   * lastSync alone is then written too).
   */
  async #saveState(force: boolean, closing = false): Promise<void> {
    const now = Date.now()
    if (!force && now - this.#stateWrittenAt < STATE_INTERVAL_MS) return
    this.#stateWrittenAt = now
    const state = this.state
    if (this.#fold) {
      this.#fold = false
      this.#unsaved = new Set()
      await writeTeamState(this.#store.dir, state)
      return
    }
    // When the last round ended is worth a line of its own only when the client stops (a live round that found nothing writes nothing).
    const header = JSON.stringify([state.since, state.instance ?? null, closing ? state.lastSync : null])
    const extras = JSON.stringify([state.skipped, state.conflicts])
    if (this.#unsaved.size === 0 && header === this.#savedHeader && extras === this.#savedExtras) return
    const ids = this.#unsaved
    this.#unsaved = new Set()
    const known: Record<string, [string, string, string] | null> = {}
    for (const docId of ids) known[docId] = state.known.get(docId) ?? null
    const delta: Omit<TeamStateDelta, 'g'> = {
      since: state.since,
      ...(state.instance === undefined ? {} : { instance: state.instance }),
      lastSync: state.lastSync,
      known,
      ...(extras === this.#savedExtras ? {} : { skipped: state.skipped, conflicts: state.conflicts }),
    }
    try {
      await appendTeamState(this.#store.dir, state, delta)
    } catch (error) {
      // Not saved: said again next time.
      for (const docId of ids) this.#unsaved.add(docId)
      throw error
    }
    this.#savedHeader = header
    this.#savedExtras = extras
  }

  /** Writes the state now (the caller stops, or a live round ended). */
  flush(): Promise<void> {
    return this.#saveState(true, true)
  }
}

/** An async step that gives the event loop a turn once SLICE_MS of work went by since the last turn. */
function slicer(): () => Promise<void> {
  let sliceStart = performance.now()
  return async () => {
    if (performance.now() - sliceStart <= SLICE_MS) return
    await nextTurn()
    sliceStart = performance.now()
  }
}

/** The number a CouchDB sequence starts with (CouchDB 3: "12-g1AAAA…"; PouchDB: 12). */
function seqNumber(seq: string): number {
  const match = /^\d+/.exec(seq)
  return match === null ? 0 : Number(match[0])
}

interface DeletedDoc {
  readonly _id: string
  readonly _rev: string
  readonly _deleted: true
  readonly changedBy: string
  readonly changedAt: string
  /** A theme's deletion that was a merge: the theme it went into (receivers merge it the same way). */
  readonly mergedInto?: string
}

/** Another theme that answers to `name` (its name or an alias): where a theme of that name was merged. */
function mergedThemeOf(tags: readonly Tag[], id: string, name: string): Tag | null {
  const key = nameKey(name)
  return tags.find((tag) => tag.id !== id && [tag.name, ...tag.aliases.map((alias) => alias.text)].some((text) => nameKey(text) === key)) ?? null
}

/** The theme edit's merge, or null where it does not apply (the target is a sub-theme of the theme). */
function tryMergeTags(tags: readonly Tag[], annotations: AnnotationsByArticle, fromId: string, intoId: string, now: string): TagEditOutcome | null {
  try {
    return mergeTags(tags, annotations, fromId, intoId, now)
  } catch {
    return null
  }
}

export { docIdOf }
