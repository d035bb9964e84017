import { randomBytes } from 'node:crypto'
import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecoveryEvent } from '../../common/model/recovery'
import { fileApplier } from './file-applier'
import { Generations } from './generations'
import { finishJournal, replayJournal } from './journal'
import { RECORD_FOLDERS } from './library-files'
import { LibraryLock } from './library-lock'
import { COLUMNS_FILE } from './index-columns-file'
import { migrateIndex, type OpenProgress } from './index-migration'
import { loadLibrary, type LoadedLibrary } from './load-library'
import { makePrivateFolder } from './private-folder'
import { finishInterruptedRestore } from './restore'
import { ensureMirror, MIRROR_FOLDERS } from './second-copy'
import { readSequence } from './sequence-file'
import type { StoreContext } from './stored-file'

/**
 * Opening a library: the lock, then (when writable) the repairs a crash may call for, in the
 * order that makes each safe: folders and second copies exist, abandoned temp files go, an
 * interrupted restore is finished, the journal is replayed; then every file is loaded with its
 * repairs reported (load-library.ts), and an index in an older layout is migrated (index-migration.ts). A read-only open does none of the repairs and writes
 * nothing: it reads the newest valid copy of each file.
 */
export interface OpenOptions {
  /** 'write' (default) takes the library's lock; 'read' never writes, repairs or locks. */
  readonly mode?: 'write' | 'read'
  /** Shown to another process that finds the library locked. */
  readonly purpose?: string
  /** How long to wait for another writer to let go of the library (default: fail at once). */
  readonly lockWaitMs?: number
  readonly now?: () => Date
  /** Earlier versions kept of each file (default 3). */
  readonly generations?: number
  /** The index log's size past which the next index write folds it into a new checkpoint (tests; default: see index-database.ts). */
  readonly indexLogBytes?: number
  /** Told how a migration of the index to today's layout goes, when a writable open runs one (index-migration.ts). */
  readonly onProgress?: (progress: OpenProgress) => void
}

export interface OpenedLibrary {
  readonly context: StoreContext
  /** Held until the store closes; null when read-only. */
  readonly lock: LibraryLock | null
  /** Repairs made while opening; later reads add theirs. */
  readonly events: RecoveryEvent[]
  readonly library: LoadedLibrary
  /** The change feed's persisted sequence number (see change-feed.ts). */
  readonly seq: number
}

export async function openLibrary(dir: string, options: OpenOptions = {}): Promise<OpenedLibrary> {
  const writable = (options.mode ?? 'write') === 'write'
  const now = options.now ?? (() => new Date())
  if (writable) await makePrivateFolder(dir)
  const lock = writable
    ? await LibraryLock.acquire(dir, { purpose: options.purpose ?? 'Briefing Desk', waitMs: options.lockWaitMs ?? 0 })
    : null
  try {
    const events: RecoveryEvent[] = []
    const context: StoreContext = {
      dir,
      writable,
      generations: new Generations(dir, options.generations ?? 3),
      migration: { now: now(), randomHex32: () => randomBytes(16).toString('hex') },
      now,
      onRepair: (event) => events.push(event),
      ...(options.indexLogBytes === undefined ? {} : { indexLogBytes: options.indexLogBytes }),
    }
    if (writable) {
      await Promise.all(RECORD_FOLDERS.map((folder) => makePrivateFolder(join(dir, folder))))
      await ensureMirror(dir)
      await removeAbandonedTempFiles(dir)
      await finishInterruptedRestore(context)
    }
    const replayed = writable ? await replayJournal(dir, fileApplier(context), now) : { events: [], pendingIndex: null }
    events.push(...replayed.events)
    const library = await loadLibrary(context, events, replayed.pendingIndex)
    if (replayed.pendingIndex !== null) await finishJournal(dir)
    if (writable) await migrateIndex(library.index, library.isNew, await exists(join(dir, COLUMNS_FILE)), options.onProgress)
    return { context, lock, events, library, seq: await readSequence(dir, now) }
  } catch (error) {
    await lock?.release()
    throw error
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/** Temp files left by writes that a crash interrupted: never renamed into place, so never data. */
async function removeAbandonedTempFiles(dir: string): Promise<void> {
  for (const folder of ['', ...RECORD_FOLDERS, ...MIRROR_FOLDERS]) {
    let names: string[]
    try {
      names = await readdir(join(dir, folder))
    } catch {
      continue
    }
    for (const name of names) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(dir, folder, name), { force: true })
    }
  }
}
