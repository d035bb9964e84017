import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Temp folders for tests (Vitest and Playwright alike): made under the OS temp folder and removed
 * when the test file is done (test/remove-temp-folders.ts, a Vitest setup file), or at the latest
 * when the worker process exits (Playwright's workers, or a file that ended early).
 */
const made = new Set<string>()

export async function makeTempFolder(prefix: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), prefix))
  made.add(folder)
  return folder
}

/** Removes every temp folder made so far in this process. */
export async function removeTempFolders(): Promise<void> {
  const folders = [...made]
  made.clear()
  // maxRetries: a child process a test killed may still be letting go of a file.
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true, maxRetries: 3 })))
}

process.on('exit', () => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true })
})
