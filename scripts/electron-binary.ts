import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The Electron binary to run, without triggering a download: ELECTRON_EXEC_PATH, or the one that
 * `node_modules/electron` fetched on a machine with internet. Null when there is none.
 */
export function electronBinary(root: string): string | null {
  const fromEnv = process.env['ELECTRON_EXEC_PATH']
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}
