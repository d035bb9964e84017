import type { IndexDatabase } from './index-database'

/**
 * Bringing the index of an older library to today's layout, once, when it is opened for changes:
 *
 * - a library from before the log (its checkpoint has no id) gets a checkpoint with an id, its
 *   log, and its columns (index-database.ts `checkpoint`);
 * - a library from before the columns gets `library.cols` (index-columns-file.ts).
 *
 * Each step writes new files durably beside the old ones and replaces `library.json` (when at
 * all) the way every save does: a temp file renamed over it, its previous version kept as a
 * generation. So a migration killed at any point leaves either the old layout, whole, or the new
 * one, whole; the next writable open runs whatever is left (the columns are written again from
 * the start: they are derived from `library.json`). A migration that cannot write (disk full, a
 * folder the user cannot write) says why through `onProgress` and changes nothing: the library
 * opens in its old layout, as usable as before, only slower to open.
 */
export type OpenProgress =
  /** Part of the migration done, from 0 to 1. */
  | { readonly step: 'migrating'; readonly fraction: number }
  | { readonly step: 'migrated' }
  /** Not migrated; the library is opened as it is. `reason` names the file and the cause. */
  | { readonly step: 'migration-failed'; readonly reason: string }

/**
 * `hadColumns`: `library.cols` exists but was not used (stale after a repair or a change from
 * outside, or damaged): not an older layout, so the columns are written again without a word.
 */
export async function migrateIndex(index: IndexDatabase, isNew: boolean, hadColumns: boolean, told: (progress: OpenProgress) => void = () => undefined): Promise<void> {
  if (isNew || index.hasColumns) return
  const onProgress = hadColumns && index.hasCheckpointId ? () => undefined : told
  onProgress({ step: 'migrating', fraction: 0 })
  const step = (fraction: number) => onProgress({ step: 'migrating', fraction })
  try {
    if (!index.hasCheckpointId) await index.checkpoint(step)
    else {
      const failed = await index.writeColumns(step)
      if (failed !== null) throw new Error(failed)
    }
  } catch (error) {
    onProgress({ step: 'migration-failed', reason: error instanceof Error ? error.message : String(error) })
    return
  }
  if (!index.hasColumns) {
    onProgress({ step: 'migration-failed', reason: 'library.cols could not be written' })
    return
  }
  onProgress({ step: 'migrated' })
}
