import { randomBytes } from 'node:crypto'
import { access, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../common/errors'
import { reasonOf, syncFolder } from '../store/durable-json-file'

/**
 * Writes an export whole or not at all: a temp file beside the target, synced, renamed over it.
 * `overwrite: false` refuses an existing file (the CLI without --force); the app's save dialog has
 * already asked the user before it passes `true`.
 */
export async function writeExport(file: string, content: string | Uint8Array, options: { overwrite: boolean }): Promise<void> {
  if (!options.overwrite && (await exists(file))) throw new AppError('export.fileExists', { file })
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'wx', 0o644)
    try {
      await handle.writeFile(content)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw new AppError('export.writeFailed', { file, reason: reasonOf(error) }, { cause: error })
  }
  await syncFolder(dirname(file))
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
