import { hostname } from 'node:os'
import { rmSync } from 'node:fs'
import { open, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '../../common/errors'
import { isErrno, reasonOf } from './durable-json-file'

/**
 * One writer per library: a lock file created with O_EXCL, holding who owns it.
 *
 * A second writer waits up to `waitMs` for the lock, then fails with a clear error naming the
 * owner. A lock left by a process that no longer exists (crash, SIGKILL, power cut) is stale:
 * it is moved aside and taken over. Liveness can only be checked on the same host; a lock from
 * another host (a library on a network share) is never broken automatically.
 */
export const LOCK_FILE = '.lock'

export interface LockOwner {
  readonly pid: number
  readonly host: string
  readonly purpose: string
  readonly since: string
}

export interface AcquireOptions {
  /** What the lock is for, shown to whoever waits ("Briefing Desk", "briefing-desk import"). */
  readonly purpose: string
  /** How long to wait for another writer to finish; 0 fails at once. */
  readonly waitMs: number
  readonly pollMs?: number
}

export class LibraryLock {
  readonly #path: string
  readonly #onExit: () => void
  #released = false

  private constructor(path: string) {
    this.#path = path
    // A clean exit (including process.exit in the CLI) releases the lock even without close().
    this.#onExit = () => releaseSync(path)
    process.once('exit', this.#onExit)
  }

  static async acquire(dir: string, options: AcquireOptions): Promise<LibraryLock> {
    const path = join(dir, LOCK_FILE)
    const deadline = Date.now() + options.waitMs
    const owner: LockOwner = { pid: process.pid, host: hostname(), purpose: options.purpose, since: new Date().toISOString() }
    for (;;) {
      if (await tryCreate(path, owner)) return new LibraryLock(path)
      const current = await readOwner(path)
      // Released between our attempt and the read: try again at once.
      if (current === null && (await ageMs(path)) === 0) continue
      if (await isStale(path, current)) {
        await breakStaleLock(path)
        continue
      }
      if (Date.now() >= deadline) {
        throw new AppError('library.locked', {
          dir,
          owner: current ? `${current.purpose}, pid ${current.pid} on ${current.host}` : 'unknown',
          since: current?.since ?? '?',
        })
      }
      await sleep(options.pollMs ?? 100)
    }
  }

  async release(): Promise<void> {
    if (this.#released) return
    this.#released = true
    process.removeListener('exit', this.#onExit)
    await rm(this.#path, { force: true })
  }
}

async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx', 0o600)
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false
    throw new AppError('library.writeFailed', { file: path, reason: reasonOf(error) }, { cause: error })
  }
  try {
    await handle.writeFile(JSON.stringify(owner))
    await handle.sync()
  } finally {
    await handle.close()
  }
  return true
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null
    return { pid: parsed.pid, host: parsed.host, purpose: String(parsed.purpose ?? ''), since: String(parsed.since ?? '') }
  } catch {
    return null
  }
}

// A lock whose content cannot be read is being written right now, or its writer died between
// creating and filling it. Give the writer this long before calling it stale.
const UNREADABLE_GRACE_MS = 5_000

async function isStale(path: string, owner: LockOwner | null): Promise<boolean> {
  if (owner === null) return (await ageMs(path)) > UNREADABLE_GRACE_MS
  if (owner.host !== hostname() || owner.pid === process.pid) return false
  try {
    process.kill(owner.pid, 0)
    return false
  } catch (error) {
    // EPERM: the process exists but belongs to someone else. Only ESRCH means it is gone.
    return isErrno(error, 'ESRCH')
  }
}

/** How long ago the file was last written; 0 when it does not exist. */
async function ageMs(path: string): Promise<number> {
  try {
    return Math.max(1, Date.now() - (await stat(path)).mtimeMs)
  } catch {
    return 0
  }
}

/**
 * Removes a stale lock. Two processes may judge the same lock stale at once; if one removes it
 * and takes the lock, the other must not remove that fresh lock. So breaking happens under a
 * second, short-lived guard file, and the lock is judged again while holding the guard.
 */
async function breakStaleLock(path: string): Promise<void> {
  const guard = `${path}.break`
  if ((await ageMs(guard)) > UNREADABLE_GRACE_MS) await rm(guard, { force: true })
  let handle
  try {
    handle = await open(guard, 'wx', 0o600)
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return // someone else is breaking it; retry after a poll
    throw error
  }
  try {
    await handle.close()
    if (await isStale(path, await readOwner(path))) await rm(path, { force: true })
  } finally {
    await rm(guard, { force: true })
  }
}

function releaseSync(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // Nothing more can be done at exit; the next open sees a stale lock and clears it.
  }
}
