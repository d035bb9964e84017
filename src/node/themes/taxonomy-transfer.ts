import { randomBytes } from 'node:crypto'
import { AppError } from '../../common/errors'
import { formatId } from '../../common/model/ids'
import type { Tag } from '../../common/model/tag'
import { taxonomyFile } from '../../common/themes/taxonomy-file'
import { taxonomyProblem } from '../../common/themes/taxonomy-problem'
import { reasonOf, writeDurably } from '../store/durable-json-file'
import { mergeTaxonomy } from './merge-taxonomy'
import { readTaxonomyFile } from './read-taxonomy-file'

/** Writes the taxonomy as a file anyone can edit and import back; returns the number of tags. */
export async function exportTaxonomyTo(tags: readonly Tag[], path: string): Promise<number> {
  try {
    await writeDurably(path, `${JSON.stringify(taxonomyFile(tags), null, 2)}\n`)
  } catch (error) {
    throw new AppError('taxonomy.writeFailed', { file: path, reason: reasonOf(error) }, { cause: error })
  }
  return tags.length
}

/** Reads a taxonomy file and merges it into `current` by name; a bad file changes nothing. */
export async function importTaxonomyFrom(current: readonly Tag[], path: string): Promise<{ tags: Tag[]; added: number; updated: number }> {
  const imported = await readTaxonomyFile(path)
  const merged = mergeTaxonomy(current, imported, () => formatId('tag', randomBytes(8).toString('hex')))
  const problem = taxonomyProblem(merged.tags)
  if (problem !== null) throw new AppError('taxonomy.invalid', { file: path, reason: problem })
  return merged
}
