import type { Tag } from '../model/tag'
import { tagDisplayName } from '../model/tag'
import { ThemeMatcher, type ThemeMatch } from './theme-matcher'

/** A theme suggested for a passage, with the words that suggested it. */
export interface TagSuggestion {
  readonly tagId: string
  /** The tag's name in the requested language. */
  readonly name: string
  readonly color: string | null
  readonly score: number
  /** Distinct names, aliases or keywords found, as the taxonomy writes them. */
  readonly matched: readonly string[]
}

export const MAX_SUGGESTIONS = 8

/** Ranks the tags found in `matches`: by weight (longer phrases and names weigh more), then by name. */
export function rankSuggestions(tags: readonly Tag[], matches: readonly ThemeMatch[], lang: string): TagSuggestion[] {
  const byId = new Map(tags.map((tag) => [tag.id, tag]))
  const scores = new Map<string, { score: number; matched: Set<string> }>()
  for (const match of matches) {
    const entry = scores.get(match.tagId) ?? { score: 0, matched: new Set<string>() }
    entry.score += match.weight
    entry.matched.add(match.phrase)
    scores.set(match.tagId, entry)
  }
  return [...scores]
    .flatMap(([tagId, { score, matched }]) => {
      const tag = byId.get(tagId)
      return tag === undefined ? [] : [{ tagId, name: tagDisplayName(tag, lang), color: tag.color, score, matched: [...matched] }]
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'vi'))
}

/** Themes for a highlighted passage, best first. */
export function suggestTags(tags: readonly Tag[], text: string, lang: string, matcher = new ThemeMatcher(tags)): TagSuggestion[] {
  return rankSuggestions(tags, matcher.matches(text), lang).slice(0, MAX_SUGGESTIONS)
}
