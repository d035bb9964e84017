import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { crc32 } from 'node:zlib'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { EXTRACTION_VERSION } from '../../common/dossier/extract-article'
import type { ArticleEntry } from './article-entry'

/**
 * The dossier's per-article extractions on disk, so that opening the People or Timeline view in
 * a library opened again reads one file instead of every article's body (and extracts nothing
 * but what changed since).
 *
 * A cache, never the only copy of anything: every entry is derived from an article and carries
 * the article's stamp (article-entry.ts); an entry whose stamp differs from the index's is
 * extracted again, one missing is extracted. So it lies outside the store's files (no second
 * copy, no generations, not in backups).
 *
 * Format: an append-only log of UTF-8 lines. The first is a header (`{"format","version"}`); each
 * later line is one record, `<crc32 of the JSON, 8 hex digits> <JSON>`, where the JSON is either an
 * article's entry (`[id, stamp, dossier, blockOffsets, contexts]`) or its removal (`[id]`). The
 * last record of an id wins. So an edit appends one line (`appendDossierCache`), not the 35 MB of
 * a 10,000-article library; when the log holds many records no longer current, or anything in it
 * is damaged, it is written anew whole (`compactDossierCache`: a unique temp file, fsync, rename,
 * fsync of the folder, so a crash leaves the old file or the new one).
 *
 * Read one article at a time: the **offset table** (`cache/dossier-extractions.index.json`,
 * `writeDossierIndex`) gives each current record's place in the log (byte offset, length) and its
 * stamp, for the log's first `bytes` bytes of one `generation` (a random token in the log's header,
 * new with every compaction). A library opened again reads the table and the records appended
 * after it (the tail), compares stamps with the index, and reads a record only when its article is
 * shown or merged (`readDossierRecords`), checking it then: checksum, shape, and the id and stamp
 * the table gave. A table of another generation, covering more than the log holds, or damaged is
 * not used: the log is then read whole (`readDossierCache`), as without a table.
 *
 * Damage never blocks: a record whose checksum or shape is wrong (a torn append after a crash, a
 * flipped byte) is skipped, so its article is extracted again, and the reader reports the damage so
 * that the next save compacts. A file of another format or extraction version
 * (`EXTRACTION_VERSION`: the rules changed) is ignored whole.
 */
export const DOSSIER_CACHE_FILE = join('cache', 'dossier-extractions.ndjson')
export const DOSSIER_CACHE_INDEX_FILE = join('cache', 'dossier-extractions.index.json')

const FORMAT = 'briefing-desk dossier extraction log'
const INDEX_FORMAT = 'briefing-desk dossier extraction log offsets'

/** One entry's record JSON (without its checksum and newline). */
export function entryLine(id: string, entry: ArticleEntry): string {
  return JSON.stringify([id, entry.stamp, entry.dossier, entry.blockOffsets, [...entry.contexts]])
}

/** The record saying an article's entry is gone. */
export function removalLine(id: string): string {
  return JSON.stringify([id])
}

function header(generation: string): string {
  return JSON.stringify({ format: FORMAT, version: EXTRACTION_VERSION, generation })
}

function checksum(json: string | Uint8Array): string {
  return crc32(json).toString(16).padStart(8, '0')
}

/** A record as written: checksum, space, JSON, newline. */
function framed(json: string): string {
  return `${checksum(json)} ${json}\n`
}

function isEntryTuple(value: unknown): value is [string, string, ArticleEntry['dossier'], number[], [string, string][]] {
  if (!Array.isArray(value) || value.length !== 5) return false
  const [id, stamp, dossier, offsets, contexts] = value as unknown[]
  if (typeof id !== 'string' || typeof stamp !== 'string' || !Array.isArray(offsets) || !Array.isArray(contexts)) return false
  if (typeof dossier !== 'object' || dossier === null) return false
  const { people, organisations, events } = dossier as Record<string, unknown>
  return Array.isArray(people) && Array.isArray(organisations) && Array.isArray(events)
}

/** Where an article's current record lies in the log: the line's first byte, its length in bytes (without the newline), and the stamp it records. */
export interface LogPosition {
  readonly stamp: string
  readonly offset: number
  readonly length: number
}

/** A record read and checked: the entry and its JSON (so a compaction stringifies nothing again). */
export interface LogEntry {
  readonly entry: ArticleEntry
  readonly line: string
}

