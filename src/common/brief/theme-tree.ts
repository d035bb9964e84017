import { tagDisplayName, type Tag } from '../model/tag'

/**
 * The themes offered for a brief, as the tree the user built (roots, then each one's sub-themes,
 * by name in `locale`), each with the number of highlights under it: its own and its
 * sub-themes', each once (`totals`, as the service counts them for the Themes view, so both views
 * show the same number). A tag whose parent is missing is shown as a root; a cycle in a damaged taxonomy is
 * cut where it closes.
 */
export interface ThemeNode {
  readonly tag: Tag
  /** Highlights tagged with the theme or one of its sub-themes, each once (ThemeOverview.totals). */
  readonly total: number
  readonly children: readonly ThemeNode[]
}

export function themeTree(tags: readonly Tag[], totals: Readonly<Record<string, number>>, locale: string): ThemeNode[] {
  const ids = new Set(tags.map((tag) => tag.id))
  const byParent = new Map<string | null, Tag[]>()
  for (const tag of tags) {
    const parent = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null
    byParent.set(parent, [...(byParent.get(parent) ?? []), tag])
  }
  const byName = (a: Tag, b: Tag) => tagDisplayName(a, locale).localeCompare(tagDisplayName(b, locale), locale)
  const seen = new Set<string>()
  const build = (tag: Tag): ThemeNode => {
    seen.add(tag.id)
    const children = (byParent.get(tag.id) ?? []).filter((child) => !seen.has(child.id)).sort(byName).map(build)
    return { tag, total: totals[tag.id] ?? 0, children }
  }
  return [...(byParent.get(null) ?? [])].sort(byName).map(build)
}
