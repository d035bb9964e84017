import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { assetFiles } from './article-assets'
import { BACKUP_EXTENSION, readBackup, writeBackup } from './backup-bundle'
import { isErrno } from './durable-json-file'
import { BACKUPS_FOLDER, fileKindOf, LIBRARY_FILE, RECORD_FOLDERS, SETTINGS_FILE, TAGS_FILE } from './library-files'
import { makePrivateFolder } from './private-folder'
import { restoreLibrary } from './restore'
import type { StoreContext } from './stored-file'

/**
 * Whole-library backups: the portable verified bundle (backup-bundle.ts) written on request, once
 * a day, before a migration and before a restore, and the restore itself. Kept apart from the
 * store because none of it reads or writes records: it copies files. The store calls these inside
 * its write queue, so each backup is a consistent snapshot and a restore interleaves with nothing.
 */

const DAILY_BACKUPS_KEPT = 7

/** Every data file of the library, relative to its folder, the index last. */
export async function dataFiles(dir: string): Promise<string[]> {
  const inFolder = async (folder: string) => {
    try {
      return (await readdir(join(dir, folder))).filter((name) => fileKindOf(`${folder}/${name}`) !== null).sort().map((name) => `${folder}/${name}`)
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return []
      throw error
    }
  }
  const top = [SETTINGS_FILE, TAGS_FILE]
  const records = await Promise.all(RECORD_FOLDERS.map(inFolder))
  return [...top, ...records.flat(), LIBRARY_FILE]
}

/** Writes the whole library to one portable, verified backup file. The caller holds the write queue. */
export async function writeLibraryBackup(context: StoreContext, libraryId: string, outFile: string): Promise<{ files: number; bytes: number }> {
  return writeBackup(context.dir, await dataFiles(context.dir), { libraryId, createdAt: context.now().toISOString() }, outFile, context.migration, await assetFiles(context.dir))
}

/** Today's backup in backups/daily unless there is one already; the newest seven are kept. */
/** `prepare` runs only when a backup is to be written (the store folds the index's log into its checkpoint). */
export async function writeDailyBackup(context: StoreContext, libraryId: string, prepare: () => Promise<void> = async () => undefined): Promise<string | null> {
  const folder = join(context.dir, BACKUPS_FOLDER, 'daily')
  await makePrivateFolder(folder)
  const name = `${context.now().toISOString().slice(0, 10)}${BACKUP_EXTENSION}`
  const existing = (await readdir(folder)).filter((file) => file.endsWith(BACKUP_EXTENSION)).sort()
  if (existing.includes(name)) return null
  await prepare()
  await writeLibraryBackup(context, libraryId, join(folder, name))
  for (const old of [...existing, name].sort().slice(0, -DAILY_BACKUPS_KEPT)) await rm(join(folder, old), { force: true })
  return join(folder, name)
}

/**
 * Replaces the library's files by a backup's, after a backup of the current content. The backup
 * is checked completely before anything is touched. The caller reloads what it holds in memory.
 */
export async function replaceFromBackup(context: StoreContext, libraryId: string, file: string): Promise<{ files: number }> {
  await readBackup(file, context.migration, () => undefined)
  await writeLibraryBackup(context, libraryId, await internalBackupPath(context, 'pre-restore'))
  return restoreLibrary(context, file)
}

/** backups/<purpose>-<timestamp>.bdbackup, for the backups the store makes on its own. */
export async function internalBackupPath(context: StoreContext, purpose: string): Promise<string> {
  await makePrivateFolder(join(context.dir, BACKUPS_FOLDER))
  const stamp = context.now().toISOString().replace(/[:.]/g, '-')
  return join(context.dir, BACKUPS_FOLDER, `${purpose}-${stamp}${BACKUP_EXTENSION}`)
}
