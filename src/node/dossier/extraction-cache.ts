import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { crc32 } from 'node:zlib'
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
 * Damage never blocks: a record whose checksum or shape is wrong (a torn append after a crash, a
 * flipped byte) is skipped, so its article is extracted again, and the reader reports the damage so
 * that the next save compacts. A file of another format or extraction version
 * (`EXTRACTION_VERSION`: the rules changed) is ignored whole.
 */
export const DOSSIER_CACHE_FILE = join('cache', 'dossier-extractions.ndjson')

const FORMAT = 'briefing-desk dossier extraction log'

/** One entry's record JSON (without its checksum and newline). */
export function entryLine(id: string, entry: ArticleEntry): string {
  return JSON.stringify([id, entry.stamp, entry.dossier, entry.blockOffsets, [...entry.contexts]])
}

/** The record saying an article's entry is gone. */
export function removalLine(id: string): string {
  return JSON.stringify([id])
}

function header(): string {
  return JSON.stringify({ format: FORMAT, version: EXTRACTION_VERSION })
}

function checksum(json: string): string {
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

export interface DossierCacheContents {
  /** The current entry of each article, with its record JSON (so a compaction stringifies nothing again). */
  readonly entries: Map<string, { entry: ArticleEntry; line: string }>
  /** Records in the file (current or not): how much a compaction would save. */
  readonly records: number
  /** Some record was skipped as damaged, or the file does not end with a whole line: compact before appending. */
  readonly damaged: boolean
}

/**
 * What the log holds, or null when there is no file, or it is not a log of this format and
 * extraction version (the caller writes it anew). Never throws for bad content: damaged records
 * are skipped and reported.
 */
export async function readDossierCache(path: string): Promise<DossierCacheContents | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const firstBreak = text.indexOf('\n')
  let head: unknown
  try {
    head = JSON.parse(firstBreak < 0 ? text : text.slice(0, firstBreak))
  } catch {
    return null
  }
  if (typeof head !== 'object' || head === null || (head as { format?: unknown }).format !== FORMAT) return null
  if ((head as { version?: unknown }).version !== EXTRACTION_VERSION) return null
  const entries = new Map<string, { entry: ArticleEntry; line: string }>()
  let records = 0
  let damaged = !text.endsWith('\n')
  let at = firstBreak + 1
  while (at > 0 && at < text.length) {
    const end = text.indexOf('\n', at)
    const raw = text.slice(at, end < 0 ? text.length : end)
    at = end < 0 ? text.length : end + 1
    records++
    const json = raw.slice(9)
    if (raw[8] !== ' ' || raw.slice(0, 8) !== checksum(json)) {
      damaged = true
      continue
    }
    let value: unknown
    try {
      value = JSON.parse(json)
    } catch {
      damaged = true
      continue
    }
    if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') {
      entries.delete(value[0])
      continue
    }
    if (!isEntryTuple(value)) {
      damaged = true
      continue
    }
    const [id, stamp, dossier, blockOffsets, contexts] = value
    entries.set(id, { entry: { stamp, dossier, blockOffsets, contexts: new Map(contexts) }, line: json })
  }
  return { entries, records, damaged }
}

/** Writes the records given (one per current entry) as the whole file, atomically. */
export async function compactDossierCache(path: string, lines: Iterable<string>): Promise<void> {
  const folder = dirname(path)
  await mkdir(folder, { recursive: true })
  // A crash while writing leaves a temp file: never data, removed before the next write.
  for (const name of await readdir(folder)) if (name.startsWith('.dossier-extractions.') && name.endsWith('.tmp')) await rm(join(folder, name), { force: true })
  const parts = [`${header()}\n`]
  for (const line of lines) parts.push(framed(line))
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
}

/**
 * Appends records to a log that ends with a whole line. A crash mid-append leaves a torn last
 * record, which its checksum rejects on the next read (that article is extracted again).
 */
export async function appendDossierCache(path: string, lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return
  const file = await open(path, 'a', 0o600)
  try {
    await file.writeFile(lines.map(framed).join(''), 'utf8')
    await file.datasync()
  } finally {
    await file.close()
  }
}
