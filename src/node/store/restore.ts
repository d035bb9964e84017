import { copyFile, open, readdir, rm, rmdir } from 'node:fs/promises'
import { makePrivateFolder } from './private-folder'
import { join } from 'node:path'
import { readBackup, BACKUP_EXTENSION } from './backup-bundle'
import { isErrno, syncFolder, writeDurably } from './durable-json-file'
import { BACKUPS_FOLDER, fileKindOf, LIBRARY_FILE, RECORD_FOLDERS, SETTINGS_FILE, TAGS_FILE } from './library-files'
import { MIRROR_FOLDER, mirrorPathOf, removeBothCopies, writeBothCopies } from './second-copy'
import { ASSETS_FOLDER, assetFiles } from './article-assets'
import type { StoreContext } from './stored-file'

/**
 * Restoring a backup replaces every data file of the library. It is made crash-safe the same
 * way as a journal: the backup is first copied into the library (so it cannot vanish half-way)
 * and a marker is written; then files are written with their second copies (the index last) and
 * files absent from the backup are removed with theirs; then the marker goes. An open that finds the marker finishes the restore.
 */
export const RESTORE_MARKER = 'restore.json'
const COPY = join(BACKUPS_FOLDER, `restoring${BACKUP_EXTENSION}`)

export async function restoreLibrary(context: StoreContext, backupFile: string): Promise<{ files: number }> {
  await makePrivateFolder(join(context.dir, BACKUPS_FOLDER))
  const copy = join(context.dir, COPY)
  await copyFile(backupFile, copy)
  await fsyncFile(copy)
  await writeDurably(join(context.dir, RESTORE_MARKER), JSON.stringify({ startedAt: context.now().toISOString() }))
  return applyRestore(context)
}

export async function finishInterruptedRestore(context: StoreContext): Promise<boolean> {
  try {
    await open(join(context.dir, RESTORE_MARKER), 'r').then((handle) => handle.close())
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw error
  }
  await applyRestore(context)
  return true
}

async function applyRestore(context: StoreContext): Promise<{ files: number }> {
  const restored = new Set<string>()
  let index: unknown = null
  const { files } = await readBackup(
    join(context.dir, COPY),
    context.migration,
    async ({ path, data }) => {
      restored.add(path)
      // The index goes last: until it is written, the library still lists what it listed before.
      if (path === LIBRARY_FILE) index = data
      else await writeBothCopies(context.dir, path, Buffer.from(`${JSON.stringify(data)}\n`, 'utf8'))
    },
    // Page images come first in a backup, so they are in place before the records that name them.
    async ({ path, bytes }) => {
      restored.add(path)
      const folder = path.slice(0, path.lastIndexOf('/'))
      await Promise.all([makePrivateFolder(join(context.dir, folder)), makePrivateFolder(join(context.dir, mirrorPathOf(folder)))])
      await writeBothCopies(context.dir, path, bytes)
    },
  )
  for (const path of await currentDataFiles(context.dir)) {
    if (!restored.has(path) && path !== LIBRARY_FILE) await removeBothCopies(context.dir, path)
  }
  // Assets the backup does not hold go with their folders (an article the backup lacks, or a page image it never had).
  for (const path of await currentAssetFiles(context.dir)) if (!restored.has(path)) await removeBothCopies(context.dir, path)
  await removeEmptyAssetFolders(context.dir)
  if (index !== null) await writeBothCopies(context.dir, LIBRARY_FILE, Buffer.from(`${JSON.stringify(index)}\n`, 'utf8'))
  else await removeBothCopies(context.dir, LIBRARY_FILE) // rebuilt from the bodies at the next load
  await rm(join(context.dir, RESTORE_MARKER), { force: true })
  await rm(join(context.dir, COPY), { force: true })
  await syncFolder(context.dir)
  return { files }
}

/** Data files of the library and of its second copy (a file may survive in either alone). */
async function currentDataFiles(dir: string): Promise<string[]> {
  const paths = new Set([SETTINGS_FILE, TAGS_FILE])
  for (const folder of RECORD_FOLDERS) {
    for (const base of [dir, join(dir, MIRROR_FOLDER)]) {
      try {
        for (const name of await readdir(join(base, folder))) if (fileKindOf(`${folder}/${name}`) !== null) paths.add(`${folder}/${name}`)
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error
      }
    }
  }
  return [...paths]
}

/** Asset files in the library and in its second copy (a file may survive in either alone). */
async function currentAssetFiles(dir: string): Promise<string[]> {
  return [...new Set([...(await assetFiles(dir)), ...(await assetFiles(join(dir, MIRROR_FOLDER)))])]
}

/** An article folder under assets/ (or its copy) left with nothing in it. */
async function removeEmptyAssetFolders(dir: string): Promise<void> {
  for (const base of [join(dir, MIRROR_FOLDER, ASSETS_FOLDER), join(dir, ASSETS_FOLDER)]) {
    let names: string[]
    try {
      names = await readdir(base)
    } catch (error) {
      if (isErrno(error, 'ENOENT')) continue
      throw error
    }
    for (const name of names) if ((await readdir(join(base, name)).catch(() => ['?'])).length === 0) await rmdir(join(base, name)).catch(() => undefined)
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
