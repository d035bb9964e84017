import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import type { ArticleSummary } from '../../common/model/article'
import { readWhole } from './descriptor-io'
import { isErrno, reasonOf, writeDurably } from './durable-json-file'
import { columnsHeaderOf, decodeColumns, encodeColumns } from './index-columns'
import { LIBRARY_FILE, LibraryIndexSchema } from './library-files'
import { mirrorPathOf } from './second-copy'

/**
 * `library.cols`: the checkpoint `library.json` again, as columns (index-columns.ts), so that
 * opening a big library decodes the summaries instead of parsing and validating 60 MB of JSON.
 *
 * It is derived data, like a cache, and never the only copy of anything: `library.json` and
 * `mirror/library.json` remain the checkpoint, with every guarantee of a store file (validated,
 * both copies, generations, backups, repair). So it is written once, without a second copy, after
 * each checkpoint (index-database.ts), and used at open only when it provably holds that very
 * checkpoint: its header names the checkpoint and the fingerprint (inode, size, modification and
 * change times, in nanoseconds) both `library.json` and `mirror/library.json` had when it was
 * written. Any later change to either file (a write, a rename over it, damage written by another
 * program, a restore, a copy to another disk) changes its fingerprint: the columns are then stale
 * and ignored, and the index is read from `library.json` as before (load-index.ts), then the
 * columns written again by a writable open. A damaged columns file fails its checksum and is
 * treated the same way; it holds nothing the checkpoint lacks, so nothing is reported as lost.
 */
export const COLUMNS_FILE = 'library.cols'

interface FingerprintJson {
  readonly ino: string
  readonly size: string
  readonly mtimeNs: string
  readonly ctimeNs: string
}

/** What the header of `library.cols` carries besides the columns. */
interface ColumnsMeta {
  /** The index's own fields: `{ schemaVersion, libraryId, createdAt, checkpoint }`. */
  readonly index: unknown
  readonly file: FingerprintJson
  readonly copy: FingerprintJson
}

const { articles: _articles, ...indexFieldEntries } = LibraryIndexSchema.entries
const IndexFieldsSchema = v.object({ ...indexFieldEntries, checkpoint: v.pipe(v.string(), v.regex(/^[0-9a-f]{16,64}$/)) })
export type CheckpointFields = v.InferOutput<typeof IndexFieldsSchema>

export interface ReadColumns {
  readonly fields: CheckpointFields
  readonly articles: ArticleSummary[]
  /** The size of `library.json` in bytes (it was not read). */
  readonly checkpointBytes: number
}

async function fingerprintOf(path: string): Promise<FingerprintJson | null> {
  try {
    const { ino, size, mtimeNs, ctimeNs } = await stat(path, { bigint: true })
    return { ino: String(ino), size: String(size), mtimeNs: String(mtimeNs), ctimeNs: String(ctimeNs) }
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
}

function sameFingerprint(a: FingerprintJson | null, b: unknown): boolean {
  if (a === null || typeof b !== 'object' || b === null) return false
  const other = b as Record<string, unknown>
  return a.ino === other['ino'] && a.size === other['size'] && a.mtimeNs === other['mtimeNs'] && a.ctimeNs === other['ctimeNs']
}

/**
 * The checkpoint from its columns, or null when there are none, they are damaged, or they do not
 * hold the checkpoint now on disk (both copies unchanged since the columns were written).
 */
export async function readColumns(dir: string): Promise<ReadColumns | null> {
  const [file, copy] = await Promise.all([fingerprintOf(join(dir, LIBRARY_FILE)), fingerprintOf(join(dir, mirrorPathOf(LIBRARY_FILE)))])
  if (file === null || copy === null) return null
  let bytes: Buffer
  try {
    bytes = await readWhole(join(dir, COLUMNS_FILE))
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null
    throw error
  }
  const read = columnsHeaderOf(bytes)
  if (read === null) return null
  const meta = read.header.meta as Partial<ColumnsMeta> | null
  if (meta === null || typeof meta !== 'object' || !sameFingerprint(file, meta.file) || !sameFingerprint(copy, meta.copy)) return null
  const fields = v.safeParse(IndexFieldsSchema, meta.index)
  if (!fields.success) return null
  const articles = decodeColumns(bytes, read.header, read.bodyStart)
  if (articles === null) return null
  return { fields: fields.output, articles, checkpointBytes: Number(file.size) }
}

/**
 * Writes the columns of the checkpoint now in both `library.json` and its copy (call right after
 * writing it). Best effort: a failure (disk full) leaves no columns, and the next open reads the
 * checkpoint itself; the checkpoint's own write has already succeeded. Returns null, or why the
 * columns could not be written.
 */
export async function writeColumns(dir: string, fields: CheckpointFields, articles: readonly ArticleSummary[], onProgress?: (fraction: number) => void): Promise<string | null> {
  const path = join(dir, COLUMNS_FILE)
  try {
    const [file, copy] = await Promise.all([fingerprintOf(join(dir, LIBRARY_FILE)), fingerprintOf(join(dir, mirrorPathOf(LIBRARY_FILE)))])
    if (file === null || copy === null) return `${LIBRARY_FILE} is missing`
    const meta: ColumnsMeta = { index: fields, file, copy }
    await writeDurably(path, await encodeColumns(meta, articles, onProgress))
    return null
  } catch (error) {
    // Stale columns need not be removed: their fingerprints no longer match the checkpoint.
    return reasonOf(error)
  }
}
