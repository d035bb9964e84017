import { readFile } from 'node:fs/promises'
import { AppError, errorInfo } from '../../common/errors'
import { translate, type Locale } from '../../common/i18n/translate'
import type { Annotation } from '../../common/model/annotation'
import type { Brief } from '../../common/model/brief'
import { bothKept, textAt, withText } from '../../common/team/conflict-text'
import type { TeamConflict, TeamSyncView, TeamView } from '../../common/team/team-view'
import type { LibraryStore } from '../store/library-store'
import { CouchClient } from './couch-client'
import { LocalRecords } from './local-records'
import { runLiveSync, type TeamSyncStatus } from './live-sync'
import { parseDocId } from './record-docs'
import { checkServerUrl } from './server-url'
import { SyncLog } from './sync-log'
import { checkAccess, checkDbName } from './team-admin'
import { connectTeam, disconnectTeam, openTeamSync, teamStatus, type TeamTarget } from './team-connection'
import { secretKey, type SecretKeeper } from './team-connection-secrets'
import { abandonRestore, beginRestore, finishRestore } from './team-restore'
import { readTeamState, writeTeamState, type TeamState } from './team-state'
import type { Say, TeamSync } from './team-sync'

/**
 * The team library in the app (docs/team.md#the-app): connects and disconnects, keeps the
 * password with the shell's SecretKeeper, runs live sync in the background of the app's process
 * while connected, and tells its listeners (the window) how sync stands. The password lives in
 * the keeper and in the running sync's client; it is never in a view, an event or an error.
 */
export interface TeamControllerOptions {
  readonly store: LibraryStore
  readonly secrets: SecretKeeper
  /** The user's current language, for the sync log's lines. */
  readonly locale: () => Locale
  readonly now?: () => Date
  /** How long an unanswered request is waited for (default 30 s; tests shorten it). */
  readonly timeoutMs?: number
}

/** Refusals that retrying cannot cure: sync stops and the window says why. */
const STOPPING = new Set(['team.unauthorized', 'team.forbidden', 'team.notMember'])

interface Running {
  readonly sync: TeamSync
  readonly abort: AbortController
  readonly done: Promise<void>
}

export class TeamController {
  readonly #store: LibraryStore
  readonly #secrets: SecretKeeper
  readonly #say: Say
  readonly #locale: () => Locale
  readonly #now: () => Date
  readonly #timeoutMs: number | undefined
  readonly #listeners = new Set<(view: TeamSyncView) => void>()
  #status: TeamSyncView = { state: 'disconnected' }
  #running: Running | null = null
  /** Calls that start or stop sync, one at a time. */
  #queue: Promise<unknown> = Promise.resolve()
  #closed = false

  constructor(options: TeamControllerOptions) {
    this.#store = options.store
    this.#secrets = options.secrets
    this.#say = (key, params) => translate(options.locale(), key, params)
    this.#locale = options.locale
    this.#now = options.now ?? (() => new Date())
    this.#timeoutMs = options.timeoutMs
  }

  get status(): TeamSyncView {
    return this.#status
  }

