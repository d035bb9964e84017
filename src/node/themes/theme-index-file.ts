import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { refFromStored, storedRef, type PassageRef, type StoredRef } from './passage-refs'

/**
 * The theme index's cache on disk: what the Themes view needs of every tagged highlight (its
 * references, passage-refs.ts), so that opening the view reads these files rather than every
 * highlights file of the library.
 *
 * - `cache/theme-index.json`, the checkpoint: a first line `{"format":1,"seq":N,"counts":{...}}`,
 *   then one line per article with tagged highlights, `["article-id",[ref,...]]`: the library's
 *   state at change N;
 * - `cache/theme-index.log` beside it, one line per change of the library since (or at most a few
 *   thousand: then a new checkpoint is written and the log emptied), each `{"seq":N}` plus, for
 *   the articles whose highlights changed, `"set":{"article-id":[ref,...]}` (an empty list: the
 *   article has none now, or was deleted), and the counts per theme after the change when the
 *   writer knew them. Every change is logged, even one that is not about highlights, so that the
 *   last seq says how far the cache follows the library; the numbers follow each other without a
 *   gap (the store's sequence does within a session), and reading stops at a gap.
 *
 * Opening the Themes view reads the checkpoint's first line and the log (`readThemeIndexTail`):
 * the last counts, enough to paint the tree; the references follow (`readThemeIndex`).
 *
 * The files are a cache, never the only copy of anything: derived from the highlights files and
 * rebuilt from them when missing, damaged or behind the library's change sequence number. So they
 * live outside the store's files (no second copy, no generations, not in backups). Reading stops
 * at the first line that does not parse (a torn append): what was read then ends at an older seq,
 * which the caller sees as behind, and rebuilds. A checkpoint is written to a temp file, fsynced
 * and renamed; appends are fsynced (off the main thread), so a crash loses at most the last line.
 */
export const THEME_INDEX_FILE = join('cache', 'theme-index.json')
export const THEME_INDEX_LOG = join('cache', 'theme-index.log')
const FORMAT = 1

/** Highlights per tag id carrying it (`own`) and carrying it or a tag below it, each once (`totals`). */
export interface ThemeCounts {
  readonly own: Record<string, number>
  readonly totals: Record<string, number>
}

/** What the files hold: each article's references and the change they are current at. */
export interface StoredThemeIndex {
  readonly seq: number
  readonly articles: Map<string, PassageRef[]>
  /** Lines in the log: past a bound the caller writes a new checkpoint. */
  readonly logLines: number
}

/** The files read, or null when they are missing or damaged (the caller rebuilds). */
export async function readThemeIndex(dir: string): Promise<StoredThemeIndex | null> {
  let text: string
  try {
    text = await readFile(join(dir, THEME_INDEX_FILE), 'utf8')
  } catch {
    return null
  }
  const lines = text.split('\n')
  const header = headerOf(lines[0] ?? '')
  if (header === null) return null
  const seq = header.seq
  const articles = new Map<string, PassageRef[]>()
  // The checkpoint is written whole (temp + rename): any bad line in it is damage, not a torn end.
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '' && i === lines.length - 1) break
    const entry = parseLine(lines[i]!)
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') return null
    const parsed = refsFrom(entry[1])
    if (parsed === null) return null
    articles.set(entry[0], parsed)
  }
  const log = await readLog(dir, seq, (set) => {
    for (const [id, refs] of set) {
      if (refs.length === 0) articles.delete(id)
      else articles.set(id, refs)
    }
  })
  return { seq: log.seq, articles, logLines: log.lines }
}

/**
 * How far the files follow the library, and the counts they last recorded (null when the last
 * change was logged by a writer that did not know them), reading the checkpoint's first line and
 * the log only. Null when the files are missing or damaged.
 */
export async function readThemeIndexTail(dir: string): Promise<{ seq: number; counts: ThemeCounts | null; logLines: number } | null> {
  let first: string
  try {
    first = await readFirstLine(join(dir, THEME_INDEX_FILE))
  } catch {
    return null
  }
  const header = headerOf(first)
  if (header === null) return null
  const log = await readLog(dir, header.seq, () => undefined)
  return { seq: log.seq, counts: log.lines === 0 || log.seq === header.seq ? header.counts : log.counts, logLines: log.lines }
}

function headerOf(line: string): { seq: number; counts: ThemeCounts | null } | null {
  const header = parseLine(line) as { format?: unknown; seq?: unknown; counts?: unknown } | undefined
  if (header === undefined || header === null || header.format !== FORMAT || !Number.isInteger(header.seq)) return null
  return { seq: header.seq as number, counts: countsFrom(header.counts) }
}

