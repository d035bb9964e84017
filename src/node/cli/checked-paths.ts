import { stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { AppError } from '../../common/errors'

/** What is at a path: a folder, something else, or nothing (an unreadable path counts as nothing). */
async function kindOf(path: string): Promise<'folder' | 'other' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'other'
  } catch {
    return 'none'
  }
}

/**
 * The folder a command writes a file into must exist: checked before anything is written, so the
 * user reads which folder is missing, in their language, rather than the system's ENOENT with the
 * name of a temp file the writer would have made there.
 */
export async function checkOutFolder(file: string): Promise<void> {
  const folder = dirname(file)
  const kind = await kindOf(folder)
  if (kind === 'none') throw new AppError('cli.outFolderMissing', { folder, file })
  if (kind === 'other') throw new AppError('cli.outFolderNotFolder', { folder, file })
}

/**
 * --data-dir names the library's folder. A file there (or on the way there) would fail deep in
 * the store with ENOTDIR; say what is wrong instead. A path that does not exist is fine: the
 * library is created there.
 */
export async function checkDataDir(dir: string): Promise<void> {
  let path = dir
  for (;;) {
    const kind = await kindOf(path)
    if (kind === 'folder') return
    if (kind === 'other') throw new AppError('cli.dataDirNotFolder', { path: dir, file: path })
    const parent = dirname(path)
    if (parent === path) return
    path = parent
  }
}
