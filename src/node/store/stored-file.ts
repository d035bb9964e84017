import { rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { hash } from 'node:crypto'
import * as v from 'valibot'
import { AppError } from '../../common/errors'
import type { DamageKind, RecoveryEvent } from '../../common/model/recovery'
import { describeIssues } from '../describe-issues'
import { classifyDamage } from './damage'
import { readWhole } from './descriptor-io'
import { isErrno, reasonOf, writeDurably } from './durable-json-file'
import { mirrorPathOf, writeBothCopies } from './second-copy'
import type { Generations } from './generations'
import { FILE_SCHEMAS, type FileData, type FileKind, type LibraryIndex } from './library-files'
import { migrate, type Json, type MigrationContext } from './migrations'
import { readIndexOf, type ReadIndex } from './read-index-bytes'
import { validatedFilePieces } from './validated-file-bytes'

export interface StoreContext {
  readonly dir: string
  readonly writable: boolean
  readonly generations: Generations
  readonly migration: MigrationContext
  readonly now: () => Date
  /** Told of repairs no caller asks about: a damaged second copy written again (second-copy.ts). */
  readonly onRepair: (event: RecoveryEvent) => void
  /** The index log's bound, when not the default (index-database.ts). */
  readonly indexLogBytes?: number
}

export type Loaded<T> =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly data: T; readonly migratedFrom: number | null }
  | { readonly status: 'restored'; readonly data: T; readonly event: RecoveryEvent }
  | { readonly status: 'damaged'; readonly damage: DamageKind; readonly keptAs: string }

type Reading<T> = { ok: true; data: T; fromVersion: number } | { ok: false; damage: DamageKind; reason: string }


/**
 * One library file: read with migration and validation, saved durably together with its second
 * copy (second-copy.ts) and with its previous version kept as a generation, and repaired on load
 * when damaged.
 *
 * A damaged file (empty, zero-filled, truncated, not JSON, not matching its schema) or a missing
 * one whose second copy exists is moved aside untouched as `<name>.corrupt-<timestamp>` and the
 * second copy is put back; only when both are bad is the newest valid generation used. A file
 * written by a newer version of the app is refused, never rewritten.
 *
 * Before a save, the current version becomes a generation only if it is valid. Re-parsing and
 * re-validating it on every save is the costliest part of a save for big files (the index) and
 * the largest allocation for small ones, so each StoredFile remembers the bytes it last wrote, or
 * read and found valid (see Known): when the file still holds exactly those bytes, it is known
 * valid without parsing; otherwise (changed by someone else, damaged, never seen) it is read and
 * validated in full as before.
 */
export class StoredFile<K extends FileKind> {
  readonly kind: K
  readonly relativePath: string
  readonly #context: StoreContext
  #queue: Promise<void> = Promise.resolve()
  /** The bytes last written, or read and found valid, by this object; null when unknown. */
  #knownValid: Known | null = null
  /** The index as read from disk: its summaries' bytes, for every write while they are listed (read-index-bytes.ts). */
  #readIndex: ReadIndex | null = null

  constructor(context: StoreContext, kind: K, relativePath: string) {
    this.#context = context
    this.kind = kind
    this.relativePath = relativePath
  }