/** Replays the log's records after `seq`, in order, until one is torn, damaged or not the next number. */
async function readLog(dir: string, seq: number, apply: (set: Map<string, PassageRef[]>) => void): Promise<{ seq: number; counts: ThemeCounts | null; lines: number }> {
  let lines = 0
  let counts: ThemeCounts | null = null
  const log = await readFile(join(dir, THEME_INDEX_LOG), 'utf8').catch(() => '')
  for (const line of log.split('\n')) {
    if (line === '') continue
    const record = parseLine(line) as { seq?: unknown; set?: unknown; counts?: unknown } | undefined
    // A torn or damaged line ends what can be trusted: the seq read so far says how far that is.
    if (record === undefined || record === null || !Number.isInteger(record.seq)) break
    lines++
    // Records a newer checkpoint holds (a crash between writing it and emptying the log).
    if ((record.seq as number) <= seq) continue
    if (record.seq !== seq + 1) break
    const set = new Map<string, PassageRef[]>()
    if (record.set !== undefined) {
      if (typeof record.set !== 'object' || record.set === null) break
      const entries = Object.entries(record.set as Record<string, unknown>).map(([id, refs]) => [id, refsFrom(refs)] as const)
      if (entries.some(([, refs]) => refs === null)) break
      for (const [id, refs] of entries) set.set(id, refs!)
    }
    apply(set)
    counts = countsFrom(record.counts)
    seq = record.seq as number
  }
  return { seq, counts, lines }
}

function countsFrom(value: unknown): ThemeCounts | null {
  if (typeof value !== 'object' || value === null) return null
  const { own, totals } = value as { own?: unknown; totals?: unknown }
  const isCounts = (map: unknown): map is Record<string, number> =>
    typeof map === 'object' && map !== null && !Array.isArray(map) && Object.values(map).every((count) => Number.isInteger(count) && (count as number) > 0)
  return isCounts(own) && isCounts(totals) ? { own, totals } : null
}

/** The first line of a file (its header), read a piece at a time: the rest of the checkpoint is not read. */
async function readFirstLine(file: string): Promise<string> {
  const handle = await open(file, 'r')
  try {
    const pieces: Buffer[] = []
    for (let position = 0; ; ) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(16 * 1024), 0, 16 * 1024, position)
      const piece = buffer.subarray(0, bytesRead)
      const newline = piece.indexOf(10)
      if (newline !== -1 || bytesRead === 0) {
        pieces.push(newline === -1 ? piece : piece.subarray(0, newline))
        return Buffer.concat(pieces).toString('utf8')
      }
      pieces.push(piece)
      position += bytesRead
    }
  } finally {
    await handle.close()
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown
  } catch {
    return undefined
  }
}

function refsFrom(value: unknown): PassageRef[] | null {
  if (!Array.isArray(value)) return null
  const refs: PassageRef[] = []
  for (const item of value) {
    const ref = refFromStored(item)
    if (ref === null) return null
    refs.push(ref)
  }
  return refs
}

/** Writes a new checkpoint of `articles` at `seq` and empties the log (the checkpoint first: a crash in between leaves a log the checkpoint covers). */
export async function writeThemeIndex(dir: string, seq: number, articles: ReadonlyMap<string, readonly PassageRef[]>, counts: ThemeCounts): Promise<void> {
  const file = join(dir, THEME_INDEX_FILE)
  await mkdir(dirname(file), { recursive: true })
  const parts = [JSON.stringify({ format: FORMAT, seq, counts })]
  for (const [id, refs] of articles) if (refs.length > 0) parts.push(JSON.stringify([id, refs.map(storedRef)]))
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(`${parts.join('\n')}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, file)
  await rm(join(dir, THEME_INDEX_LOG), { force: true })
}

/** Appends one change to the log (fsynced): `set` holds the new references of the articles it changed. */
export async function appendThemeIndexLog(dir: string, seq: number, set: ReadonlyMap<string, readonly PassageRef[]>, counts: ThemeCounts | null): Promise<void> {
  const record: { seq: number; set?: Record<string, StoredRef[]>; counts?: ThemeCounts } = { seq }
  if (set.size > 0) record.set = Object.fromEntries([...set].map(([id, refs]) => [id, refs.map(storedRef)]))
  if (counts !== null) record.counts = counts
  const file = join(dir, THEME_INDEX_LOG)
  await mkdir(dirname(file), { recursive: true })
  const handle = await open(file, 'a', 0o600)
  try {
    await handle.appendFile(`${JSON.stringify(record)}\n`)
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

/** Removes the cache (a restore replaced the library: nothing in it holds). */
export async function removeThemeIndex(dir: string): Promise<void> {
  await rm(join(dir, THEME_INDEX_FILE), { force: true })
  await rm(join(dir, THEME_INDEX_LOG), { force: true })
}
