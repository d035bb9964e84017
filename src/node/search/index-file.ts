import { createHash, randomBytes } from 'node:crypto'
import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { SourceDamaged } from '../../common/search/byte-source'
import type { IndexFiles, OpenedIndexFile } from '../../common/search/saved-index'

/**
 * The search index's cache files on disk, read and written by the thread that holds the index
 * (search-worker.ts), so their megabytes never cross a thread boundary:
 *
 * - `search-index.bin`, the base (binary-index.ts), followed by a SHA-256 of every CHUNK_BYTES
 *   piece of it and a trailer: the index reads the base piece by piece, as queries need its lists
 *   and texts, and each piece is checked against its digest the first time it is read. Opening
 *   reads the trailer and the digests (about 1/500 of the file) and checks them, not the file;
 * - `search-index.log` beside it, the changes made since the base was written (change-log.ts),
 *   appended to: records, each `u32 length | payload | SHA-256 of payload`. Reading stops at the
 *   first record that is torn or does not match its digest; the next append overwrites from there.
 *
 * The files are a cache, never the only copy of anything: they are derived from the library and
 * rebuilt from it whenever missing, damaged or behind the library's change sequence number. So
 * they live outside the store's files (no second copy, no generations, not in backups). The base
 * is written once, not twice: a unique temp file, fsync, rename, fsync of the folder, so that a
 * crash leaves the old file or the new one, never a torn one. An append is fsynced; a crash
 * during one leaves a torn last record, which reading ignores.
 */
export const SEARCH_INDEX_FILE = join('cache', 'search-index.bin')

const DIGEST_BYTES = 32
/** Bytes per checked piece of the base: small enough that a short list costs little to check, large enough that the digests stay small. */
const CHUNK_BYTES = 16 * 1024
const TRAILER_MAGIC = 'BDCK'
/** u32 body bytes (low), u32 body bytes (high), u32 chunk bytes, magic; then the SHA-256 of the digests and these 16 bytes. */
const TRAILER_BYTES = 16 + DIGEST_BYTES
const RECORD_HEAD_BYTES = 4

function digest(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest()
}

/** Writes all of `bytes` (a large write may be split) at `position`. */
function writeAll(fd: number, bytes: Uint8Array, position: number | null = null): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position === null ? null : position + done)
}

/** Reads exactly `length` bytes at `position`; IndexFileDamaged when the file is shorter. */
function readAll(fd: number, length: number, position: number): Buffer {
  const bytes = Buffer.allocUnsafe(length)
  for (let done = 0; done < length; ) {
    const read = readSync(fd, bytes, done, length - done, position + done)
    if (read === 0) throw new IndexFileDamaged(`it ends before byte ${position + length}`)
    done += read
  }
  return bytes
}

function fsyncFolder(folder: string): void {
  const dir = openSync(folder, 'r')
  try {
    fsyncSync(dir)
  } finally {
    closeSync(dir)
  }
}

export class IndexFileDamaged extends SourceDamaged {
  override readonly name = 'IndexFileDamaged'
}

/**
 * The base opened for reading piece by piece. The pieces of the last read are kept, so that
 * reading lists or texts in file order (a save copying the lists it never read) reads each piece
 * once. The descriptor stays open until close(): the file may be replaced meanwhile (a rename
 * never changes the bytes an open descriptor reads).
 */
class BaseFile implements OpenedIndexFile {
  readonly length: number
  readonly #fd: number
  readonly #digests: Buffer
  readonly #checked: Uint8Array
  #last: { readonly from: number; readonly bytes: Buffer } | null = null
  #closed = false

