import type { LibraryStore } from '../store/library-store'
import { readStarterTaxonomy } from '../themes/starter-taxonomy'
import { addSampleArticles } from './samples'

export interface NewLibraryOptions {
  /** The shipped sample articles; data/taxonomy.json beside them is the starter taxonomy. */
  readonly samplesDir?: string
  readonly taxonomyFile?: string | null
  /**
   * Whether a new library is filled with the samples (default: yes when samplesDir is given).
   * Only the desktop app's own library gets them on its first launch; a library made at a chosen
   * folder (--data-dir, BRIEFING_DATA_DIR) starts empty and offers them ("Add sample articles",
   * `samples add`), so that a script's or a test's library holds only what was put in it.
   */
  readonly addSamples?: boolean
  readonly now?: () => Date
}

/**
 * Starts a library that did not exist: every new library gets the starter taxonomy, so "Viễn
 * thông" maps to Telecommunications in each of them, with or without samples. The taxonomy is
 * read (and checked) before anything is written, so a bad file leaves no half-made library.
 * `reopenForWrite` gives a writable store when the command that created it only reads.
 */
export async function startNewLibrary(store: LibraryStore, options: NewLibraryOptions, reopenForWrite: () => Promise<LibraryStore>): Promise<LibraryStore> {
  const starterTags = await readStarterTaxonomy(options).catch(async (error: unknown) => {
    await store.close()
    throw error
  })
  let writable = store
  // A library that does not exist yet is created even by a command that only reads.
  if (!writable.writable) {
    await writable.close()
    writable = await reopenForWrite()
  }
  if (options.samplesDir !== undefined && options.addSamples !== false) {
    await addSampleArticles(writable, options.samplesDir, options.now?.() ?? new Date())
  }
  if (starterTags.length > 0) await writable.setTags(starterTags)
  await writable.initialize()
  return writable
}
