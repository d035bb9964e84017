import type { JournalApplier } from './journal'
import { ARTICLES_FOLDER, BRIEFS_FOLDER, fileKindOf, TEMPLATES_FOLDER, type FileData } from './library-files'
import { removeBothCopies } from './second-copy'
import { StoredFile, type StoreContext } from './stored-file'

/**
 * Library files named by relative path, shared by opening (journal replay, loading) and by the
 * store's writes, so that both address a file the same way.
 */
export function articleFile(context: StoreContext, id: string): StoredFile<'article'> {
  return new StoredFile(context, 'article', `${ARTICLES_FOLDER}/${id}.json`)
}

export function briefFile(context: StoreContext, id: string): StoredFile<'brief'> {
  return new StoredFile(context, 'brief', `${BRIEFS_FOLDER}/${id}.json`)
}

export function templateFile(context: StoreContext, id: string): StoredFile<'template'> {
  return new StoredFile(context, 'template', `${TEMPLATES_FOLDER}/${id}.json`)
}

/** The record id a per-record file is named after ("articles/<id>.json" → "<id>"). */
export function idOf(relativePath: string): string {
  return relativePath.slice(relativePath.lastIndexOf('/') + 1, -'.json'.length)
}

/** Writes and deletes library files by relative path: what a journal replays. */
export function fileApplier(context: StoreContext): Omit<JournalApplier, 'index'> {
  return {
    write: (path, data, options) => {
      const kind = fileKindOf(path)
      if (kind === null) throw new Error(`Not a library file: ${path}`)
      return new StoredFile(context, kind, path).save(data as FileData[typeof kind], options)
    },
    delete: async (path) => {
      const kind = fileKindOf(path)
      if (kind === null) throw new Error(`Not a library file: ${path}`)
      const file = new StoredFile(context, kind, path)
      // Keep the deleted version as a generation: a deletion can be undone from backups/.
      if ((await file.load()).status === 'ok') await context.generations.rotate(path)
      await removeBothCopies(context.dir, path)
    },
  }
}
