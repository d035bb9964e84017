import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Annotation } from '../../common/model/annotation'
import type { RecoveryEvent } from '../../common/model/recovery'
import { isErrno } from './durable-json-file'
import { settleLoad } from './load-outcome'
import { mapLimit } from './map-limit'
import { ANNOTATIONS_FOLDER, SCHEMA_VERSION } from './library-files'
import { lowOver } from './stored-file-adapter'
import { StoredFile, type StoreContext } from './stored-file'

/**
 * The annotations of each article, one small file per article, read on first use and kept in
 * memory for reading. Saving a highlight rewrites only its article's file.
 *
 * A save writes through and drops that article's parsed copy; the next read takes the file just
 * written (from the OS cache, validated again). Why not keep the saved array: a save usually
 * follows the first read of an article, so keeping it would make every save leave a fresh graph
 * of small objects alive, and V8's young-generation collector pauses the event loop for as long
 * as it takes to copy such survivors: hundreds of saves' worth at each collection. What stays
 * per article is its StoredFile, which remembers which bytes on disk are known valid.
 */
export class AnnotationsStore {
  readonly #context: StoreContext
  readonly #onRecovery: (event: RecoveryEvent) => void
  readonly #files = new Map<string, StoredFile<'annotations'>>()
  readonly #loaded = new Map<string, Promise<Annotation[]>>()

  constructor(context: StoreContext, onRecovery: (event: RecoveryEvent) => void) {
    this.#context = context
    this.#onRecovery = onRecovery
  }

  static relativePath(articleId: string): string {
    return `${ANNOTATIONS_FOLDER}/${articleId}.json`
  }

  file(articleId: string): StoredFile<'annotations'> {
    let file = this.#files.get(articleId)
    if (file === undefined) {
      file = new StoredFile(this.#context, 'annotations', AnnotationsStore.relativePath(articleId))
      this.#files.set(articleId, file)
    }
    return file
  }

  async #load(articleId: string): Promise<Annotation[]> {
    const file = this.file(articleId)
    const { data } = settleLoad(file.relativePath, await file.load(), { lost: `annotations:${articleId}`, report: this.#onRecovery })
    return data?.annotations ?? []
  }

  get(articleId: string): Promise<Annotation[]> {
    let annotations = this.#loaded.get(articleId)
    if (annotations === undefined) {
      annotations = this.#load(articleId)
      this.#loaded.set(articleId, annotations)
      annotations.catch(() => this.#loaded.delete(articleId))
    }
    return annotations
  }

  /** Every annotation of the library; reads each article's file once. */
  async all(articleIds: readonly string[]): Promise<Annotation[]> {
    const lists = await mapLimit(articleIds, 32, (id) => this.get(id))
    return lists.flat()
  }

  /** Replaces the article's annotations (insert, update, delete, re-anchoring all use this). */
  async set(articleId: string, annotations: Annotation[]): Promise<void> {
    const db = lowOver(this.file(articleId), { schemaVersion: SCHEMA_VERSION, articleId, annotations })
    try {
      await db.write()
    } finally {
      // Whether the write succeeded or not, the file on disk is the truth the next read takes.
      this.#loaded.delete(articleId)
    }
  }

  /** Forgets parsed annotations, e.g. after a journal or a restore rewrote their files on disk. */
  forget(articleId?: string): void {
    if (articleId !== undefined) this.#loaded.delete(articleId)
    else {
      this.#loaded.clear()
      this.#files.clear()
    }
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
