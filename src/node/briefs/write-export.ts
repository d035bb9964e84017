import { access } from 'node:fs/promises'
import { AppError } from '../../common/errors'
import { writeDurably } from '../store/durable-json-file'

/**
 * Writes an export whole or not at all (see writeDurably), readable like any file the user saves.
 * `overwrite: false` refuses an existing file (the CLI without --force); the app's save dialog has
 * already asked the user before it passes `true`.
 */
export async function writeExport(file: string, content: string | Uint8Array, options: { overwrite: boolean }): Promise<void> {
  if (!options.overwrite && (await exists(file))) throw new AppError('export.fileExists', { file })
  await writeDurably(file, content, { mode: 0o644, errorCode: 'export.writeFailed' })
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