  /** Calls `listener` with each new sync state; returns the unsubscribe. */
  onStatus(listener: (view: TeamSyncView) => void): () => void {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  /** When the app opens: a connected library with its password at hand starts syncing; without one, it waits for it. */
  start(): Promise<void> {
    return this.#serial(() => this.#resume())
  }

  /**
   * Restores a backup into the library (the app's Restore, the CLI's `restore`): sync stops first
   * (a round must not read the library while it is replaced), the team state is made to take the
   * restored records as old, not as edits (team-restore.ts, docs/team.md#restore), and sync starts
   * again if it ran.
   */
  restoring<T>(restore: () => Promise<T>): Promise<T> {
    return this.#serial(async () => {
      const wasSyncing = this.#running !== null
      await this.#stopSync()
      const marked = await beginRestore(this.#store.dir)
      let result: T
      try {
        result = await restore()
      } catch (error) {
        if (marked) await abandonRestore(this.#store.dir)
        if (wasSyncing) await this.#resume()
        throw error
      }
      if (marked) await finishRestore(this.#store, this.#say)
      if (wasSyncing) await this.#resume()
      return result
    })
  }

  async #resume(): Promise<void> {
    const state = await readTeamState(this.#store.dir)
    if (state === null) return this.#set({ state: 'disconnected' })
    const password = await this.#secrets.read(this.#key(state))
    if (password === null) return this.#set({ state: 'needsPassword' })
    await this.#startSync(password)
  }

  /**
   * Connects the library (checking the user can read the database first), keeps the password and
   * starts syncing. A library already connected to this very team takes the password again (after
   * a restart without a keychain, or a changed password); another team is refused.
   */
  connect(target: TeamTarget): Promise<void> {
    return this.#serial(async () => {
      const existing = await readTeamState(this.#store.dir)
      let state: TeamState
      if (existing !== null && sameTeam(existing, target)) {
        const client = new CouchClient({ url: existing.server, credentials: { user: existing.user, password: target.password }, ...(existing.ca ? { ca: existing.ca } : {}), ...this.#timeout() })
        try {
          await checkAccess(client, existing.db)
        } finally {
          client.close()
        }
        state = existing
      } else {
        state = (await connectTeam(this.#store, target)).state
      }
      await this.#stopSync()
      await this.#secrets.save(this.#key(state), target.password)
      await this.#startSync(target.password)
    })
  }

  /** Stops syncing and forgets the team and its password; the library's records stay. */
  disconnect(): Promise<void> {
    return this.#serial(async () => {
      await this.#stopSync()
      const state = await disconnectTeam(this.#store)
      await this.#secrets.forget(this.#key(state))
      this.#set({ state: 'disconnected' })
    })
  }

  /**
   * How the library stands with its team, for the Team dialog. While sync runs, read from the
   * running sync (its records are kept in step by the change feed; nothing is hashed again here,
   * and its record list is never refreshed from outside a round).
   */
  async view(): Promise<TeamView> {
    // After a start, connect or disconnect under way: the view then says how it ended.
    await this.#queue
    const running = this.#running
    // A sync stopped by a refusal no longer follows the library: the view is read from the files.
    if (running !== null && !running.abort.signal.aborted) {
      const state = running.sync.state
      return {
        connected: true,
        server: state.server,
        db: state.db,
        user: state.user,
        insecure: state.server.startsWith('http:'),
        passwordKeeping: this.#secrets.keeping,
        sync: this.#status,
        conflicts: await this.#describeConflicts(state.conflicts),
        pending: running.sync.pendingCount ?? pendingCount(running.sync),
      }
    }
    const status = await teamStatus(this.#store)
    if (status === null) {
      return { connected: false, server: null, db: null, user: null, insecure: false, passwordKeeping: this.#secrets.keeping, sync: { state: 'disconnected' }, conflicts: [], pending: 0 }
    }
    return {
      connected: true,
      server: status.server,
      db: status.db,
      user: status.user,
      insecure: status.insecure,
      passwordKeeping: this.#secrets.keeping,
      sync: this.#status,
      conflicts: await this.#describeConflicts(status.conflicts),
      pending: status.pending,
    }
  }

  /** The sync log's last lines (the file is team/sync-log.txt in the library folder). */
  async logTail(maxChars: number): Promise<{ text: string; file: string }> {
    const log = new SyncLog(this.#store.dir)
    const text = await readFile(log.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return ''
      throw error
    })
    return { text: text.length > maxChars ? text.slice(text.indexOf('\n', text.length - maxChars) + 1) : text, file: log.file }
  }

  /**
   * The user's decision on a conflict: `text` replaces the both-kept text (one side, or the two
   * combined), or null leaves the record as merged; the flag goes either way, and the decision is
   * logged. The record's new text is then sent like any edit.
   */
  resolve(docId: string, field: string, text: string | null): Promise<void> {
    return this.#serial(async () => {
      const named = parseDocId(docId)
      const conflicts = this.#running?.sync.state.conflicts ?? (await readTeamState(this.#store.dir))?.conflicts
      if (named === null || conflicts?.[docId]?.includes(field) !== true) throw new AppError('team.noConflict', { id: docId.slice(0, 80), field: field.slice(0, 200) })
      if (text !== null) await this.#writeText(named.kind, named.id, field, text)
      const left = conflicts[docId]!.filter((flag) => flag !== field)
      if (left.length > 0) conflicts[docId] = left
      else delete conflicts[docId]
      await this.#saveConflicts(conflicts)
      await new SyncLog(this.#store.dir).write(translate(this.#locale(), 'team.log.resolved', { id: docId, field, choice: text === null ? '-' : String(text.length) }))
    })
  }

  /** Stops sync (when the app quits): waits for the round to save its checkpoint. */
  close(): Promise<void> {
    this.#closed = true
    return this.#serial(() => this.#stopSync())
  }

  // ── sync ────────────────────────────────────────────────────────────────────────────────

  async #startSync(password: string): Promise<void> {
    if (this.#closed) return
    const { sync, close } = await openTeamSync(this.#store, password, {
      say: this.#say,
      ...this.#timeout(),
      onProgress: ({ pulled, pushed }) => this.#set({ state: 'syncing', pulled, pushed, first: sync.state.lastSync === null }),
    })
    const abort = new AbortController()
    const onStatus = (status: TeamSyncStatus) => {
      if (abort.signal.aborted) return
      if (status.state === 'syncing') this.#set({ state: 'syncing', pulled: status.pulled, pushed: status.pushed, first: sync.state.lastSync === null })
      else if (status.state === 'synced') this.#set({ state: 'synced', at: status.at })
      else if (STOPPING.has(status.error.code)) {
        // Wrong password, or no longer a member: retrying would only be refused again.
        this.#set({ state: 'error', error: status.error })
        abort.abort()
      } else this.#set({ state: 'offline', since: status.since, error: status.error })
    }
    const done = runLiveSync(sync, { signal: abort.signal, onStatus, ...this.#timeout() })
      .catch((error: unknown) => this.#set({ state: 'error', error: errorInfo(error) }))
      .finally(close)
    this.#running = { sync, abort, done }
  }

  async #stopSync(): Promise<void> {
    const running = this.#running
    if (running === null) return
    this.#running = null
    running.abort.abort()
    await running.done
  }

  // ── conflicts ───────────────────────────────────────────────────────────────────────────

  async #describeConflicts(conflicts: Readonly<Record<string, readonly string[]>>): Promise<TeamConflict[]> {
    const out: TeamConflict[] = []
    for (const docId of Object.keys(conflicts)) {
      const named = parseDocId(docId)
      // Markings merge as a set and never flag a text; anything else named here has text a user can decide.
      if (named === null || named.kind === 'markings') continue
      const articleId = named.kind === 'highlight' ? await this.#articleOfHighlight(docId) : undefined
      const record = await this.#record(named.kind, named.id, articleId)
      for (const field of conflicts[docId] ?? []) {
        const text = record === null ? null : textAt(record, field)
        out.push({ docId, kind: named.kind, field, title: titleOf(named.kind, record), sides: text === null ? null : bothKept(text) })
      }
    }
    return out
  }

  /** The article a highlight's document belongs to: from the running sync's records, else by looking through the library (rare: sync is not running). */
  async #articleOfHighlight(docId: string): Promise<string | undefined> {
    const running = this.#running
    if (running !== null) return running.sync.local.entries.get(docId)?.articleId
    const records = new LocalRecords(this.#store)
    try {
      await records.refresh()
      return records.entries.get(docId)?.articleId
    } finally {
      records.close()
    }
  }

  async #record(kind: string, id: string, articleId: string | undefined): Promise<object | null> {
    if (kind === 'brief') return this.#store.getBrief(id)
    if (kind === 'highlight' && articleId !== undefined) return (await this.#store.getAnnotations(articleId)).find((annotation) => annotation.id === id) ?? null
    if (kind === 'theme') return this.#store.listTags().find((tag) => tag.id === id) ?? null
    if (kind === 'article') return this.#store.getArticle(id)
    if (kind === 'template') return this.#store.getTemplate(id)
    return null
  }

  async #writeText(kind: string, id: string, field: string, text: string): Promise<void> {
    const now = this.#now().toISOString()
    const gone = () => new AppError('team.noConflict', { id: `${kind}:${id}`, field })
    if (kind === 'brief') {
      await this.#store.update({}, (current) => {
        const brief = current.brief(id)
        const changed = brief === null ? null : withText<Brief>(brief, field, text)
        if (changed === null) throw gone()
        return { writes: { briefs: [{ ...changed, updatedAt: now }] }, value: undefined }
      })
      return
    }
    if (kind !== 'highlight') throw gone()
    const articleId = await this.#articleOfHighlight(`highlight:${id}`)
    if (articleId === undefined) throw gone()
    await this.#store.update({ annotations: [articleId] }, (current) => {
      const list = current.annotations.get(articleId) ?? []
      const at = list.findIndex((annotation) => annotation.id === id)
      const changed = at < 0 ? null : withText<Annotation>(list[at]!, field, text)
      if (changed === null) throw gone()
      return { writes: { annotations: new Map([[articleId, list.with(at, { ...changed, updatedAt: now })]]) }, value: undefined }
    })
  }

