import { decodeBinaryIndex } from './binary-index'
import type { ByteSource } from './byte-source'
import { readLogBatches, type LogBatch } from './change-log'
import type { SearchIndex } from './search-index'

/**
 * The saved index as the search thread opens it: a base file (binary-index.ts) read on demand and
 * the change log beside it (change-log.ts), through IndexFiles (src/node/search/index-file.ts
 * implements it; src/common touches no file system). SearchHost opens and saves through this.
 */

/** The base file opened for reading piece by piece (index-file.ts). */
export interface OpenedIndexFile extends ByteSource {
  close(): void
}

/**
 * The cache files on disk (src/node/search/index-file.ts): given to the host by the thread that
 * holds it, since src/common touches no file system.
 */
export interface IndexFiles {
  /** The base file opened for reading, or null when there is none; throws when it cannot be opened or its checksums are damaged. */
  open(path: string): OpenedIndexFile | null
  /** Replaces the base file durably (all or nothing). */
  write(path: string, bytes: Uint8Array): void
  /** The intact records of the change log at `path` (none when there is no log) and the bytes they fill. */
  readLog(path: string): { readonly records: readonly Uint8Array[]; readonly bytes: number }
  /** Writes `records` at byte `at` of the log (0: a new log), durably; returns the log's new length. */
  appendLog(path: string, records: readonly Uint8Array[], at: number): number
  /** Removes a file (a damaged cache). */
  discard(path: string): void
}

/** The change log beside the base file at `path`: `cache/search-index.log` beside `cache/search-index.bin`. */
export function changeLogPath(path: string): string {
  return path.endsWith('.bin') ? `${path.slice(0, -'.bin'.length)}.log` : `${path}.log`
}

export interface SavedIndex {
  /** The store's sequence number the index holds every change up to: the last logged save's, else the base's. */
  readonly seq: number
  readonly baseId: string
  readonly index: SearchIndex
  /** The base, open: the index reads its lists and texts from it on demand. */
  readonly file: OpenedIndexFile
  /** Bytes of the log's intact records that name this base (0: none, the log is to be started afresh), and the changes they hold. */
  readonly logBytes: number
  readonly logChanges: number
}

/**
 * The index saved at `path`: its base opened (read on demand), then the log's changes applied in
 * order. Null when there is no base; throws when the base is damaged or of another version. A log
 * this code did not write, or one naming another base, is left out: the index is then the base's,
 * behind the library, and caught up with like any index behind it.
 */
export function openSavedIndex(files: IndexFiles, path: string): SavedIndex | null {
  const file = files.open(path)
  if (file === null) return null
  try {
    const { seq, baseId, index } = decodeBinaryIndex(file)
    const log = files.readLog(changeLogPath(path))
    let batches: LogBatch[] | null
    try {
      batches = readLogBatches(log.records, baseId)
    } catch {
      batches = null
    }
    let held = seq
    let changes = 0
    for (const batch of batches ?? []) {
      for (const [id, article] of batch.changes) {
        if (article === null) index.removeArticle(id)
        else index.addArticle(article)
      }
      held = batch.seq
      changes += batch.changes.length
    }
    return { seq: held, baseId, index, file, logBytes: batches === null ? 0 : log.bytes, logChanges: changes }
  } catch (error) {
    file.close()
    throw error
  }
}
