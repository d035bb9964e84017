/**
 * Every match of a global pattern in `text`. Faster than `text.matchAll(pattern)` for many short
 * texts: matchAll clones the pattern on every call, and the key-figure finder runs a dozen patterns
 * on each passage.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new Error(`allMatches needs a global pattern, got ${pattern}`)
  const matches: RegExpExecArray[] = []
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    matches.push(match)
    if (match[0] === '') pattern.lastIndex++
  }
  return matches
}
