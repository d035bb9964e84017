import * as v from 'valibot'
import { TagSchema, type Tag } from '../model/tag'
import { taxonomyProblem } from './taxonomy-problem'

/**
 * A taxonomy as a file (data/taxonomy.json, exports, imports): a format version and the tags.
 * The same shape is written by export and read by import, so an export can be edited by hand and
 * imported back.
 */
export const TAXONOMY_FORMAT_VERSION = 1
export const MAX_TAXONOMY_TAGS = 5000

export const TaxonomyFileSchema = v.strictObject({
  schemaVersion: v.literal(TAXONOMY_FORMAT_VERSION),
  tags: v.pipe(v.array(TagSchema), v.maxLength(MAX_TAXONOMY_TAGS)),
})
export type TaxonomyFile = v.InferOutput<typeof TaxonomyFileSchema>

export type TaxonomyParse = { readonly ok: true; readonly tags: Tag[] } | { readonly ok: false; readonly reason: string }

/**
 * Parses and checks a taxonomy: the shape, then what a schema cannot say (unique ids, parents
 * that exist, no cycles, no two tags answering to the same name). Nothing is partly accepted.
 */
export function parseTaxonomy(json: unknown): TaxonomyParse {
  const parsed = v.safeParse(TaxonomyFileSchema, json)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const path = issue.path?.map((step) => String(step.key)).join('.') ?? ''
    return { ok: false, reason: path === '' ? issue.message : `${path}: ${issue.message}` }
  }
  const problem = taxonomyProblem(parsed.output.tags)
  return problem === null ? { ok: true, tags: parsed.output.tags } : { ok: false, reason: problem }
}

export function taxonomyFile(tags: readonly Tag[]): TaxonomyFile {
  return { schemaVersion: TAXONOMY_FORMAT_VERSION, tags: [...tags] }
}
