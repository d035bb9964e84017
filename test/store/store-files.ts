import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { LibraryStore } from '../../src/node/store/library-store'

/** Opens stores for one test file, and closes every one after each test (a failed test leaves no lock behind). */
export function openedStores(): (dir: string, options?: Parameters<typeof LibraryStore.open>[1]) => Promise<LibraryStore> {
  const opened: LibraryStore[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
  })
  return async (dir, options = {}) => {
    const store = await LibraryStore.open(dir, options)
    opened.push(store)
    return store
  }
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/** Every file under `dir` with its bytes (base64), to prove an operation changed nothing. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name), (await readFile(join(entry.parentPath, entry.name))).toString('base64'))
  }
  return files
}
