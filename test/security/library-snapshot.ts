import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

/**
 * Every file of a library folder and a hash of its bytes, to prove that a refused call changed
 * nothing. The lock file is left out: it belongs to the process holding the library, not to it.
 * So is `cache/`: its files are derived from the library and rewritten in the background on their
 * own schedule (an accepted call before may have started such a write: a dossier log's offset
 * table was once renamed into place between this walk's listing and its read).
 */
export async function librarySnapshot(dir: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {}
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (folder !== dir || entry.name !== 'cache') await walk(path)
      }
      else if (!entry.name.endsWith('.lock')) snapshot[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex')
    }
  }
  await walk(dir)
  return snapshot
}
