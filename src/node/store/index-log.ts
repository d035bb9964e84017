import { hash } from 'node:crypto'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import type { ArticleSummary } from '../../common/model/article'
import type { DamageKind } from '../../common/model/recovery'
import { closeDescriptor, openDescriptor, readWhole, syncDescriptor, writeWhole } from './descriptor-io'
import { isErrno } from './durable-json-file'
import { LibraryIndexSchema } from './library-files'
import { mirrorPathOf, writeBothCopies } from './second-copy'

/**
 * `library.log`: the index changes made since the last checkpoint of `library.json`, one line per
 * index write, appended and fsynced (then its second copy, `mirror/library.log`) before the write
 * is acknowledged. The index is the checkpoint with every entry of the log applied in order.
 *
 * Each line is `<16 hex digits of SHA-256 of the JSON> <JSON>\n`. The first line is the header,
 * `{"base":"<checkpoint id>"}`: the log applies only to the checkpoint whose `checkpoint` field
 * holds that id (a log left by a compaction or a restore that a crash interrupted has another base
 * and is ignored: its entries are in the checkpoint already, or were replaced). Every other line
 * is one change, `{"set":[summaries],"deleted":[ids]}`: summaries replace those of the same id in
 * place or go at the end, ids are removed. Applying an entry twice gives the same index, so a
 * journal replayed after a crash may append its entry again.
 *
 * A copy is read line by line up to the first line that is not whole and valid. What follows is
 * either what a crash leaves (the one line being appended, cut short or zero-filled, at the very
 * end) or damage; which is decided by comparing the two copies (readLogCopies).
 */
export const LOG_FILE = 'library.log'

export const IndexDeltaSchema = v.object({
  set: v.array(LibraryIndexSchema.entries.articles.item),
  deleted: v.array(v.string()),
})
export interface IndexDelta {
  readonly set: readonly ArticleSummary[]
  readonly deleted: readonly string[]
}

const HeaderSchema = v.object({ base: v.pipe(v.string(), v.regex(/^[0-9a-f]{16,64}$/)) })

/** One line: the checksum, a space, the JSON, a newline. */
export function logLine(json: string): Buffer {
  return Buffer.from(`${checksum(json)} ${json}\n`, 'utf8')
}

function checksum(json: string): string {
  return hash('sha256', json, 'hex').slice(0, 16)
}

export function headerLine(base: string): Buffer {
  return logLine(JSON.stringify({ base }))
}

/** A delta's line; its summaries are the ones the index will hold, already validated by the caller. */
export function deltaLine(delta: IndexDelta): Buffer {
  return logLine(JSON.stringify({ set: delta.set, deleted: delta.deleted }))
}

/** One copy of the log as read. */
export interface LogCopy {
  /** null: the file does not exist. */
  readonly present: boolean
  /** The header's checkpoint id, or null when the first line is not a valid header. */
  readonly base: string | null
  readonly entries: readonly IndexDelta[]
  /** The checksums of the entries, to compare two copies without comparing their summaries. */
  readonly sums: readonly string[]
  /** Bytes of the valid lines (header included). */
  readonly validBytes: number
  /**
   * After the valid lines: 'clean' (nothing), 'tail' (a last line without its newline, or zero
   * bytes: what a crash during an append leaves), 'damaged' (anything else).
   */
  readonly rest: 'clean' | 'tail' | 'damaged'
  readonly damage: DamageKind | null
}

export function parseLog(bytes: Buffer | null): LogCopy {
  if (bytes === null) return { present: false, base: null, entries: [], sums: [], validBytes: 0, rest: 'clean', damage: null }
  const entries: IndexDelta[] = []
  const sums: string[] = []
  let base: string | null = null
  let offset = 0
  for (;;) {
    const newline = bytes.indexOf(0x0a, offset)
    if (newline < 0) break
    const line = bytes.subarray(offset, newline).toString('utf8')
    const space = line.indexOf(' ')
    const sum = line.slice(0, space)
    const json = line.slice(space + 1)
    if (space !== 16 || checksum(json) !== sum) break
    let value: unknown
    try {
      value = JSON.parse(json)
    } catch {
      break
    }
    if (base === null) {
      const header = v.safeParse(HeaderSchema, value)
      if (!header.success) break
      base = header.output.base
    } else {
      const entry = v.safeParse(IndexDeltaSchema, value)
      if (!entry.success) break
      entries.push(entry.output)
      sums.push(sum)
    }
    offset = newline + 1
  }
  const after = bytes.subarray(offset)
  const rest = after.length === 0 ? 'clean' : isCrashTail(after) ? 'tail' : 'damaged'
  const damage = base === null ? damageOf(bytes) : rest === 'damaged' ? damageOf(after) : null
  return { present: true, base, entries, sums, validBytes: offset, rest, damage }
}

/** A crash during an append leaves part of one line (no newline yet), or zeros where it was to go. */
function isCrashTail(after: Buffer): boolean {
  return after.indexOf(0x0a) < 0 || after.every((byte) => byte === 0)
}

function damageOf(bytes: Buffer): DamageKind {
  if (bytes.length === 0) return 'empty'
  if (bytes.every((byte) => byte === 0)) return 'zero-filled'
  return bytes.indexOf(0x0a) < 0 ? 'truncated' : 'invalid'
}