  get path(): string {
    return join(this.#context.dir, this.relativePath)
  }

  /** The index as read at open, with where its summaries lie in the bytes read (for the journal's copy of the index). */
  get readIndex(): ReadIndex | null {
    return this.#readIndex
  }

  /** How many bytes the file holds, when this object last wrote or read it whole (big files only); else null. */
  get byteLength(): number | null {
    const known = this.#knownValid
    return known !== null && 'length' in known ? known.length : null
  }

  /**
   * The index opened from its columns (index-columns-file.ts) without reading this file: the file
   * on disk is known to be the checkpoint written by this app (its fingerprint is the one recorded
   * when the columns were made). The next save rotates it into the generations on the strength of
   * that fingerprint when it still matches, and checks it in full otherwise.
   */
  async trustUnread(length: number): Promise<void> {
    this.#readIndex = null
    this.#knownValid = { unread: true, length, fingerprint: await fingerprintOf(this.path) }
  }

  /** The second copy's path (see second-copy.ts). */
  get copyPath(): string {
    return join(this.#context.dir, mirrorPathOf(this.relativePath))
  }

  /**
   * Reads the file; when it is missing or damaged, its second copy; when that fails too, the
   * newest valid generation. A writable store moves damaged bytes aside and writes the valid
   * version back to both places; a read-only one only reads and says which copy it used.
   */
  async load(): Promise<Loaded<FileData[K]>> {
    this.#knownValid = null
    this.#readIndex = null
    // Taken before the read: if the file changes in between, the next save sees it changed.
    const before = await fingerprintOf(this.path)
    // A writable store compares the copy with every file it loads: its bytes are read at the same
    // time as the file's, so that reading them overlaps parsing and validating the file (for the
    // index, megabytes) instead of following it. A read-only store reads the copy only when needed.
    const copyRead = this.#context.writable ? this.#readBytes(this.copyPath) : null
    copyRead?.catch(() => undefined) // awaited below on every path; never an unhandled rejection meanwhile
    const bytes = await this.#readBytes(this.path)
    const reading = bytes === null ? null : this.#check(bytes, this.path)
    if (bytes !== null && reading?.ok === true) {
      // The first save then knows the file on disk valid without parsing it again.
      this.#knownValid = knownOf([bytes], before)
      if (copyRead !== null) await this.#keepCopyInStep(bytes, await copyRead)
      const migratedFrom = reading.fromVersion === (reading.data as { schemaVersion: number }).schemaVersion ? null : reading.fromVersion
      if (this.kind === 'index' && migratedFrom === null) this.#readIndex = readIndexOf((reading.data as LibraryIndex).articles, bytes)
      return { status: 'ok', data: reading.data, migratedFrom }
    }
    const damage: DamageKind = reading === null ? 'missing' : (reading as { damage: DamageKind }).damage
    const copyBytes = await (copyRead ?? this.#readBytes(this.copyPath))
    if (bytes === null && copyBytes === null) return { status: 'missing' }
    const writable = this.#context.writable
    const readOnly = writable ? {} : { readOnly: true as const }
    const copy = copyBytes === null ? null : this.#check(copyBytes, this.copyPath)
    if (copyBytes !== null && copy?.ok === true) {
      let keptAs = ''
      if (writable) {
        if (bytes !== null) keptAs = await this.#quarantine(this.relativePath)
        await writeDurably(this.path, copyBytes)
        this.#knownValid = knownOf([copyBytes], await fingerprintOf(this.path))
      }
      return {
        status: 'restored',
        data: copy.data,
        event: { file: this.relativePath, damage, keptAs, outcome: 'copy', restoredFrom: null, lost: null, ...readOnly },
      }
    }
    // Both copies are bad: a double fault. Earlier generations are what is left.
    const keptAs = writable && bytes !== null ? await this.#quarantine(this.relativePath) : ''
    const copyKeptAs = writable && copyBytes !== null ? await this.#quarantine(mirrorPathOf(this.relativePath)) : ''
    for (const generation of await this.#context.generations.list(this.relativePath)) {
      const candidate = await this.#read(generation.path)
      if (candidate === null || !candidate.ok) continue
      if (writable) await this.#write(candidate.data, { rotate: false })
      return {
        status: 'restored',
        data: candidate.data,
        event: {
          file: this.relativePath,
          damage,
          keptAs: keptAs || copyKeptAs,
          outcome: 'generation',
          restoredFrom: generation.savedAt.toISOString(),
          lost: null,
          ...readOnly,
        },
      }
    }
    return { status: 'damaged', damage, keptAs: keptAs || copyKeptAs }
  }

  /**
   * The file is valid: its second copy must hold the same bytes. A copy that differs but is valid,
   * or is missing, is what a crash between the two writes of a save leaves (that save was never
   * acknowledged): it is rewritten without a word. A copy that is damaged is moved aside, rewritten
   * and reported.
   */
  async #keepCopyInStep(bytes: Buffer, copyBytes: Buffer | null): Promise<void> {
    if (copyBytes !== null && copyBytes.equals(bytes)) return
    const copy = copyBytes === null ? null : this.#check(copyBytes, this.copyPath)
    if (copyBytes !== null && copy !== null && !copy.ok) {
      const keptAs = await this.#quarantine(mirrorPathOf(this.relativePath))
      this.#context.onRepair({ file: mirrorPathOf(this.relativePath), damage: copy.damage, keptAs, outcome: 'recopied', restoredFrom: null, lost: null })
    }
    await writeDurably(this.copyPath, bytes)
  }

  /**
   * Validates, keeps the current version as a generation, then writes durably. With
   * `syncFolder: false` the caller must fsync the file's folder before counting the save durable.
   */
  save(data: FileData[K], options: { syncFolder?: boolean } = {}): Promise<void> {
    if (!this.#context.writable) return Promise.reject(new Error(`The library was opened read-only; cannot save ${this.path}`))
    const next = this.#queue.then(() => this.#write(data, { rotate: true, syncFolder: options.syncFolder ?? true }))
    this.#queue = next.catch(() => undefined)
    return next
  }

  async #write(data: FileData[K], { rotate, syncFolder = true }: { rotate: boolean; syncFolder?: boolean }): Promise<void> {
    // Checked before anything is touched; for the index, only what changed since it was last written.
    const checked = validatedFilePieces(this.kind, data, this.#readIndex)
    if (!checked.ok) throw new AppError('library.invalid', { file: this.path, reason: checked.reason })
    let current = rotate ? await this.#currentVersion() : 'missing'
    // Only a version that re-reads as valid becomes a generation: never rotate damage into backups.
    if (current === 'valid') await this.#context.generations.rotate(this.relativePath)
    // Damaged since it was last read (by someone else): kept aside, never overwritten.
    if (current === 'invalid') {
      await this.#quarantine(this.relativePath)
      current = 'missing'
    }
    const bytes = checked.pieces
    // Unknown until the write has succeeded: a failed write may or may not have replaced the file.
    this.#knownValid = null
    const known = knownOf(bytes)
    if (current === 'missing') {
      // A new file: the file first, then its copy, so that a crash never leaves the copy alone
      // (which the next open would take for a deleted file and restore).
      await writeDurably(this.path, bytes, { syncFolder })
      await writeDurably(this.copyPath, bytes, { syncFolder })
    } else {
      // Both exist: whichever a crash leaves newer, both are valid and the file wins.
      await writeBothCopies(this.#context.dir, this.relativePath, bytes, { syncFolder })
    }
    this.#knownValid = 'pieces' in known ? { ...known, fingerprint: await fingerprintOf(this.path) } : known
  }

  /** The file on disk now: missing, valid (the very bytes known valid, or checked in full), or not. */
  async #currentVersion(): Promise<'missing' | 'valid' | 'invalid'> {
    // The index: the very file this object last wrote or read (same inode, size, change time)
    // needs no reading; reading its megabytes back cost the main thread ~12 ms per write.
    const known = this.#knownValid
    if (known !== null && 'fingerprint' in known && known.fingerprint !== null && sameFingerprint(await fingerprintOf(this.path), known.fingerprint)) return 'valid'
    const bytes = await this.#readBytes(this.path)
    if (bytes === null) return 'missing'
    if (known !== null && (await holdsKnown(bytes, known))) return 'valid'

    return this.#check(bytes, this.path).ok ? 'valid' : 'invalid'
  }

  /** null when the file does not exist. */
  async #read(path: string): Promise<Reading<FileData[K]> | null> {
    const bytes = await this.#readBytes(path)
    return bytes === null ? null : this.#check(bytes, path)
  }

  /** null when the file does not exist. */
  async #readBytes(path: string): Promise<Buffer | null> {
    try {
      return await readWhole(path)
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null
      throw new AppError('library.unreadable', { file: path, reason: reasonOf(error) }, { cause: error })
    }
  }

  /** Parses, migrates and validates a file's bytes. */
  #check(bytes: Buffer, path: string): Reading<FileData[K]> {
    let json: unknown
    try {
      json = JSON.parse(bytes.toString('utf8'))
    } catch (error) {
      return { ok: false, damage: classifyDamage(bytes, error), reason: reasonOf(error) }
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      return { ok: false, damage: 'invalid', reason: 'the file does not hold a JSON object' }
    }
    let migrated
    try {
      migrated = migrate(this.kind, json as Json, path, this.#context.migration)
    } catch (error) {
      if (error instanceof AppError && error.code === 'library.newerVersion') throw error
      return { ok: false, damage: 'invalid', reason: reasonOf(error) }
    }
    const parsed = v.safeParse(FILE_SCHEMAS[this.kind], migrated.file)
    if (!parsed.success) return { ok: false, damage: classifyDamage(bytes, null), reason: describeIssues(parsed.issues) }
    return { ok: true, data: parsed.output as FileData[K], fromVersion: migrated.fromVersion }
  }

  /** Moves damaged bytes aside, untouched, as `<path>.corrupt-<timestamp>`; returns that path. */
  async #quarantine(relativePath: string): Promise<string> {
    const stamp = this.#context.now().toISOString().replace(/[:.]/g, '-')
    const keptAs = `${relativePath}.corrupt-${stamp}`
    await rename(join(this.#context.dir, relativePath), join(this.#context.dir, keptAs))
    return keptAs
  }
}

/** Up to this size a file is hashed on the spot: ~20 µs, cheaper than a trip to the thread pool. */
const INSTANT_DIGEST_BYTES = 64 * 1024

/**
 * What a file is known to hold: the SHA-256 of small files (the bytes themselves would keep
 * thousands of small buffers alive), the bytes themselves for big ones (the index): they are in
 * memory anyway (written from, or read into), and comparing them with the file costs a memcmp,
 * where hashing them meant copying megabytes into fresh memory on the main thread first.
 */
type Known =
  | { readonly digest: Buffer }
  | { readonly pieces: readonly Buffer[]; readonly length: number; readonly fingerprint: Fingerprint | null }
  /** The index opened from its columns: only its fingerprint and size are known (see trustUnread). */
  | { readonly unread: true; readonly length: number; readonly fingerprint: Fingerprint | null }

/** Which file a path names and when it last changed: any write or rename in its place changes it. */
interface Fingerprint {
  readonly ino: bigint
  readonly size: bigint
  readonly mtimeNs: bigint
  readonly ctimeNs: bigint
}

async function fingerprintOf(path: string): Promise<Fingerprint | null> {
  try {
    const { ino, size, mtimeNs, ctimeNs } = await stat(path, { bigint: true })
    return { ino, size, mtimeNs, ctimeNs }
  } catch {
    return null
  }
}

function sameFingerprint(a: Fingerprint | null, b: Fingerprint): boolean {
  return a !== null && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs
}

function knownOf(pieces: readonly Buffer[], fingerprint: Fingerprint | null = null): Known {
  const length = pieces.reduce((sum, piece) => sum + piece.length, 0)
  if (length > INSTANT_DIGEST_BYTES) return { pieces, length, fingerprint }
  // The one-shot hash() makes no Hash object for the garbage collector to finalise (see descriptor-io.ts).
  return { digest: hash('sha256', pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces), 'buffer') }
}

/** Whether `bytes` are exactly what is known. */
async function holdsKnown(bytes: Buffer, known: Known): Promise<boolean> {
  if ('digest' in known) return bytes.length <= INSTANT_DIGEST_BYTES && hash('sha256', bytes, 'buffer').equals(known.digest)
  if ('unread' in known) return false
  if (bytes.length !== known.length) return false
  let offset = 0
  for (const piece of known.pieces) {
    if (bytes.compare(piece, 0, piece.length, offset, offset + piece.length) !== 0) return false
    offset += piece.length
  }
  return true
}
