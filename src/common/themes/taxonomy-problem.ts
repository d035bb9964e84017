import type { Tag } from '../model/tag'
import { nameKey } from './tag-names'

/**
 * What is wrong with a tag list as a whole, in one sentence, or null: duplicate ids, a parent
 * that does not exist, a cycle, two tags with the same name (compared without case or accents).
 */
export function taxonomyProblem(tags: readonly Tag[]): string | null {
  const byId = new Map<string, Tag>()
  for (const tag of tags) {
    if (byId.has(tag.id)) return `the id ${tag.id} is used twice`
    byId.set(tag.id, tag)
  }
  const names = new Map<string, string>()
  for (const tag of tags) {
    const key = nameKey(tag.name)
    if (key === '') return `the tag ${tag.id} has no letters or digits in its name`
    const other = names.get(key)
    if (other !== undefined) return `two tags are named “${tag.name}” (${other} and ${tag.id})`
    names.set(key, tag.id)
  }
  for (const tag of tags) {
    if (tag.parentId !== null && !byId.has(tag.parentId)) return `the parent ${tag.parentId} of “${tag.name}” does not exist`
    const seen = new Set([tag.id])
    let parent = tag.parentId === null ? undefined : byId.get(tag.parentId)
    while (parent !== undefined) {
      if (seen.has(parent.id)) return `“${tag.name}” is its own ancestor`
      seen.add(parent.id)
      parent = parent.parentId === null ? undefined : byId.get(parent.parentId)
    }
  }
  return null
}
