import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { readFile, rename, rm, stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createGunzip, createGzip } from 'node:zlib'
import { basename, dirname, join } from 'node:path'
import * as v from 'valibot'
import { AppError } from '../../common/errors'
import { isErrno, reasonOf, syncFolder } from './durable-json-file'
import { FILE_SCHEMAS, fileKindOf, SCHEMA_VERSION } from './library-files'
import { assetDigestOf, readAssetForBackup, sha256Hex } from './article-assets'
import { migrate, type Json, type MigrationContext } from './migrations'

/**
 * A portable backup: the whole library in one gzip file of JSON lines.
 *
 *   {"format":"briefing-desk-backup","formatVersion":1,"schemaVersion":2,"libraryId":…,"createdAt":…}
 *   {"path":"library.json","data":{…}}
 *   {"asset":"assets/3f9c…/<sha256>.webp","base64":"…"}  one line per page image (article-assets.ts), before the files
 *   {"path":"articles/3f9c….json","data":{…}}            one line per library file
 *   {"end":true,"files":N,"assets":M,"sha256":"…"}      hash of every line before it
 *
 * The trailer makes a truncated or altered backup detectable. A backup is written to a temp file,
 * read back and checked entry by entry, and only then renamed into place: a backup that exists
 * is a backup that restores.
 */
export const BACKUP_FORMAT = 'briefing-desk-backup'
export const BACKUP_EXTENSION = '.bdbackup'

const HeaderSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  formatVersion: v.literal(1),
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  libraryId: v.string(),
  createdAt: v.string(),
})
export type BackupHeader = v.InferOutput<typeof HeaderSchema>

const EntrySchema = v.object({ path: v.string(), data: v.unknown() })
const AssetEntrySchema = v.object({ asset: v.string(), base64: v.string() })
const TrailerSchema = v.object({ end: v.literal(true), files: v.number(), assets: v.optional(v.number()), sha256: v.string() })

export interface BackupEntry {
  readonly path: string
  readonly data: unknown
}

/** A page image in a backup: its path (`assets/<article id>/<sha256>.<ext>`) and its bytes, checked against the digest. */
export interface BackupAsset {
  readonly path: string
  readonly bytes: Uint8Array
}

