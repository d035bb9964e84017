import type { ThemePassageLayout } from '../../common/themes/api-types'
import { encodeGroupSizes, rowCode } from '../../common/themes/passage-outline'
import type { PassageRef } from './passage-refs'

/**
 * A theme's list in outline for the view (ThemePassageLayout): passages per article group, each
 * row's quote length and note packed one character each, and how many of the passages carry each
 * tag. Made once per list and kept with it until a change of the list (theme-index.ts).
 */
export function outlineOf(groups: readonly { readonly refs: readonly PassageRef[] }[]): ThemePassageLayout {
  const rows: string[] = []
  const tagCounts: Record<string, number> = {}
  let total = 0
  for (const group of groups) {
    for (const ref of group.refs) {
      rows.push(rowCode(ref.quoteLength, ref.noted))
      for (const tagId of ref.tagIds) tagCounts[tagId] = (tagCounts[tagId] ?? 0) + 1
    }
    total += group.refs.length
  }
  return { total, groupSizes: encodeGroupSizes(groups.map((group) => group.refs.length)), rows: rows.join(''), tagCounts }
}
