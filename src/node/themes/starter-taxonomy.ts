import { dirname, join } from 'node:path'
import type { Tag } from '../../common/model/tag'
import { readTaxonomyFile } from './read-taxonomy-file'

/**
 * The taxonomy a new library starts with: data/taxonomy.json, beside data/samples. Read (and
 * checked) before anything is written, so a bad file stops the first open with a message naming
 * it rather than leaving a library without its themes.
 */
export async function readStarterTaxonomy(options: { samplesDir?: string; taxonomyFile?: string | null }): Promise<Tag[]> {
  const file = options.taxonomyFile === undefined ? (options.samplesDir === undefined ? null : join(dirname(options.samplesDir), 'taxonomy.json')) : options.taxonomyFile
  return file === null ? [] : readTaxonomyFile(file)
}
