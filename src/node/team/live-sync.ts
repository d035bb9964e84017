import { errorInfo, type ErrorInfo } from '../../common/errors'
import { DEFAULT_TIMEOUT_MS } from './couch-client'
import type { SyncReport, TeamSync } from './team-sync'

/**
 * Live sync, for the app: a round now, then a round whenever the server's `_changes` longpoll
 * answers or the library changes; after a failure, retries with backoff (1 s doubling to 60 s).
 * A server that does not answer within 30 s is given up on for that attempt with a message
 * naming the server, and the status says offline since when.
 */
export type TeamSyncStatus =
  | { readonly state: 'syncing'; readonly pulled: number; readonly pushed: number }
  | { readonly state: 'synced'; readonly at: string; readonly report: SyncReport }
  | { readonly state: 'offline'; readonly since: string; readonly error: ErrorInfo; readonly retryInMs: number }

export interface LiveSyncOptions {
  readonly signal: AbortSignal
  readonly onStatus: (status: TeamSyncStatus) => void
  /** How long an unanswered request is waited for (default 30 s). */
  readonly timeoutMs?: number
  readonly maxBackoffMs?: number
}

export async function runLiveSync(sync: TeamSync, options: LiveSyncOptions): Promise<void> {
  const { signal, onStatus } = options
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let backoff = 1000
  let offlineSince: string | null = null
  while (!signal.aborted) {
    try {
      onStatus({ state: 'syncing', pulled: 0, pushed: 0 })
      const report = await sync.round()
      offlineSince = null
      backoff = 1000
      onStatus({ state: 'synced', at: new Date().toISOString(), report })
      await waitForChange(sync, signal, timeoutMs)
    } catch (error) {
      if (signal.aborted) break
      offlineSince ??= new Date().toISOString()
      onStatus({ state: 'offline', since: offlineSince, error: errorInfo(error), retryInMs: backoff })
      await sleep(backoff, signal)
      backoff = Math.min(backoff * 2, options.maxBackoffMs ?? 60_000)
    }
  }
  await sync.flush().catch(() => undefined)
}

/** Resolves when the server has news, the library changed, or the caller stops; rejects when the server fails. */
async function waitForChange(sync: TeamSync, signal: AbortSignal, timeoutMs: number): Promise<void> {
  while (!signal.aborted && !sync.local.dirty) {
    const local = new AbortController()
    const stop = () => local.abort()
    signal.addEventListener('abort', stop, { once: true })
    const unsubscribe = sync.onLocalChange(stop)
    try {
      if (await sync.waitForServerChange(local.signal, timeoutMs)) return
    } catch (error) {
      if (local.signal.aborted) return
      throw error
    } finally {
      unsubscribe()
      signal.removeEventListener('abort', stop)
    }
  }
}

/** Waits before a retry (a local edit does not cut it short: the server is away; the edit waits in the library). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