/** Writes the given library files (relative paths) as a verified backup at `outFile`. */
export async function writeBackup(
  libraryDir: string,
  relativePaths: readonly string[],
  header: Omit<BackupHeader, 'format' | 'formatVersion' | 'schemaVersion'>,
  outFile: string,
  context: MigrationContext,
  assetPaths: readonly string[] = [],
): Promise<{ files: number; bytes: number }> {
  const temp = join(dirname(outFile), `.${basename(outFile)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await pipeline(Readable.from(backupLines(libraryDir, relativePaths, header, assetPaths)), createGzip(), createWriteStream(temp, { flush: true, mode: 0o600 }))
    const { files } = await readBackup(temp, context, () => undefined)
    await rename(temp, outFile)
    await syncFolder(dirname(outFile))
    return { files, bytes: (await stat(outFile)).size }
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    if (error instanceof AppError) throw error
    throw new AppError('backup.writeFailed', { file: outFile, reason: reasonOf(error) }, { cause: error })
  }
}

async function* backupLines(
  libraryDir: string,
  relativePaths: readonly string[],
  header: Omit<BackupHeader, 'format' | 'formatVersion' | 'schemaVersion'>,
  assetPaths: readonly string[],
): AsyncGenerator<string> {
  const hash = createHash('sha256')
  const emit = (line: string) => {
    hash.update(line)
    return line
  }
  yield emit(`${JSON.stringify({ format: BACKUP_FORMAT, formatVersion: 1, schemaVersion: SCHEMA_VERSION, ...header })}\n`)
  // Assets first: a restore writes them before the records that name them.
  let assets = 0
  for (const path of assetPaths) {
    // A damaged asset is taken from its copy; with both bad (or removed since listed) it is left out: a backup never holds damage.
    const bytes = await readAssetForBackup(libraryDir, path)
    if (bytes === null) continue
    assets++
    yield emit(`${JSON.stringify({ asset: path, base64: Buffer.from(bytes).toString('base64') })}\n`)
  }
  let files = 0
  for (const path of relativePaths) {
    let text: string
    try {
      text = await readFile(join(libraryDir, path), 'utf8')
    } catch (error) {
      if (isErrno(error, 'ENOENT')) continue // removed since it was listed
      throw error
    }
    // Parsing proves the file is whole before it goes into the backup.
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      throw new AppError('library.invalid', { file: join(libraryDir, path), reason: reasonOf(error) })
    }
    files++
    yield emit(`${JSON.stringify({ path, data })}\n`)
  }
  yield `${JSON.stringify({ end: true, files, ...(assets > 0 ? { assets } : {}), sha256: hash.digest('hex') })}\n`
}

/**
 * Reads and checks a backup: header, every entry (a known library path whose data, once
 * migrated, matches its schema) and the trailer (count and hash). Calls `onEntry` for each
 * entry with its migrated data. Throws an AppError naming the file: 'backup.notBackup',
 * 'backup.incomplete' (cut short), 'backup.altered' (checksum) or 'backup.badEntry'.
 */
export async function readBackup(
  file: string,
  context: MigrationContext,
  onEntry: (entry: BackupEntry) => Promise<void> | void,
  onAsset: (asset: BackupAsset) => Promise<void> | void = () => undefined,
): Promise<{ header: BackupHeader; files: number }> {
  const notBackup = () => new AppError('backup.notBackup', { file })
  const badEntry = (entry: string) => new AppError('backup.badEntry', { file, entry })
  const hash = createHash('sha256')
  let header: BackupHeader | null = null
  let files = 0
  let assets = 0
  let trailer: v.InferOutput<typeof TrailerSchema> | null = null
  const input = createReadStream(file).pipe(createGunzip())
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (trailer !== null) throw new AppError('backup.altered', { file })
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch {
        throw header === null ? notBackup() : badEntry(`line ${files + 2}`)
      }
      if (header === null) {
        const parsed = v.safeParse(HeaderSchema, json)
        if (!parsed.success) throw notBackup()
        if (parsed.output.schemaVersion > SCHEMA_VERSION) {
          throw new AppError('backup.newerVersion', { file, found: parsed.output.schemaVersion, supported: SCHEMA_VERSION })
        }
        header = parsed.output
        hash.update(`${line}\n`)
        continue
      }
      const end = v.safeParse(TrailerSchema, json)
      if (end.success) {
        trailer = end.output
        continue
      }
      hash.update(`${line}\n`)
      const asset = v.safeParse(AssetEntrySchema, json)
      if (asset.success) {
        const digest = assetDigestOf(asset.output.asset)
        if (digest === null) throw badEntry(asset.output.asset)
        const bytes = Buffer.from(asset.output.base64, 'base64')
        if ((await sha256Hex(bytes)) !== digest) throw badEntry(asset.output.asset)
        assets++
        await onAsset({ path: asset.output.asset, bytes })
        continue
      }
      const entry = v.safeParse(EntrySchema, json)
      if (!entry.success) throw badEntry(`line ${files + 2}`)
      const kind = fileKindOf(entry.output.path)
      if (kind === null) throw badEntry(entry.output.path)
      const data = entry.output.data
      if (data === null || typeof data !== 'object') throw badEntry(entry.output.path)
      const migrated = migrate(kind, data as Json, `${file}:${entry.output.path}`, context)
      const checked = v.safeParse(FILE_SCHEMAS[kind], migrated.file)
      if (!checked.success) throw badEntry(entry.output.path)
      files++
      await onEntry({ path: entry.output.path, data: checked.output })
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    // zlib refuses what is not gzip; a cut-short gzip stream ends with "unexpected end of file".
    if (header === null) throw notBackup()
    if (isErrno(error, 'Z_BUF_ERROR')) throw new AppError('backup.incomplete', { file })
    throw new AppError('backup.altered', { file })
  }
  if (header === null) throw notBackup()
  if (trailer === null) throw new AppError('backup.incomplete', { file })
  if (trailer.files !== files || (trailer.assets ?? 0) !== assets || trailer.sha256 !== hash.digest('hex')) throw new AppError('backup.altered', { file })
  return { header, files }
}