  constructor(fd: number, length: number, digests: Buffer) {
    this.#fd = fd
    this.length = length
    this.#digests = digests
    this.#checked = new Uint8Array(Math.ceil(length / CHUNK_BYTES))
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.length) throw new RangeError(`bytes [${offset}, ${offset + length}) lie outside ${this.length}`)
    if (length === 0) return new Uint8Array(0)
    const last = this.#last
    if (last !== null && offset >= last.from && offset + length <= last.from + last.bytes.length) return piece(last.bytes, offset - last.from, length)
    if (this.#closed) throw new IndexFileDamaged('it was closed')
    const first = Math.floor(offset / CHUNK_BYTES)
    const end = Math.min(this.length, Math.ceil((offset + length) / CHUNK_BYTES) * CHUNK_BYTES)
    const from = first * CHUNK_BYTES
    const bytes = readAll(this.#fd, end - from, from)
    for (let chunk = first, at = 0; at < bytes.length; chunk++, at += CHUNK_BYTES) {
      if (this.#checked[chunk] === 1) continue
      const expected = this.#digests.subarray(chunk * DIGEST_BYTES, (chunk + 1) * DIGEST_BYTES)
      if (!digest(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES))).equals(expected)) throw new IndexFileDamaged(`bytes ${from + at} to ${from + at + CHUNK_BYTES} do not match their checksum`)
      this.#checked[chunk] = 1
    }
    this.#last = { from, bytes }
    return piece(bytes, offset - from, length)
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#last = null
    closeSync(this.#fd)
  }
}

/**
 * bytes[at, at + length): a view when it is most of them, else a copy, so that a short list kept
 * by the index does not keep a whole 16 KB piece alive with it (thousands of rare words' lists
 * read over a session would otherwise hold a piece each).
 */
function piece(bytes: Buffer, at: number, length: number): Uint8Array {
  const view = bytes.subarray(at, at + length)
  // new Uint8Array(view) copies; a Buffer's slice() would not.
  return 4 * length < bytes.length ? new Uint8Array(view) : view
}

function openBase(path: string): OpenedIndexFile | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const size = fstatSync(fd).size
    if (size < TRAILER_BYTES) throw new IndexFileDamaged(`${size} bytes, too short`)
    const trailer = readAll(fd, TRAILER_BYTES, size - TRAILER_BYTES)
    if (trailer.toString('latin1', 12, 16) !== TRAILER_MAGIC) throw new IndexFileDamaged('it has no chunk trailer (an older format or a torn file)')
    const body = trailer.readUInt32LE(0) + trailer.readUInt32LE(4) * 2 ** 32
    const chunkBytes = trailer.readUInt32LE(8)
    if (chunkBytes !== CHUNK_BYTES) throw new IndexFileDamaged(`pieces of ${chunkBytes} bytes, expected ${CHUNK_BYTES}`)
    const digestBytes = Math.ceil(body / CHUNK_BYTES) * DIGEST_BYTES
    if (body + digestBytes + TRAILER_BYTES !== size) throw new IndexFileDamaged(`${size} bytes, its trailer says ${body + digestBytes + TRAILER_BYTES}`)
    const digests = readAll(fd, digestBytes, body)
    const expected = trailer.subarray(16)
    if (!createHash('sha256').update(digests).update(trailer.subarray(0, 16)).digest().equals(expected)) throw new IndexFileDamaged('its checksums do not match their checksum')
    return new BaseFile(fd, body, digests)
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

/** The digests and trailer that follow a base's bytes (see the file's comment). */
function trailerOf(bytes: Uint8Array): Buffer {
  const chunks = Math.ceil(bytes.length / CHUNK_BYTES)
  const out = Buffer.alloc(chunks * DIGEST_BYTES + TRAILER_BYTES)
  for (let chunk = 0; chunk < chunks; chunk++) digest(bytes.subarray(chunk * CHUNK_BYTES, (chunk + 1) * CHUNK_BYTES)).copy(out, chunk * DIGEST_BYTES)
  const at = chunks * DIGEST_BYTES
  out.writeUInt32LE(bytes.length % 2 ** 32, at)
  out.writeUInt32LE(Math.floor(bytes.length / 2 ** 32), at + 4)
  out.writeUInt32LE(CHUNK_BYTES, at + 8)
  out.write(TRAILER_MAGIC, at + 12, 'latin1')
  digest(out.subarray(0, at + 16)).copy(out, at + 16)
  return out
}

export const indexFiles: IndexFiles = {
  open: openBase,

  write(path, bytes) {
    const folder = dirname(path)
    mkdirSync(folder, { recursive: true })
    // A crash while writing leaves a temp file: never data, removed before the next write.
    for (const name of readdirSync(folder)) if (name.startsWith('.search-index.') && name.endsWith('.tmp')) rmSync(join(folder, name), { force: true })
    const temp = join(folder, `.search-index.${randomBytes(6).toString('hex')}.tmp`)
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeAll(fd, bytes)
      writeAll(fd, trailerOf(bytes))
      fsyncSync(fd)
    } catch (error) {
      closeSync(fd)
      rmSync(temp, { force: true })
      throw error
    }
    closeSync(fd)
    renameSync(temp, path)
    fsyncFolder(folder)
  },

  readLog(path) {
    let fd: number
    try {
      fd = openSync(path, 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], bytes: 0 }
      throw error
    }
    try {
      const size = fstatSync(fd).size
      const all = size === 0 ? Buffer.alloc(0) : readAll(fd, size, 0)
      const records: Uint8Array[] = []
      let at = 0
      while (at + RECORD_HEAD_BYTES <= all.length) {
        const length = all.readUInt32LE(at)
        const end = at + RECORD_HEAD_BYTES + length + DIGEST_BYTES
        if (end > all.length) break
        const payload = all.subarray(at + RECORD_HEAD_BYTES, at + RECORD_HEAD_BYTES + length)
        if (!digest(payload).equals(all.subarray(end - DIGEST_BYTES, end))) break
        records.push(payload)
        at = end
      }
      return { records, bytes: at }
    } finally {
      closeSync(fd)
    }
  },

  appendLog(path, records, at) {
    mkdirSync(dirname(path), { recursive: true })
    const fd = openSync(path, at === 0 ? 'w' : 'r+', 0o600)
    let end = at
    try {
      // Whatever lies past `at` (a torn record) is overwritten, then cut off.
      for (const payload of records) {
        const head = Buffer.alloc(RECORD_HEAD_BYTES)
        head.writeUInt32LE(payload.length, 0)
        writeAll(fd, head, end)
        writeAll(fd, payload, end + RECORD_HEAD_BYTES)
        writeAll(fd, digest(payload), end + RECORD_HEAD_BYTES + payload.length)
        end += RECORD_HEAD_BYTES + payload.length + DIGEST_BYTES
      }
      ftruncateSync(fd, end)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    if (at === 0) fsyncFolder(dirname(path))
    return end
  },

  discard(path) {
    rmSync(path, { force: true })
  },
}
