import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { EXTRACTION_VERSION } from '../../common/dossier/extract-article'
import type { ArticleEntry } from './article-entry'

/**
 * The dossier's per-article extractions on disk, so that opening the People or Timeline view in
 * a library opened again reads one file instead of every article's body (and extracts nothing
 * but what changed since).
 *
 * A cache, never the only copy of anything: every entry is derived from an article and carries
 * the article's stamp (article-entry.ts); an entry whose stamp differs from the index's is
 * extracted again, one missing is extracted, and a file that is missing, damaged, of another
 * format or of another extraction version (`EXTRACTION_VERSION`: the rules changed) is ignored
 * whole and written anew. So it lies outside the store's files (no second copy, no generations,
 * not in backups) and is written once: a unique temp file, fsync, rename, fsync of the folder,
 * so a crash leaves the old file or the new one.
 *
 * Format: UTF-8 lines. The first is a header (`{"format","version"}`), then one line per article
 * (`[id, stamp, dossier, blockOffsets, contexts]`), then the SHA-256 (hex) of every byte before
 * it. Line by line, so that a save stringifies only the entries that changed since the last one.
 */
export const DOSSIER_CACHE_FILE = join('cache', 'dossier-extractions.ndjson')

const FORMAT = 'briefing-desk dossier extractions'

export class DossierCacheDamaged extends Error {
  override readonly name = 'DossierCacheDamaged'
}

/** One entry as a line of the file (without its newline). */
export function entryLine(id: string, entry: ArticleEntry): string {
  return JSON.stringify([id, entry.stamp, entry.dossier, entry.blockOffsets, [...entry.contexts]])
}

function header(): string {
  return JSON.stringify({ format: FORMAT, version: EXTRACTION_VERSION })
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

function isEntryTuple(value: unknown): value is [string, string, ArticleEntry['dossier'], number[], [string, string][]] {
  if (!Array.isArray(value) || value.length !== 5) return false
  const [id, stamp, dossier, offsets, contexts] = value as unknown[]
  if (typeof id !== 'string' || typeof stamp !== 'string' || !Array.isArray(offsets) || !Array.isArray(contexts)) return false
  if (typeof dossier !== 'object' || dossier === null) return false
  const { people, organisations, events } = dossier as Record<string, unknown>
  return Array.isArray(people) && Array.isArray(organisations) && Array.isArray(events)
}

/**
 * The entries of the file with their lines, or null when there is no file or it is of another
 * version. Throws DossierCacheDamaged when the bytes do not match their digest or a line is not
 * an entry (the caller ignores the file and writes it anew).
 */
export async function readDossierCache(path: string): Promise<Map<string, { entry: ArticleEntry; line: string }> | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const lastBreak = text.lastIndexOf('\n', text.length - 2)
  if (lastBreak < 0) throw new DossierCacheDamaged('no digest line')
  const body = text.slice(0, lastBreak + 1)
  if (digest(body) !== text.slice(lastBreak + 1).trim()) throw new DossierCacheDamaged('its digest does not match its bytes')
  const lines = body.split('\n')
  lines.pop()
  let head: unknown
  try {
    head = JSON.parse(lines[0] ?? '')
  } catch {
    throw new DossierCacheDamaged('its header is not JSON')
  }
  if (typeof head !== 'object' || head === null || (head as { format?: unknown }).format !== FORMAT) throw new DossierCacheDamaged('not a dossier cache')
  if ((head as { version?: unknown }).version !== EXTRACTION_VERSION) return null
  const entries = new Map<string, { entry: ArticleEntry; line: string }>()
  for (const line of lines.slice(1)) {
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      throw new DossierCacheDamaged('a line is not JSON')
    }
    if (!isEntryTuple(value)) throw new DossierCacheDamaged('a line is not an entry')
    const [id, stamp, dossier, blockOffsets, contexts] = value
    entries.set(id, { entry: { stamp, dossier, blockOffsets, contexts: new Map(contexts) }, line })
  }
  return entries
}

/** Writes the lines given (one per entry) as the whole file, atomically. */
export async function writeDossierCache(path: string, lines: Iterable<string>): Promise<void> {
  const folder = dirname(path)
  await mkdir(folder, { recursive: true })
  // A crash while writing leaves a temp file: never data, removed before the next write.
  for (const name of await readdir(folder)) if (name.startsWith('.dossier-extractions.') && name.endsWith('.tmp')) await rm(join(folder, name), { force: true })
  const parts = [header(), ...lines]
  const body = `${parts.join('\n')}\n`
  const temp = join(folder, `.dossier-extractions.${randomBytes(6).toString('hex')}.tmp`)
  const file = await open(temp, 'w', 0o600)
  try {
    await file.writeFile(`${body}${digest(body)}\n`, 'utf8')
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
