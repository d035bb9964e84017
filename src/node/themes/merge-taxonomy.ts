import type { Tag } from '../../common/model/tag'
import { nameKey } from '../../common/themes/tag-names'

/**
 * Merges an imported taxonomy into the library's by name: an imported tag whose name (folded) a
 * library tag already has updates that tag (colour, keywords and aliases added, parent taken from
 * the import); the others are added with fresh ids. Existing tags are never removed.
 */
export function mergeTaxonomy(current: readonly Tag[], imported: readonly Tag[], newId: () => string): { tags: Tag[]; added: number; updated: number } {
  const byName = new Map(current.map((tag) => [nameKey(tag.name), tag]))
  const idMap = new Map<string, string>()
  for (const tag of imported) idMap.set(tag.id, byName.get(nameKey(tag.name))?.id ?? newId())
  const result = new Map(current.map((tag) => [tag.id, tag]))
  let added = 0
  let updated = 0
  for (const tag of imported) {
    const id = idMap.get(tag.id)!
    const parentId = tag.parentId === null ? null : (idMap.get(tag.parentId) ?? null)
    const existing = result.get(id)
    if (existing === undefined) {
      result.set(id, { ...tag, id, parentId })
      added++
      continue
    }
    const aliasKeys = new Set([existing.name, ...existing.aliases.map((alias) => alias.text)].map(nameKey))
    result.set(id, {
      ...existing,
      parentId: parentId ?? existing.parentId,
      color: tag.color ?? existing.color,
      aliases: [...existing.aliases, ...tag.aliases.filter((alias) => !aliasKeys.has(nameKey(alias.text)))],
      keywords: [...new Set([...existing.keywords, ...tag.keywords])],
    })
    updated++
  }
  return { tags: [...result.values()], added, updated }
}