export interface DossierCacheContents {
  /** The current entries read (all of them without an offset table; the tail's with one). */
  readonly entries: Map<string, LogEntry>
  /** The current records not read yet (from the offset table), by id. */
  readonly unread: Map<string, LogPosition>
  /** Every current record's place in the log (read or not). */
  readonly positions: Map<string, LogPosition>
  /** Records in the file (current or not): how much a compaction would save. */
  readonly records: number
  /** Some record was skipped as damaged, or the file does not end with a whole line, or has no generation: compact before appending. */
  readonly damaged: boolean
  /** The log's generation (its header's), null for a log written before generations. */
  readonly generation: string | null
  /** The log's length in bytes. */
  readonly bytes: number
  /** The length the offset table read covers, or null when none was used. */
  readonly indexed: number | null
}

/** The header line's fields when it is a log of this format and extraction version, else null. */
function parseHeader(line: string): { generation: string | null } | null {
  let head: unknown
  try {
    head = JSON.parse(line)
  } catch {
    return null
  }
  if (typeof head !== 'object' || head === null) return null
  const { format, version, generation } = head as { format?: unknown; version?: unknown; generation?: unknown }
  if (format !== FORMAT || version !== EXTRACTION_VERSION) return null
  return { generation: typeof generation === 'string' ? generation : null }
}

/** One record's bytes (checksum, space, JSON) checked: the id and its entry, a removal, or null when damaged. */
function parseRecord(bytes: Buffer): { id: string; value: LogEntry | null } | null {
  if (bytes.length < 10 || bytes[8] !== 0x20) return null
  const json = bytes.subarray(9)
  if (bytes.toString('latin1', 0, 8) !== checksum(json)) return null
  let value: unknown
  const line = json.toString('utf8')
  try {
    value = JSON.parse(line)
  } catch {
    return null
  }
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return { id: value[0], value: null }
  if (!isEntryTuple(value)) return null
  const [id, stamp, dossier, blockOffsets, contexts] = value
  return { id, value: { entry: { stamp, dossier, blockOffsets, contexts: new Map(contexts) }, line } }
}

/** Reads the records of `buffer` (whose first byte is the log's byte `base`), applying each to the maps; counts and damage. */
function readRecords(buffer: Buffer, base: number, into: { entries: Map<string, LogEntry>; unread: Map<string, LogPosition>; positions: Map<string, LogPosition> }): { records: number; damaged: boolean } {
  let records = 0
  let damaged = buffer.length > 0 && buffer[buffer.length - 1] !== 0x0a
  let at = 0
  while (at < buffer.length) {
    const end = buffer.indexOf(0x0a, at)
    const stop = end < 0 ? buffer.length : end
    const record = parseRecord(buffer.subarray(at, stop))
    const from = at
    at = stop + 1
    records++
    if (record === null) {
      damaged = true
      continue
    }
    into.unread.delete(record.id)
    if (record.value === null) {
      into.entries.delete(record.id)
      into.positions.delete(record.id)
    } else {
      into.entries.set(record.id, record.value)
      into.positions.set(record.id, { stamp: record.value.entry.stamp, offset: base + from, length: stop - from })
    }
  }
  return { records, damaged }
}

/**
 * What the log holds, or null when there is no file, or it is not a log of this format and
 * extraction version (the caller writes it anew). Never throws for bad content: damaged records
 * are skipped and reported. With `indexPath`, the offset table is used when it fits the log:
 * then only the records appended after it are read, the others are listed in `unread`.
 */
