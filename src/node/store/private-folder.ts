import { chmod, mkdir, stat } from 'node:fs/promises'

/** Folders of the library: readable, writable and listable by their owner only. */
export const PRIVATE_FOLDER_MODE = 0o700
/** Files of the library (durable-json-file.ts, backups, the lock): owner read and write only. */
export const PRIVATE_FILE_MODE = 0o600

/**
 * Creates a folder (and its missing parents) that only its owner can enter, whatever the umask
 * (mkdir's mode can only be narrowed by it), and tightens it if it already exists: a library made by an earlier version may be 0755, and
 * another user of the machine must not list or read the articles and briefs in it.
 * On Windows, modes mean little; the per-user profile folder protects the library there.
 */
export async function makePrivateFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_FOLDER_MODE })
  if (process.platform === 'win32') return
  // Only group and other bits are removed: the owner's are left as they are (a folder the user
  // made read-only stays read-only, and the save reports it).
  const mode = (await stat(path)).mode & 0o777
  if ((mode & 0o077) !== 0) await chmod(path, mode & PRIVATE_FOLDER_MODE)
}
