import type { Adapter } from 'lowdb'
import { Low } from 'lowdb'
import type { FileData, FileKind } from './library-files'
import type { StoredFile } from './stored-file'

/**
 * lowdb stays the database: each library file is a `Low` whose adapter is a StoredFile, so
 * `db.write()` / `db.update()` get validation, generations and durable writes. Files are loaded
 * (and repaired) by the store before the Low is made, so read() is rarely needed.
 */
export class StoredFileAdapter<K extends FileKind> implements Adapter<FileData[K]> {
  readonly #file: StoredFile<K>

  constructor(file: StoredFile<K>) {
    this.#file = file
  }

  async read(): Promise<FileData[K] | null> {
    const loaded = await this.#file.load()
    return loaded.status === 'ok' || loaded.status === 'restored' ? loaded.data : null
  }

  write(data: FileData[K]): Promise<void> {
    return this.#file.save(data)
  }
}

export function lowOver<K extends FileKind>(file: StoredFile<K>, data: FileData[K]): Low<FileData[K]> {
  return new Low(new StoredFileAdapter(file), data)
}
