import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { hash, webcrypto } from 'node:crypto'
import * as v from 'valibot'
import { AppError } from '../../common/errors'
import type { DamageKind, RecoveryEvent } from '../../common/model/recovery'
import { describeIssues } from '../describe-issues'
import { classifyDamage } from './damage'
import { readWhole } from './descriptor-io'
import { isErrno, reasonOf, writeDurably } from './durable-json-file'
import type { Generations } from './generations'
import { FILE_SCHEMAS, type FileData, type FileKind } from './library-files'
import { migrate, type Json, type MigrationContext } from './migrations'
import { validatedFileBytes } from './validated-file-bytes'

export interface StoreContext {
  readonly dir: string
  readonly writable: boolean
  readonly generations: Generations
  readonly migration: MigrationContext
  readonly now: () => Date
}

export type Loaded<T> =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly data: T; readonly migratedFrom: number | null }
  | { readonly status: 'restored'; readonly data: T; readonly event: RecoveryEvent }
  | { readonly status: 'damaged'; readonly damage: DamageKind; readonly keptAs: string }

type Reading<T> = { ok: true; data: T; fromVersion: number } | { ok: false; damage: DamageKind; reason: string }

/** A SHA-256 digest, or null when it could not be computed (then nothing is taken as known). */
type Digest = Promise<Buffer | null>

/**
 * One library file: read with migration and validation, saved durably with its previous version
 * kept as a generation, and repaired on load when damaged.
 *
 * A damaged file (empty, zero-filled, truncated, not JSON, not matching its schema) is moved
 * aside untouched as `<name>.corrupt-<timestamp>` and the newest valid generation is put back.
 * A file written by a newer version of the app is refused, never rewritten.
 *
 * Before a save, the current version becomes a generation only if it is valid. Re-parsing and
 * re-validating it on every save is the costliest part of a save for big files (the index) and
 * the largest allocation for small ones, so each StoredFile remembers the SHA-256 of the bytes it
 * last wrote, or read and found valid: when the file still holds exactly those bytes, it is known
 * valid without parsing; otherwise (changed by someone else, damaged, never seen) it is read and
 * validated in full as before. Small files are hashed at once (microseconds); bigger ones on
 * libuv's thread pool, so the index's megabytes never block the event loop.
 */
export class StoredFile<K extends FileKind> {
  readonly kind: K
  readonly relativePath: string
  readonly #context: StoreContext
  #queue: Promise<void> = Promise.resolve()
  /** Digest of the bytes last written, or read and found valid, by this object; null when unknown. */
  #knownValid: Digest | null = null

  constructor(context: StoreContext, kind: K, relativePath: string) {
    this.#context = context
    this.kind = kind
    this.relativePath = relativePath
  }

  get path(): string {
    return join(this.#context.dir, this.relativePath)
  }

  async load(): Promise<Loaded<FileData[K]>> {
    this.#knownValid = null
    const bytes = await this.#readBytes(this.path)
    if (bytes === null) return { status: 'missing' }
    const reading = this.#check(bytes, this.path)
    if (reading.ok) {
      // A big file (the index) is not hashed while the library opens: on two cores that would
      // slow the open down, so its first save checks it in full instead.
      this.#knownValid = bytes.length <= INSTANT_DIGEST_BYTES ? digestOf(bytes) : null
      const migratedFrom = reading.fromVersion === (reading.data as { schemaVersion: number }).schemaVersion ? null : reading.fromVersion
      return { status: 'ok', data: reading.data, migratedFrom }
    }
    if (!this.#context.writable) {
      throw new AppError('library.invalid', { file: this.path, reason: reading.reason })
    }
    const keptAs = await this.#quarantine()
    for (const generation of await this.#context.generations.list(this.relativePath)) {
      const candidate = await this.#read(generation.path)
      if (candidate === null || !candidate.ok) continue
      await this.#write(candidate.data, { rotate: false })
      return {
        status: 'restored',
        data: candidate.data,
        event: {
          file: this.relativePath,
          damage: reading.damage,
          keptAs,
          outcome: 'generation',
          restoredFrom: generation.savedAt.toISOString(),
          lost: null,
        },
      }
    }
    return { status: 'damaged', damage: reading.damage, keptAs }
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
    const checked = validatedFileBytes(this.kind, data)
    if (!checked.ok) throw new AppError('library.invalid', { file: this.path, reason: checked.reason })
    // Only a version that re-reads as valid becomes a generation: never rotate damage into backups.
    if (rotate && (await this.#holdsValidVersion())) await this.#context.generations.rotate(this.relativePath)
    const bytes = checked.bytes
    // Unknown until the write has succeeded: a failed write may or may not have replaced the file.
    this.#knownValid = null
    const digest = digestOf(bytes)
    await writeDurably(this.path, bytes, { syncFolder })
    this.#knownValid = digest
  }

  /** Whether the file on disk now is valid: the very bytes known valid, or checked in full. */
  async #holdsValidVersion(): Promise<boolean> {
    const bytes = await this.#readBytes(this.path)
    if (bytes === null) return false
    const known = this.#knownValid === null ? null : await this.#knownValid
    if (known !== null) {
      const current = await digestOf(bytes)
      if (current !== null && current.equals(known)) return true
    }
    return this.#check(bytes, this.path).ok
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

  async #quarantine(): Promise<string> {
    const stamp = this.#context.now().toISOString().replace(/[:.]/g, '-')
    const keptAs = `${this.relativePath}.corrupt-${stamp}`
    await rename(this.path, join(this.#context.dir, keptAs))
    return keptAs
  }
}

/** Up to this size a file is hashed on the spot: ~20 µs, cheaper than a trip to the thread pool. */
const INSTANT_DIGEST_BYTES = 64 * 1024

/**
 * SHA-256 of `bytes`: on the spot when small, on the thread pool otherwise. The one-shot hash()
 * makes no Hash object for the garbage collector to finalise (see descriptor-io.ts for why that matters).
 */
function digestOf(bytes: Uint8Array): Digest {
  if (bytes.length <= INSTANT_DIGEST_BYTES) return Promise.resolve(hash('sha256', bytes, 'buffer'))
  return webcrypto.subtle.digest('SHA-256', bytes).then(
    (digest) => Buffer.from(digest),
    () => null,
  )
}
