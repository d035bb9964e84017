import type { ErrorInfo } from '../errors'

/**
 * What the window knows of the library's team (docs/team.md#the-app): the connection, and how
 * sync stands. The sync state is also pushed to the window on its own channel whenever it
 * changes (TEAM_STATUS_CHANNEL), checked there with `isTeamSyncView` like every message from the
 * main process. Never the password: the view says only where it is kept.
 */
export type TeamSyncView =
  /** The library is not connected to a team. */
  | { readonly state: 'disconnected' }
  /** Connected, but no password this session (none in the keychain): the Team dialog asks for it. */
  | { readonly state: 'needsPassword' }
  /** A round is running: documents received and sent so far; `first` before the library's first complete sync. */
  | { readonly state: 'syncing'; readonly pulled: number; readonly pushed: number; readonly first: boolean }
  | { readonly state: 'synced'; readonly at: string }
  /** The server did not answer: sync retries with backoff; local edits wait in the library. */
  | { readonly state: 'offline'; readonly since: string; readonly error: ErrorInfo }
  /** The server refused (wrong password, no longer a member): sync stopped until the user acts. */
  | { readonly state: 'error'; readonly error: ErrorInfo }

/** Where the app keeps the team password: the OS keychain (Electron safeStorage), or memory for this session only. */
export type PasswordKeeping = 'keychain' | 'session'

export interface TeamConflict {
  /** The team document (`highlight:an_…`, `brief:br_…`). */
  readonly docId: string
  readonly kind: 'highlight' | 'brief' | 'theme' | 'article' | 'template'
  /** The merged field (`note`, `sections.se_….body`, …). */
  readonly field: string
  /** What the record is, for the list: a highlight's quote, a brief's title. */
  readonly title: string
  /** Both versions of a text edited on both sides ([this library's, the server's]); null when the newer side was kept. */
  readonly sides: readonly [string, string] | null
}

export interface TeamView {
  readonly connected: boolean
  readonly server: string | null
  readonly db: string | null
  readonly user: string | null
  /** Plain http (allowed on loopback and private LANs only): the window shows a warning. */
  readonly insecure: boolean
  readonly passwordKeeping: PasswordKeeping
  readonly sync: TeamSyncView
  readonly conflicts: readonly TeamConflict[]
  /** Local changes not yet on the server. */
  readonly pending: number
}

/** The main → renderer channel of the team's sync state. */
export const TEAM_STATUS_CHANNEL = 'team:status'

const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0
const isTime = (value: unknown) => typeof value === 'string' && value.length <= 40
const isErrorInfo = (value: unknown) => {
  if (typeof value !== 'object' || value === null) return false
  const error = value as Record<string, unknown>
  const params = error['params']
  return (
    typeof error['code'] === 'string' &&
    typeof error['message'] === 'string' &&
    typeof params === 'object' &&
    params !== null &&
    Object.values(params).every((param) => typeof param === 'string' || typeof param === 'number')
  )
}

/**
 * True for a sync state as the main process makes it: what the window accepts from the push
 * channel (the preload checks; the browser shell's bridge checks the same). Plain code, no schema
 * library: the sandboxed preload bundles this.
 */
export function isTeamSyncView(value: unknown): value is TeamSyncView {
  if (typeof value !== 'object' || value === null) return false
  const view = value as Record<string, unknown>
  switch (view['state']) {
    case 'disconnected':
    case 'needsPassword':
      return true
    case 'syncing':
      return isCount(view['pulled']) && isCount(view['pushed']) && typeof view['first'] === 'boolean'
    case 'synced':
      return isTime(view['at'])
    case 'offline':
      return isTime(view['since']) && isErrorInfo(view['error'])
    case 'error':
      return isErrorInfo(view['error'])
    default:
      return false
  }
}
