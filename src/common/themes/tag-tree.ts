import type { Tag } from '../model/tag'

/** The hierarchy of a tag list: parents, children and descendants, by id. */

export function childrenOf(tags: readonly Tag[], parentId: string | null): Tag[] {
  return tags.filter((tag) => tag.parentId === parentId)
}

/** The tag and every tag below it. */
export function descendantIds(tags: readonly Tag[], id: string): Set<string> {
  const found = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const tag of tags) {
      if (tag.parentId !== null && found.has(tag.parentId) && !found.has(tag.id)) {
        found.add(tag.id)
        grew = true
      }
    }
  }
  return found
}

/** Ancestors from the parent up to the root; stops at a cycle rather than looping. */
export function ancestorsOf(tags: readonly Tag[], tag: Tag): Tag[] {
  const byId = new Map(tags.map((candidate) => [candidate.id, candidate]))
  const chain: Tag[] = []
  const seen = new Set([tag.id])
  let parent = tag.parentId === null ? undefined : byId.get(tag.parentId)
  while (parent !== undefined && !seen.has(parent.id)) {
    seen.add(parent.id)
    chain.push(parent)
    parent = parent.parentId === null ? undefined : byId.get(parent.parentId)
  }
  return chain
}

/** "Economy › Trade › CPTPP", each part named by `name` (default: the canonical name). */
export function tagPath(tags: readonly Tag[], tag: Tag, name: (tag: Tag) => string = (part) => part.name): string {
  return [...ancestorsOf(tags, tag).reverse(), tag].map(name).join(' › ')
}

/** Tags in tree order (parents before children, siblings by name) with their depth. */
export function flattenTree(tags: readonly Tag[]): Array<{ tag: Tag; depth: number }> {
  const rows: Array<{ tag: Tag; depth: number }> = []
  const ids = new Set(tags.map((tag) => tag.id))
  const visit = (parentId: string | null, depth: number) => {
    const children = tags
      .filter((tag) => (parentId === null ? tag.parentId === null || !ids.has(tag.parentId) : tag.parentId === parentId))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    for (const child of children) {
      rows.push({ tag: child, depth })
      visit(child.id, depth + 1)
    }
  }
  visit(null, 0)
  return rows
}