export async function readDossierCache(path: string, indexPath?: string): Promise<DossierCacheContents | null> {
  if (indexPath !== undefined) {
    const indexed = await readIndexed(path, indexPath).catch(() => null)
    if (indexed !== null) return indexed
  }
  let buffer: Buffer
  try {
    buffer = await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const firstBreak = buffer.indexOf(0x0a)
  const head = parseHeader(buffer.toString('utf8', 0, firstBreak < 0 ? buffer.length : firstBreak))
  if (head === null) return null
  const into = { entries: new Map<string, LogEntry>(), unread: new Map<string, LogPosition>(), positions: new Map<string, LogPosition>() }
  const { records, damaged } = firstBreak < 0 ? { records: 0, damaged: true } : readRecords(buffer.subarray(firstBreak + 1), firstBreak + 1, into)
  return { ...into, records, damaged: damaged || head.generation === null, generation: head.generation, bytes: buffer.length, indexed: null }
}

interface IndexFile {
  readonly format: string
  readonly version: number
  readonly generation: string
  /** The log's length the table covers. */
  readonly bytes: number
  /** Records in those bytes (current or not). */
  readonly count: number
  /** Each current record, as columns (four arrays parse faster than ten thousand small ones). */
  readonly ids: readonly string[]
  readonly stamps: readonly string[]
  readonly offsets: readonly number[]
  readonly lengths: readonly number[]
}

function isIndex(value: unknown): value is IndexFile {
  if (typeof value !== 'object' || value === null) return false
  const index = value as Record<string, unknown>
  return index['format'] === INDEX_FORMAT && index['version'] === EXTRACTION_VERSION && typeof index['generation'] === 'string' && Number.isSafeInteger(index['bytes']) && Number.isSafeInteger(index['count']) && ['ids', 'stamps', 'offsets', 'lengths'].every((column) => Array.isArray(index[column]) && (index[column] as unknown[]).length === (index['ids'] as unknown[] | undefined)?.length)
}

/** The log through its offset table only: null when there is no log, no table, or they do not fit (never a read of the whole log). */
export async function readDossierCacheIndexed(path: string, indexPath: string): Promise<DossierCacheContents | null> {
  return readIndexed(path, indexPath).catch(() => null)
}

/** The log through its offset table, or null when the table does not fit the log (then it is read whole). */
async function readIndexed(path: string, indexPath: string): Promise<DossierCacheContents | null> {
  const index: unknown = JSON.parse(await readFile(indexPath, 'utf8'))
  if (!isIndex(index)) return null
  const file = await open(path, 'r')
  try {
    const size = (await file.stat()).size
    if (size < index.bytes) return null
    const headBytes = Buffer.alloc(Math.min(size, 4096))
    await file.read(headBytes, 0, headBytes.length, 0)
    const firstBreak = headBytes.indexOf(0x0a)
    if (firstBreak < 0 || firstBreak >= index.bytes) return null
    const head = parseHeader(headBytes.toString('utf8', 0, firstBreak))
    if (head === null || head.generation !== index.generation) return null
    const unread = new Map<string, LogPosition>()
    for (let i = 0; i < index.ids.length; i++) {
      const id: unknown = index.ids[i]
      const stamp: unknown = index.stamps[i]
      const at: unknown = index.offsets[i]
      const bytes: unknown = index.lengths[i]
      if (typeof id !== 'string' || typeof stamp !== 'string' || typeof at !== 'number' || typeof bytes !== 'number' || !Number.isSafeInteger(at) || !Number.isSafeInteger(bytes)) return null
      if (at <= firstBreak || bytes <= 0 || at + bytes + 1 > index.bytes) return null
      unread.set(id, { stamp, offset: at, length: bytes })
    }
    const into = { entries: new Map<string, LogEntry>(), unread, positions: new Map(unread) }
    const tail = Buffer.alloc(size - index.bytes)
    if (tail.length > 0) await file.read(tail, 0, tail.length, index.bytes)
    const { records, damaged } = readRecords(tail, index.bytes, into)
    return { ...into, records: index.count + records, damaged, generation: index.generation, bytes: size, indexed: index.bytes }
  } finally {
    await file.close()
  }
}

/**
 * Reads the records at these places, each checked before it is trusted (checksum, shape, and the
 * id and stamp expected): a damaged one is null (its article is extracted again). Few records are
 * read one by one; many, with the whole file read once.
 */
export async function readDossierRecords(path: string, wanted: readonly (readonly [id: string, position: LogPosition])[]): Promise<Map<string, LogEntry | null>> {
  const found = new Map<string, LogEntry | null>()
  if (wanted.length === 0) return found
  const check = (id: string, position: LogPosition, bytes: Buffer): void => {
    const record = bytes.length === position.length ? parseRecord(bytes) : null
    found.set(id, record !== null && record.id === id && record.value !== null && record.value.entry.stamp === position.stamp ? record.value : null)
  }
  const file = await open(path, 'r')
  try {
    if (wanted.length > WHOLE_FILE_READ) {
      const buffer = await file.readFile()
      for (const [index, [id, position]] of wanted.entries()) {
        check(id, position, buffer.subarray(position.offset, position.offset + position.length))
        // Parsing thousands of records is a second of work: calls that need a few records go in between.
        if (index % YIELD_EVERY === YIELD_EVERY - 1) await nextTurn()
      }
      return found
    }
    for (const [id, position] of wanted) {
      const bytes = Buffer.alloc(position.length)
      const { bytesRead } = await file.read(bytes, 0, position.length, position.offset)
      check(id, position, bytes.subarray(0, bytesRead))
    }
    return found
  } finally {
    await file.close()
  }
}

/** Above this many records, one read of the whole file costs less than a read per record. */
const WHOLE_FILE_READ = 256
const YIELD_EVERY = 500

/** A log as written by a compaction: its generation, length and each record's place. */
export interface LogLayout {
  readonly generation: string
  readonly bytes: number
  readonly positions: Map<string, LogPosition>
}

async function removeTemps(folder: string, prefix: string): Promise<void> {
  // A crash while writing leaves a temp file: never data, removed before the next write.
  for (const name of await readdir(folder)) if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(join(folder, name), { force: true })
}

/** Writes the records given (one per current entry: id, stamp, JSON) as the whole file, atomically, under a new generation. */
export async function compactDossierCache(path: string, lines: Iterable<readonly [id: string, stamp: string, line: string]>): Promise<LogLayout> {
  const folder = dirname(path)
  await mkdir(folder, { recursive: true })
  await removeTemps(folder, '.dossier-extractions.')
  const generation = randomBytes(8).toString('hex')
  const first = `${header(generation)}\n`
  const parts = [first]
  const positions = new Map<string, LogPosition>()
  let bytes = Buffer.byteLength(first)
  for (const [id, stamp, line] of lines) {
    const record = framed(line)
    const length = Buffer.byteLength(record)
    positions.set(id, { stamp, offset: bytes, length: length - 1 })
    bytes += length
    parts.push(record)
  }
  const temp = join(folder, `.dossier-extractions.${randomBytes(6).toString('hex')}.tmp`)
  const file = await open(temp, 'w', 0o600)
  try {
    await file.writeFile(parts.join(''), 'utf8')
    await file.sync()
  } catch (error) {
    await file.close()
    await rm(temp, { force: true })
    throw error
  }
  await file.close()
  await rename(temp, path)
  const dir = await open(folder, 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
  return { generation, bytes, positions }
}

/**
 * Appends records to a log that ends with a whole line. A crash mid-append leaves a torn last
 * record, which its checksum rejects on the next read (that article is extracted again). Answers
 * where the records went: the log's length before them, and each one's length in bytes (without
 * its newline).
 */
export async function appendDossierCache(path: string, lines: readonly string[]): Promise<{ start: number; lengths: number[] }> {
  if (lines.length === 0) return { start: 0, lengths: [] }
  const file = await open(path, 'a', 0o600)
  try {
    const start = (await file.stat()).size
    const records = lines.map(framed)
    await file.writeFile(records.join(''), 'utf8')
    await file.datasync()
    return { start, lengths: records.map((record) => Buffer.byteLength(record) - 1) }
  } finally {
    await file.close()
  }
}

/**
 * Writes the offset table of a log (its generation, the length it covers, its record count, each
 * current record's place). Not synced: a table lost or torn in a crash is not used (the log is then
 * read whole), so it needs no more than a rename.
 */
export async function writeDossierIndex(indexPath: string, layout: { generation: string; bytes: number; count: number; positions: ReadonlyMap<string, LogPosition> }): Promise<void> {
  const folder = dirname(indexPath)
  await removeTemps(folder, '.dossier-extractions-index.')
  const ids: string[] = []
  const stamps: string[] = []
  const offsets: number[] = []
  const lengths: number[] = []
  for (const [id, { stamp, offset, length }] of layout.positions) {
    ids.push(id)
    stamps.push(stamp)
    offsets.push(offset)
    lengths.push(length)
  }
  const index: IndexFile = { format: INDEX_FORMAT, version: EXTRACTION_VERSION, generation: layout.generation, bytes: layout.bytes, count: layout.count, ids, stamps, offsets, lengths }
  const temp = join(folder, `.dossier-extractions-index.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, JSON.stringify(index), { mode: 0o600 })
    await rename(temp, indexPath)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
