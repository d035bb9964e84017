import { randomBytes } from 'node:crypto'
import { readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Adapter } from 'lowdb'
import * as v from 'valibot'
import { AppError } from '../../common/errors'
import { describeIssues } from '../describe-issues'
import { closeDescriptor, openDescriptor, syncDescriptor, writeAllPieces, writeWhole } from './descriptor-io'

/**
 * A lowdb adapter for one JSON file that is never left half-written and never holds data the
 * code does not expect.
 *
 * write(): serialise, write a uniquely named temp file beside the target, fsync it, rename it over
 * the target, fsync the folder. The promise resolves only after all of that, so an acknowledged
 * save survives a crash or power cut. lowdb's own JSONFile (steno) renames but never fsyncs.
 * Writes are queued: two saves in flight can never land in the wrong order.
 *
 * read(): parse and validate with the schema; a missing file reads as null, anything unreadable
 * or invalid throws an AppError naming the file and the reason.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly #file: string
  readonly #schema: v.GenericSchema<unknown, T>
  #queue: Promise<void> = Promise.resolve()

  constructor(file: string, schema: v.GenericSchema<unknown, T>) {
    this.#file = file
    this.#schema = schema
  }

  get file(): string {
    return this.#file
  }

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.#file, 'utf8')
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null
      throw new AppError('library.unreadable', { file: this.#file, reason: reasonOf(error) }, { cause: error })
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new AppError('library.invalid', { file: this.#file, reason: reasonOf(error) }, { cause: error })
    }
    const parsed = v.safeParse(this.#schema, json)
    if (!parsed.success) {
      throw new AppError('library.invalid', { file: this.#file, reason: describeIssues(parsed.issues) })
    }
    return parsed.output
  }

  write(data: T): Promise<void> {
    // Validate before touching the disk: an invalid record is a bug and must not be persisted.
    const parsed = v.safeParse(this.#schema, data)
    if (!parsed.success) {
      return Promise.reject(
        new AppError('library.invalid', { file: this.#file, reason: describeIssues(parsed.issues) }),
      )
    }
    const text = `${JSON.stringify(data, null, 1)}\n`
    const next = this.#queue.then(() => writeDurably(this.#file, text))
    // Keep the queue alive after a failure; the caller still sees the rejection.
    this.#queue = next.catch(() => undefined)
    return next
  }
}

export interface DurableWriteOptions {
  /** Library files are the user's alone; an export the user saves somewhere is an ordinary file. */
  readonly mode?: number
  /** The error to report, naming the file and the reason. */
  readonly errorCode?: 'library.writeFailed' | 'export.writeFailed'
  /**
   * false when the caller writes several files into one folder and syncs the folder itself once
   * they are all renamed (an import's group of article bodies): the write is durable only then.
   */
  readonly syncFolder?: boolean
}

/**
 * Writes a file whole or not at all: a temp file beside it, synced, renamed over it, folder synced.
 * `content` may come in pieces, written one after the other (a big index is never joined in memory).
 */
export async function writeDurably(file: string, content: string | Uint8Array | readonly Uint8Array[], options: DurableWriteOptions = {}): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const descriptor = await openDescriptor(temp, 'wx', options.mode ?? 0o600)
    try {
      if (Array.isArray(content)) await writeAllPieces(descriptor, content as readonly Uint8Array[])
      else await writeWhole(descriptor, content as string | Uint8Array)
      await syncDescriptor(descriptor)
    } finally {
      await closeDescriptor(descriptor)
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw new AppError(options.errorCode ?? 'library.writeFailed', { file, reason: reasonOf(error) }, { cause: error })
  }
  if (options.syncFolder !== false) await syncFolder(dirname(file))
}

/** fsync a folder so a rename in it is durable. Best effort: some systems refuse to open folders. */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const descriptor = await openDescriptor(folder, 'r')
    try {
      await syncDescriptor(descriptor)
    } finally {
      await closeDescriptor(descriptor)
    }
  } catch {
    // Windows cannot open a directory for fsync; the rename is still atomic there.
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
