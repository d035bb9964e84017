import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
export const SAMPLES_DIR = join(ROOT, 'data', 'samples')

/** A fresh, real folder for one test. */
export function tempDir(prefix = 'briefing-desk-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}