async function readBytes(path: string): Promise<Buffer | null> {
  try {
    return await readWhole(path)
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

/** What the two copies of the log say together, for the checkpoint `base`. */
export interface LogReading {
  /** The entries to apply; null when neither copy can give them (a double fault, or no log where one must be). */
  readonly entries: readonly IndexDelta[] | null
  /** Bytes of the log as it should stand (header and entries), to know when to compact. */
  readonly bytes: number
  /** The file was damaged (not a crash's leftover): reported, its bytes kept aside by a writable open. */
  readonly fileDamage: DamageKind | null
  /** The copy was damaged: rewritten and reported as recopied. */
  readonly copyDamage: DamageKind | null
  /** The two copies are not both exactly the entries: a writable open rewrites them. */
  readonly needsRewrite: boolean
}

/**
 * Reads `library.log` and its copy and decides which entries hold. The file is appended before
 * its copy, and a save is acknowledged after both: so a crash leaves the copy at most one entry
 * behind the file (or cut short in it), and never ahead. Hence:
 * - the longer of the two valid prefixes holds every acknowledged entry (one is a prefix of the other);
 * - the file behind the copy, or a copy more than one entry behind the file, or a complete line that
 *   is not valid, is damage from outside: reported; anything else is a crash's leftover, mended silently.
 * A copy whose header names another checkpoint is stale (a compaction or restore interrupted) and
 * counts as absent.
 */
export async function readLogCopies(dir: string, base: string): Promise<LogReading & { file: LogCopy; copy: LogCopy }> {
  const [fileBytes, copyBytes] = await Promise.all([readBytes(join(dir, LOG_FILE)), readBytes(join(dir, mirrorPathOf(LOG_FILE)))])
  const file = parseLog(fileBytes)
  const copy = parseLog(copyBytes)
  const usable = (side: LogCopy) => side.base === base
  const fileUsable = usable(file)
  const copyUsable = usable(copy)
  const stale = (side: LogCopy) => side.base !== null && side.base !== base
  if (!fileUsable && !copyUsable) {
    // Both stale, or one stale and one missing: a compaction or restore was interrupted after the
    // checkpoint was written; the checkpoint holds everything.
    const interrupted = (stale(file) || stale(copy)) && !(file.base === null && file.present) && !(copy.base === null && copy.present)
    return { file, copy, entries: interrupted ? [] : null, bytes: 0, fileDamage: file.damage, copyDamage: copy.damage, needsRewrite: true }
  }
  const longer = !copyUsable || (fileUsable && file.entries.length >= copy.entries.length) ? file : copy
  const shorter = longer === file ? copy : file
  const shorterUsable = longer === file ? copyUsable : fileUsable
  // One must be a prefix of the other; if not, the longer is still whole and valid line by line.
  const behind = shorterUsable ? longer.entries.length - shorter.entries.length : longer.entries.length + 1
  const fileDamage =
    file.damage ?? (!fileUsable && !stale(file) ? (file.present ? 'invalid' : 'missing') : longer === copy && behind > 0 ? (file.present ? 'truncated' : 'missing') : null)
  const copyDamage =
    copy.damage ?? (!copyUsable && !stale(copy) && copy.present ? 'invalid' : longer === file && behind > 1 && copy.present ? 'truncated' : null)
  const clean = (side: LogCopy) => side.rest === 'clean' && side.base === base && side.entries.length === longer.entries.length
  return {
    file,
    copy,
    entries: longer.entries,
    bytes: longer.validBytes,
    fileDamage,
    copyDamage,
    needsRewrite: !clean(file) || !clean(copy),
  }
}

/** The whole log, header and entries, to write in place of both copies (temp file, fsync, rename). */
export async function rewriteLog(dir: string, base: string, entries: readonly IndexDelta[]): Promise<number> {
  const pieces = [headerLine(base), ...entries.map(deltaLine)]
  await writeBothCopies(dir, LOG_FILE, pieces)
  return pieces.reduce((sum, piece) => sum + piece.length, 0)
}

/**
 * Appends one line to the file, durably, then to its copy: the order that makes a copy ahead of
 * its file a sign of damage (readLogCopies).
 */
export async function appendLog(dir: string, line: Buffer): Promise<void> {
  for (const path of [join(dir, LOG_FILE), join(dir, mirrorPathOf(LOG_FILE))]) {
    const descriptor = await openDescriptor(path, 'a')
    try {
      await writeWhole(descriptor, line)
      await syncDescriptor(descriptor)
    } finally {
      await closeDescriptor(descriptor)
    }
  }
}

/** Moves a damaged copy aside as `<path>.corrupt-<timestamp>`; returns that path. */
export async function keepLogAside(dir: string, relativePath: string, now: () => Date): Promise<string> {
  const keptAs = `${relativePath}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`
  try {
    await rename(join(dir, relativePath), join(dir, keptAs))
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error
    return ''
  }
  return keptAs
}

/** Both copies gone (a restore replaces the checkpoint and must not keep the log of the one before). */
export async function removeLog(dir: string): Promise<void> {
  await rm(join(dir, mirrorPathOf(LOG_FILE)), { force: true })
  await rm(join(dir, LOG_FILE), { force: true })
}
