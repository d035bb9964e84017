import { createHash, randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { IndexFiles } from '../../common/search/search-host'

/**
 * The search index's cache file (binary-index.ts) on disk, read and written by the thread that
 * holds the index (search-worker.ts), so its megabytes never cross a thread boundary.
 *
 * The file is a cache, never the only copy of anything: it is derived from the library and
 * rebuilt from it whenever it is missing, damaged or behind the library's change sequence
 * number. So it lives outside the store's files (no second copy, no generations, not in
 * backups) and is written once, not twice: a unique temp file, fsync, rename, fsync of the
 * folder, so that a crash leaves the old file or the new one, never a torn one. A SHA-256 of
 * the bytes ends the file; bytes that do not match it are damage and the file is not used.
 */
export const SEARCH_INDEX_FILE = join('cache', 'search-index.bin')

const DIGEST_BYTES = 32

function digest(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest()
}

/** Writes all of `bytes` (a large write may be split). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done)
}

export class IndexFileDamaged extends Error {
  override readonly name = 'IndexFileDamaged'
}

export const indexFiles: IndexFiles = {
  read(path) {
    let bytes: Buffer
    try {
      bytes = readFileSync(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    if (bytes.length < DIGEST_BYTES) throw new IndexFileDamaged(`${bytes.length} bytes, too short`)
    const body = bytes.subarray(0, bytes.length - DIGEST_BYTES)
    if (!digest(body).equals(bytes.subarray(bytes.length - DIGEST_BYTES))) throw new IndexFileDamaged('its checksum does not match its bytes')
    return body
  },

  write(path, bytes) {
    const folder = dirname(path)
    mkdirSync(folder, { recursive: true })
    // A crash while writing leaves a temp file: never data, removed before the next write.
    for (const name of readdirSync(folder)) if (name.startsWith('.search-index.') && name.endsWith('.tmp')) rmSync(join(folder, name), { force: true })
    const temp = join(folder, `.search-index.${randomBytes(6).toString('hex')}.tmp`)
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeAll(fd, bytes)
      writeAll(fd, digest(bytes))
      fsyncSync(fd)
    } catch (error) {
      closeSync(fd)
      rmSync(temp, { force: true })
      throw error
    }
    closeSync(fd)
    renameSync(temp, path)
    const dir = openSync(folder, 'r')
    try {
      fsyncSync(dir)
    } finally {
      closeSync(dir)
    }
  },
}
