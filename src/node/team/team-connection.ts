import { AppError } from '../../common/errors'
import type { LibraryStore } from '../store/library-store'
import { CouchClient, type CouchCredentials } from './couch-client'
import { checkAccess, checkDbName, createTeamDatabase } from './team-admin'
import { checkServerUrl } from './server-url'
import { SyncLog } from './sync-log'
import { pageImageDocId } from './team-page-images'
import { readPageNotes, removePageNotes, type NotReceived, type NotSent } from './team-page-notes'
import { finishRestore, stateAsRestored } from './team-restore'
import { newTeamState, readTeamState, removeTeamState, writeTeamState, type TeamState } from './team-state'
import { TeamSync, type Say, type TeamSyncOptions } from './team-sync'

/**
 * The team library's API for the app and the CLI (docs/team.md#api): connect a library to a team
 * database (creating it, for `init`), open a sync client on it, say how it stands, disconnect.
 * The password is an argument of each call and is never stored here: the app keeps it in the OS
 * keychain (Electron safeStorage), the CLI reads it from BRIEFING_TEAM_PASSWORD or a terminal.
 */
export interface TeamTarget {
  readonly url: string
  readonly db: string
  readonly user: string
  readonly password: string
  /** PEM text of the certificate authority to trust (an embassy's own CA). */
  readonly ca?: string | null
}

export interface Connected {
  readonly state: TeamState
  /** True when the server is reached over plain http (allowed on loopback and private LANs only): show a warning. */
  readonly insecure: boolean
}

function clientFor(target: { url: string; user: string; ca?: string | null }, password: string, timeoutMs?: number): CouchClient {
  const credentials: CouchCredentials = { user: target.user, password }
  return new CouchClient({ url: target.url, credentials, ...(target.ca ? { ca: target.ca } : {}), ...(timeoutMs === undefined ? {} : { timeoutMs }) })
}

/** `team init`: creates the database with `user` as its admin and `members`, then connects the library. */
export async function initTeam(store: LibraryStore, target: TeamTarget, members: readonly string[]): Promise<Connected> {
  const { url, insecure } = checkServerUrl(target.url)
  const db = checkDbName(target.db)
  await refuseIfConnected(store)
  const client = clientFor({ ...target, url }, target.password)
  try {
    await createTeamDatabase(client, db, members)
  } finally {
    client.close()
  }
  const state = newTeamState({ server: url, db, user: target.user, ca: target.ca ?? null })
  await writeTeamState(store.dir, state)
  return { state, insecure }
}

/** `team connect`: checks the user can read the database, then connects the library (its records are sent at the first sync). */
export async function connectTeam(store: LibraryStore, target: TeamTarget): Promise<Connected> {
  const { url, insecure } = checkServerUrl(target.url)
  const db = checkDbName(target.db)
  await refuseIfConnected(store)
  const client = clientFor({ ...target, url }, target.password)
  try {
    await checkAccess(client, db)
  } finally {
    client.close()
  }
  const state = newTeamState({ server: url, db, user: target.user, ca: target.ca ?? null })
  await writeTeamState(store.dir, state)
  return { state, insecure }
}

async function refuseIfConnected(store: LibraryStore): Promise<void> {
  const state = await readTeamState(store.dir)
  if (state !== null) throw new AppError('team.alreadyConnected', { server: state.server, db: state.db })
}

/** The library's team state; throws team.notConnected when it has none. */
export async function requireTeamState(store: LibraryStore): Promise<TeamState> {
  const state = await readTeamState(store.dir)
  if (state === null) throw new AppError('team.notConnected', {})
  return state
}

/** A client for the connected team's server (members, status), for the caller to close. */
export async function teamClient(store: LibraryStore, password: string, timeoutMs?: number): Promise<{ client: CouchClient; state: TeamState }> {
  const state = await requireTeamState(store)
  return { client: clientFor({ url: state.server, user: state.user, ca: state.ca }, password, timeoutMs), state }
}

/** A sync client for the connected library. Close it (and its CouchClient) when done: `sync.close()`. */
export async function openTeamSync(
  store: LibraryStore,
  password: string,
  options: { say: Say; onProgress?: TeamSyncOptions['onProgress']; /** Give up on an unanswered request after this long (default 30 s). */ timeoutMs?: number },
): Promise<{ sync: TeamSync; close: () => void; log: SyncLog }> {
  // A restore that ended before the team state was adjusted (src/node/team/team-restore.ts) is finished first.
  await finishRestore(store, options.say)
  const { client, state } = await teamClient(store, password, options.timeoutMs)
  const log = new SyncLog(store.dir)
  const sync = new TeamSync({ store, state, client, log, say: options.say, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
  return {
    sync,
    log,
    close: () => {
      sync.close()
      client.close()
    },
  }
}

export interface TeamStatus {
  readonly server: string
  readonly db: string
  readonly user: string
  readonly insecure: boolean
  /** Local changes not yet on the server (records to send, deletions to send). */
  readonly pending: number
  readonly lastSync: string | null
  /** Documents merged with both versions kept (or a side chosen), by document id, with the fields. */
  readonly conflicts: Readonly<Record<string, readonly string[]>>
  /** Documents from the server that were skipped, by id, with the reason. */
  readonly skipped: Readonly<Record<string, string>>
  /**
   * Page images that did not travel (team-page-notes.ts), by document id (`page:<digest>`): not
   * received yet (why, as a catalogue key; the articles that name them), and held by the server
   * with other bytes than this library's (what the server holds).
   */
  readonly pageImages: { readonly notReceived: Readonly<Record<string, NotReceived>>; readonly notSent: Readonly<Record<string, NotSent>> }
  /** The sync log the user can open. */
  readonly logFile: string
}

/** How the library stands with its team, without contacting the server. Null when not connected. */
export async function teamStatus(store: LibraryStore): Promise<TeamStatus | null> {
  const saved = await readTeamState(store.dir)
  if (saved === null) return null
  // A restore cut short is compared as it will be once finished (without writing: status may run read-only).
  const state = await stateAsRestored(store, saved)
  const log = new SyncLog(store.dir)
  // A sync client that never connects: it only compares the library with the agreed revisions.
  const sync = new TeamSync({ store, state, client: clientFor({ url: state.server, user: state.user }, ''), log, say: () => '' })
  try {
    const pending = await sync.pending()
    const notes = await readPageNotes(store.dir)
    return {
      server: state.server,
      db: state.db,
      user: state.user,
      insecure: state.server.startsWith('http:'),
      pending: pending.length,
      lastSync: state.lastSync,
      conflicts: state.conflicts,
      skipped: state.skipped,
      pageImages: { notReceived: byDocId(notes.notReceived), notSent: byDocId(notes.notSent) },
      logFile: log.file,
    }
  } finally {
    sync.close()
  }
}

function byDocId<T>(byDigest: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(byDigest).map(([digest, entry]) => [pageImageDocId(digest), entry]))
}

/** Disconnects the library from its team: the records stay, the state goes (the sync log stays). */
export async function disconnectTeam(store: LibraryStore): Promise<TeamState> {
  const state = await requireTeamState(store)
  await removeTeamState(store.dir)
  // What was noted of page images concerns that team only.
  await removePageNotes(store.dir)
  return state
}
