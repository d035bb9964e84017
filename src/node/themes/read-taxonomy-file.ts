import { readFile } from 'node:fs/promises'
import { AppError } from '../../common/errors'
import type { Tag } from '../../common/model/tag'
import { parseTaxonomy } from '../../common/themes/taxonomy-file'
import { reasonOf } from '../store/durable-json-file'

/** Reads and checks a taxonomy file (the starter one, or one to import); a bad file is refused whole. */
export async function readTaxonomyFile(file: string): Promise<Tag[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new AppError('taxonomy.unreadable', { file, reason: reasonOf(error) }, { cause: error })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new AppError('taxonomy.invalid', { file, reason: error instanceof Error ? error.message : String(error) }, { cause: error })
  }
  const parsed = parseTaxonomy(json)
  if (!parsed.ok) throw new AppError('taxonomy.invalid', { file, reason: parsed.reason })
  return parsed.tags
}
