import { tagDisplayName, type Tag } from '../model/tag'
import { foldQuery } from './find-matches'

export interface TagSuggestion {
  readonly tag: Tag
  /** The name to show: the tag's name in the interface language. */
  readonly label: string
  /** The alias that matched, when it is not the label (shown so the match makes sense). */
  readonly matched: string | null
}

/**
 * Tags whose name or one of whose aliases starts with what was typed, ignoring case and
 * diacritics ("thuong" suggests "Thương mại"), leaving out tags already chosen. A word inside a
 * name matches too ("mai" finds "Thương mại"), ranked after names that start with it.
 */
export function suggestTags(tags: readonly Tag[], typed: string, chosen: readonly string[], lang: string, limit = 8): TagSuggestion[] {
  const needle = foldQuery(typed)
  const taken = new Set(chosen.map(foldQuery))
  const ranked: { suggestion: TagSuggestion; rank: number }[] = []
  for (const tag of tags) {
    const label = tagDisplayName(tag, lang)
    const names = [label, tag.name, ...tag.aliases.map((alias) => alias.text)]
    if (names.some((name) => taken.has(foldQuery(name)))) continue
    let best: { rank: number; name: string } | null = null
    for (const name of names) {
      const folded = foldQuery(name)
      const rank = folded.startsWith(needle) ? 0 : folded.split(' ').some((word) => word.startsWith(needle)) ? 1 : -1
      if (rank !== -1 && (best === null || rank < best.rank)) best = { rank, name }
    }
    if (best === null) continue
    ranked.push({ suggestion: { tag, label, matched: best.name === label ? null : best.name }, rank: best.rank })
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.suggestion.label.localeCompare(b.suggestion.label, lang))
    .slice(0, limit)
    .map((entry) => entry.suggestion)
}

/** True when `typed` names no existing tag, so Enter would create one. */
export function isNewTagName(tags: readonly Tag[], typed: string): boolean {
  const needle = foldQuery(typed)
  if (needle === '') return false
  return !tags.some((tag) => [tag.name, ...tag.aliases.map((alias) => alias.text)].some((name) => foldQuery(name) === needle))
}
