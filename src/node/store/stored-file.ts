import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { AppError } from '../../common/errors'
import type { DamageKind, RecoveryEvent } from '../../common/model/recovery'
import { classifyDamage } from './damage'
import { isErrno, reasonOf, writeDurably } from './durable-json-file'
import type { Generations } from './generations'
import { FILE_SCHEMAS, type FileData, type FileKind } from './library-files'
import { migrate, type Json, type MigrationContext } from './migrations'

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

/**
 * One library file: read with migration and validation, saved durably with its previous version
 * kept as a generation, and repaired on load when damaged.
 *
 * A damaged file (empty, zero-filled, truncated, not JSON, not matching its schema) is moved
 * aside untouched as `<name>.corrupt-<timestamp>` and the newest valid generation is put back.
 * A file written by a newer version of the app is refused, never rewritten.
 */
export class StoredFile<K extends FileKind> {
  readonly kind: K
  readonly relativePath: string
  readonly #context: StoreContext
  #queue: Promise<void> = Promise.resolve()

  constructor(context: StoreContext, kind: K, relativePath: string) {
    this.#context = context
    this.kind = kind
    this.relativePath = relativePath
  }

  get path(): string {
    return join(this.#context.dir, this.relativePath)
  }

  async load(): Promise<Loaded<FileData[K]>> {
    const reading = await this.#read(this.path)
    if (reading === null) return { status: 'missing' }
    if (reading.ok) {
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
    const parsed = v.safeParse(FILE_SCHEMAS[this.kind], data)
    if (!parsed.success) throw new AppError('library.invalid', { file: this.path, reason: v.summarize(parsed.issues) })
    // Only a version that re-reads as valid becomes a generation: never rotate damage into backups.
    if (rotate) {
      const current = await this.#read(this.path)
      if (current?.ok) await this.#context.generations.rotate(this.relativePath)
    }
    await writeDurably(this.path, `${JSON.stringify(data)}\n`, { syncFolder })
  }

  /** null when the file does not exist. */
  async #read(path: string): Promise<Reading<FileData[K]> | null> {
    let bytes: Buffer
    try {
      bytes = await readFile(path)
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null
      throw new AppError('library.unreadable', { file: path, reason: reasonOf(error) }, { cause: error })
    }
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
    if (!parsed.success) return { ok: false, damage: classifyDamage(bytes, null), reason: v.summarize(parsed.issues) }
    return { ok: true, data: parsed.output as FileData[K], fromVersion: migrated.fromVersion }
  }

  async #quarantine(): Promise<string> {
    const stamp = this.#context.now().toISOString().replace(/[:.]/g, '-')
    const keptAs = `${this.relativePath}.corrupt-${stamp}`
    await rename(this.path, join(this.#context.dir, keptAs))
    return keptAs
  }
}
