import { extname } from 'node:path'
import { AppError } from '../../common/errors'
import { DEFAULT_MAX_BYTES, readerFor, SUPPORTED_EXTENSIONS } from './formats'
import type { ImportFailure, LoadedFile } from './import-file'

/**
 * A file dropped on the window. The sandboxed renderer has no paths, only the file's name and
 * bytes, so this does for bytes what loadFile does for a path: the same checks (supported
 * extension, size within the limit and not zero), the same one-line errors naming the file.
 */
export function loadDropped(name: string, bytes: Uint8Array, declaredSize = bytes.length, maxBytes = DEFAULT_MAX_BYTES): LoadedFile | ImportFailure {
  const file = name
  const extension = extname(name)
  const reader = readerFor(extension)
  if (reader === null) {
    return { ok: false, file, error: new AppError('import.unsupported', { file, extension: extension || '—', supported: SUPPORTED_EXTENSIONS.join(' ') }) }
  }
  // The renderer sends a file over the limit by its size alone, without its bytes.
  const size = Math.max(bytes.length, declaredSize)
  if (size > maxBytes) {
    const mb = (n: number, round: (x: number) => number) => round((n / (1024 * 1024)) * 10) / 10
    return { ok: false, file, error: new AppError('import.tooLarge', { file, size: mb(size, Math.ceil), limit: mb(maxBytes, Math.round) }) }
  }
  if (bytes.length === 0) return { ok: false, file, error: new AppError('import.empty', { file }) }
  return { ok: true, file, bytes, read: reader.read }
}
