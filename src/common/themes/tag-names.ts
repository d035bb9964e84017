import type { Tag } from '../model/tag'
import { foldText } from '../search/tokenize'

/**
 * How tags are named and found by name: the canonical name and every alias, compared folded
 * (no case, no diacritics, "hoà" = "hòa"), so that "thuong mai" finds "Thương mại".
 */
export function namesOf(tag: Tag): string[] {
  return [...new Set([tag.name, ...tag.aliases.map((alias) => alias.text)])]
}

export function nameKey(name: string): string {
  return foldText(name)
}

/** Tags answering to `name` (canonical name or alias), canonical-name matches first. */
export function findTagsByName(tags: readonly Tag[], name: string): Tag[] {
  const key = nameKey(name)
  if (key === '') return []
  const byName = tags.filter((tag) => nameKey(tag.name) === key)
  const byAlias = tags.filter((tag) => !byName.includes(tag) && tag.aliases.some((alias) => nameKey(alias.text) === key))
  return [...byName, ...byAlias]
}

/** The tag whose canonical name (or alias) is `name`, other than `exceptId`; for duplicate checks. */
export function tagNamed(tags: readonly Tag[], name: string, exceptId: string | null): Tag | undefined {
  const key = nameKey(name)
  return tags.find((tag) => tag.id !== exceptId && nameKey(tag.name) === key)
}