  async #saveConflicts(conflicts: Record<string, string[]>): Promise<void> {
    const running = this.#running
    // The running sync holds the state (its conflicts are the object just changed): it writes it.
    if (running !== null) return running.sync.flush()
    const state = await readTeamState(this.#store.dir)
    if (state !== null) await writeTeamState(this.#store.dir, { ...state, conflicts })
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────

  #set(view: TeamSyncView): void {
    this.#status = view
    for (const listener of [...this.#listeners]) listener(view)
  }

  #key(state: { server: string; db: string; user: string }): string {
    return secretKey(this.#store.dir, state)
  }

  #timeout(): { timeoutMs?: number } {
    return this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs }
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task)
    this.#queue = next.catch(() => undefined)
    return next
  }
}

function sameTeam(state: TeamState, target: TeamTarget): boolean {
  try {
    return state.server === checkServerUrl(target.url).url && state.db === checkDbName(target.db) && state.user === target.user
  } catch {
    return false
  }
}

function titleOf(kind: string, record: object | null): string {
  if (record === null) return ''
  if (kind === 'highlight') return (record as Annotation).quote.exact.slice(0, 160)
  if (kind === 'brief') return (record as Brief).title.slice(0, 160)
  const named = record as { name?: unknown; title?: unknown }
  return String(named.name ?? named.title ?? '').slice(0, 160)
}

/** Local changes not yet on the server, counted from a running sync's records and agreed revisions: only before its first round has built the pending set. */
function pendingCount(sync: TeamSync): number {
  const known = sync.state.known
  let count = 0
  for (const [docId, entry] of sync.local.entries) if (known.get(docId)?.[1] !== entry.hash) count++
  for (const [docId, [, hash]] of known) if (hash !== 'deleted' && hash !== 'skipped' && !sync.local.entries.has(docId)) count++
  return count
}
