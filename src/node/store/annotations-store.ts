import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Low } from 'lowdb'
import type { Annotation } from '../../common/model/annotation'
import type { RecoveryEvent } from '../../common/model/recovery'
import { isErrno } from './durable-json-file'
import { mapLimit } from './map-limit'
import { ANNOTATIONS_FOLDER, SCHEMA_VERSION, type AnnotationsFile } from './library-files'
import { lowOver } from './stored-file-adapter'
import { StoredFile, type StoreContext } from './stored-file'

/**
 * The annotations of each article, one small file per article, loaded on first use and kept in
 * memory. Saving a highlight rewrites only its article's file.
 */
export class AnnotationsStore {
  readonly #context: StoreContext
  readonly #onRecovery: (event: RecoveryEvent) => void
  readonly #loaded = new Map<string, Promise<Low<AnnotationsFile>>>()

  constructor(context: StoreContext, onRecovery: (event: RecoveryEvent) => void) {
    this.#context = context
    this.#onRecovery = onRecovery
  }

  static relativePath(articleId: string): string {
    return `${ANNOTATIONS_FOLDER}/${articleId}.json`
  }

  file(articleId: string): StoredFile<'annotations'> {
    return new StoredFile(this.#context, 'annotations', AnnotationsStore.relativePath(articleId))
  }

  #db(articleId: string): Promise<Low<AnnotationsFile>> {
    let db = this.#loaded.get(articleId)
    if (db === undefined) {
      db = this.#load(articleId)
      this.#loaded.set(articleId, db)
      db.catch(() => this.#loaded.delete(articleId))
    }
    return db
  }

  async #load(articleId: string): Promise<Low<AnnotationsFile>> {
    const file = this.file(articleId)
    const loaded = await file.load()
    const empty: AnnotationsFile = { schemaVersion: SCHEMA_VERSION, articleId, annotations: [] }
    switch (loaded.status) {
      case 'missing':
        return lowOver(file, empty)
      case 'ok':
        return lowOver(file, loaded.data)
      case 'restored':
        this.#onRecovery(loaded.event)
        return lowOver(file, loaded.data)
      case 'damaged':
        this.#onRecovery({
          file: file.relativePath,
          damage: loaded.damage,
          keptAs: loaded.keptAs,
          outcome: 'lost',
          restoredFrom: null,
          lost: `annotations:${articleId}`,
        })
        return lowOver(file, empty)
    }
  }

  async get(articleId: string): Promise<Annotation[]> {
    return (await this.#db(articleId)).data.annotations
  }

  /** Every annotation of the library; reads each article's file once. */
  async all(articleIds: readonly string[]): Promise<Annotation[]> {
    const lists = await mapLimit(articleIds, 32, (id) => this.get(id))
    return lists.flat()
  }

  /** Replaces the article's annotations (insert, update, delete, re-anchoring all use this). */
  async set(articleId: string, annotations: Annotation[]): Promise<void> {
    const db = await this.#db(articleId)
    const previous = db.data.annotations
    db.data.annotations = annotations
    try {
      await db.write()
    } catch (error) {
      db.data.annotations = previous
      throw error
    }
  }

  /** Forgets cached files, e.g. after a journal or a restore rewrote them on disk. */
  forget(articleId?: string): void {
    if (articleId === undefined) this.#loaded.clear()
    else this.#loaded.delete(articleId)
  }

  /** Article ids that have an annotations file on disk. */
  async idsOnDisk(): Promise<string[]> {
    try {
      return (await readdir(join(this.#context.dir, ANNOTATIONS_FOLDER)))
        .filter((name) => /^[0-9a-f]{8,64}\.json$/.test(name))
        .map((name) => name.slice(0, -'.json'.length))
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return []
      throw error
    }
  }
}
