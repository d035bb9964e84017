import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { readWhole } from './descriptor-io'
import { isErrno, syncFolder, writeDurably } from './durable-json-file'
import { fileKindOf, LIBRARY_FILE, RECORD_FOLDERS, SETTINGS_FILE, TAGS_FILE, type FileKind } from './library-files'
import { mapLimit } from './map-limit'
import { makePrivateFolder } from './private-folder'

/**
 * The second copy of every library file: `mirror/<relative path>` holds the very bytes of
 * `<relative path>`, written (durably, as a file of its own: never a hard link, which would share
 * the damage) before a save is acknowledged. So the newest version of every file exists twice,
 * and any one file of the library, the copy included, can be damaged or deleted without loss.
 *
 * Rules that keep the two in step (see docs/store.md):
 * - a save writes both copies side by side and resolves only when both are durable;
 * - a deletion removes the copy first, then the file: a crash in between leaves the file alone
 *   (a deletion not yet done), never the copy alone (which would bring a deleted file back);
 * - on load, the file wins when it is valid (the copy is rewritten from it if they differ); the
 *   copy is used when the file is missing or damaged.
 */
export const MIRROR_FOLDER = 'mirror'

export const MIRROR_FOLDERS: readonly string[] = [MIRROR_FOLDER, ...RECORD_FOLDERS.map((folder) => `${MIRROR_FOLDER}/${folder}`)]

/** `mirror/<relative path>`, relative to the library folder. */
export function mirrorPathOf(relativePath: string): string {
  return `${MIRROR_FOLDER}/${relativePath}`
}

/**
 * Writes a file and its second copy durably, side by side (their fsyncs overlap). With
 * `syncFolder: false` the caller syncs both folders (the file's and the copy's) itself.
 */
export async function writeBothCopies(dir: string, relativePath: string, bytes: Uint8Array | readonly Uint8Array[], options: { syncFolder?: boolean } = {}): Promise<void> {
  await Promise.all([writeDurably(join(dir, relativePath), bytes, options), writeDurably(join(dir, mirrorPathOf(relativePath)), bytes, options)])
}

/** Removes a file and its second copy, the copy first (see above). */
export async function removeBothCopies(dir: string, relativePath: string): Promise<void> {
  await rm(join(dir, mirrorPathOf(relativePath)), { force: true })
  await rm(join(dir, relativePath), { force: true })
}

/** Syncs a folder of the library and its second copy's folder (after writes with `syncFolder: false`). */
export async function syncBothFolders(dir: string, folder: string): Promise<void> {
  await Promise.all([syncFolder(join(dir, folder)), syncFolder(join(dir, MIRROR_FOLDER, folder))])
}

/**
 * A library written before second copies existed has none: the first writable open copies every
 * data file once (byte for byte, no parsing, each fsynced), then marks the mirror complete. Until
 * the marker is written the copying is resumed at each open, so a crash half-way only repeats work.
 */
const COMPLETE_MARKER = `${MIRROR_FOLDER}/complete`

export async function ensureMirror(dir: string): Promise<void> {
  for (const folder of MIRROR_FOLDERS) await makePrivateFolder(join(dir, folder))
  if (await exists(join(dir, COMPLETE_MARKER))) return
  const files = [LIBRARY_FILE, SETTINGS_FILE, TAGS_FILE]
  for (const folder of RECORD_FOLDERS) {
    try {
      for (const name of await readdir(join(dir, folder))) if (fileKindOf(`${folder}/${name}`) !== null) files.push(`${folder}/${name}`)
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error
    }
  }
  await mapLimit(files, 8, async (relativePath) => {
    if (await exists(join(dir, mirrorPathOf(relativePath)))) return
    let bytes: Buffer
    try {
      bytes = await readWhole(join(dir, relativePath))
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return
      throw error
    }
    // A damaged file is copied too: loading compares the two and repairs from whichever is valid.
    await writeDurably(join(dir, mirrorPathOf(relativePath)), bytes, { syncFolder: false })
  })
  for (const folder of MIRROR_FOLDERS) await syncFolder(join(dir, folder))
  await writeDurably(join(dir, COMPLETE_MARKER), 'Every library file has its second copy here.\n')
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false
    throw error
  }
}

/** File names of one kind in a library folder or in its second copy's (sorted, each once): a file deleted by damage is still listed by its copy. */
export async function namesInBothCopies(dir: string, folder: string, kind: FileKind): Promise<string[]> {
  const names = new Set<string>()
  for (const path of [join(dir, folder), join(dir, MIRROR_FOLDER, folder)]) {
    try {
      for (const name of await readdir(path)) if (fileKindOf(`${folder}/${name}`) === kind) names.add(name)
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error
    }
  }
  return [...names].sort()
}
