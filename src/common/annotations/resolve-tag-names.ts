import type { Tag } from '../model/tag'
import { foldedKey } from '../search/fold'

export interface ResolvedTags {
  /** The tag ids, in the order the names were given, without repeats. */
  readonly tagIds: string[]
  /** The library's tags followed by those created here: what to store when `created` is not empty. */
  readonly tags: Tag[]
  readonly created: Tag[]
}

/**
 * Turns tag names typed by a person (the tag box, `annotate --tag`, a W3C file) into tag ids.
 * A name matches a tag whose name or any alias is the same once case, diacritics and spacing are
 * ignored, so "apec", "APEC" and "Apec " are one tag and "Hợp tác" finds "hop tac": people type
 * Vietnamese with and without marks, and two tags that differ only in that would be a trap in
 * search and in briefs. A tag's own name wins over another tag's alias. A name that matches
 * nothing becomes a new top-level tag without a colour, named as typed (NFC, single spaces).
 */
export function resolveTagNames(names: readonly string[], existing: readonly Tag[], newTagId: () => string): ResolvedTags {
  const byKey = new Map<string, string>()
  for (const tag of existing) if (!byKey.has(tagKey(tag.name))) byKey.set(tagKey(tag.name), tag.id)
  for (const tag of existing) for (const alias of tag.aliases) if (!byKey.has(tagKey(alias.text))) byKey.set(tagKey(alias.text), tag.id)

  const tagIds: string[] = []
  const created: Tag[] = []
  for (const raw of names) {
    const name = cleanTagName(raw)
    if (name === '') continue
    let id = byKey.get(tagKey(name))
    if (id === undefined) {
      const tag: Tag = { id: newTagId(), name, parentId: null, color: null, aliases: [], keywords: [] }
      created.push(tag)
      byKey.set(tagKey(name), tag.id)
      id = tag.id
    }
    if (!tagIds.includes(id)) tagIds.push(id)
  }
  return { tagIds, tags: [...existing, ...created], created }
}

/** A tag name as stored: NFC, trimmed, one space between words. */
export function cleanTagName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim()
}

function tagKey(name: string): string {
  return foldedKey(cleanTagName(name))
}
