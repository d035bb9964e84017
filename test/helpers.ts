import { join, resolve } from 'node:path'
import { makeTempFolder } from './temp-folders'

export const ROOT = resolve(import.meta.dirname, '..')
export const SAMPLES_DIR = join(ROOT, 'data', 'samples')

/** A fresh, real folder for one test, removed when its test file ends (see temp-folders.ts). */
export function tempDir(prefix = 'briefing-desk-test-'): Promise<string> {
  return makeTempFolder(prefix)
}
