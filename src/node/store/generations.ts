import { copyFile, link, readdir, rename, rm, stat } from 'node:fs/promises'
import { makePrivateFolder } from './private-folder'
import { basename, dirname, join } from 'node:path'
import { isErrno } from './durable-json-file'
import { BACKUPS_FOLDER } from './library-files'

/**
 * Earlier generations of each library file, kept under backups/generations/ with the same
 * relative path and a number: 1 is the newest. Before a file is overwritten, its current version
 * (already checked valid by the caller) becomes generation 1 and the others shift; at most
 * `keep` remain. Generations are hard links where the file system allows (no copy, no cost),
 * copies otherwise. Recovery restores the newest generation that reads as valid.
 */
export const GENERATIONS_FOLDER = join(BACKUPS_FOLDER, 'generations')

export interface Generation {
  readonly path: string
  readonly number: number
  readonly savedAt: Date
}

export class Generations {
  readonly #libraryDir: string
  readonly #keep: number
  readonly #createdFolders = new Set<string>()

  constructor(libraryDir: string, keep: number) {
    this.#libraryDir = libraryDir
    this.#keep = keep
  }

  #pathOf(relativePath: string, number: number): string {
    return join(this.#libraryDir, GENERATIONS_FOLDER, `${relativePath}.${number}`)
  }

  /** Makes the file at `relativePath` generation 1, shifting older ones. */
  async rotate(relativePath: string): Promise<void> {
    const current = join(this.#libraryDir, relativePath)
    const folder = dirname(this.#pathOf(relativePath, 1))
    if (!this.#createdFolders.has(folder)) {
      await makePrivateFolder(folder)
      this.#createdFolders.add(folder)
    }
    await rm(this.#pathOf(relativePath, this.#keep), { force: true })
    for (let number = this.#keep - 1; number >= 1; number--) {
      try {
        await rename(this.#pathOf(relativePath, number), this.#pathOf(relativePath, number + 1))
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error
      }
    }
    try {
      await link(current, this.#pathOf(relativePath, 1))
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return
      // File systems without hard links (FAT, some network shares): copy instead.
      await copyFile(current, this.#pathOf(relativePath, 1))
    }
  }

  /** The generations of a file, newest first. */
  async list(relativePath: string): Promise<Generation[]> {
    const folder = dirname(this.#pathOf(relativePath, 1))
    const prefix = `${basename(relativePath)}.`
    let names: string[]
    try {
      names = await readdir(folder)
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return []
      throw error
    }
    const generations: Generation[] = []
    for (const name of names) {
      const number = Number(name.slice(prefix.length))
      if (!name.startsWith(prefix) || !Number.isInteger(number) || number < 1) continue
      const path = join(folder, name)
      generations.push({ path, number, savedAt: (await stat(path)).mtime })
    }
    return generations.sort((a, b) => a.number - b.number)
  }
}
