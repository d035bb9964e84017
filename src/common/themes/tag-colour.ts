/**
 * The colour a theme is shown in. Starter themes carry their own; a theme the user created has
 * none (null) until they pick one, and is given one from this palette, chosen by its id so that
 * it keeps its colour from one session to the next and neighbours rarely share one. The palette
 * avoids the highlight colours' hues at full strength and reads on light and dark surfaces.
 */
const PALETTE = ['#3b82a0', '#a0603b', '#6b8e23', '#8e4585', '#b8860b', '#4b6cb7', '#c0504d', '#2e8b7a', '#7a6a53', '#5f6fa8']

export function tagColour(tag: { readonly id: string; readonly color: string | null }): string {
  if (tag.color !== null) return tag.color
  let hash = 0
  for (const char of tag.id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return PALETTE[hash % PALETTE.length]!
}
