import type { Annotation } from '../model/annotation'
import type { Tag } from '../model/tag'
import { ThemeMatcher } from './theme-matcher'

/**
 * "Auto-tag article": for each theme, the sentences of the article that mention it, as proposals
 * the user accepts or rejects one by one. Nothing is written here.
 */
export interface TagProposal {
  readonly tagId: string
  /** UTF-16 offsets of the sentence in bodyText(article.blocks). */
  readonly start: number
  readonly end: number
  readonly quote: string
  /** The names or keywords found in the sentence. */
  readonly reason: string[]
}

export const MAX_PROPOSALS_PER_TAG = 12

/** Sentences of a body text (paragraphs joined by blank lines) as [start, end) ranges, trimmed. */
export function sentenceRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const boundary = /[.!?…]+["”’)]*(?=\s)|\n\n/gu
  let start = 0
  const push = (from: number, to: number) => {
    while (from < to && /\s/u.test(text[from]!)) from++
    while (to > from && /\s/u.test(text[to - 1]!)) to--
    if (to > from) ranges.push([from, to])
  }
  for (const found of text.matchAll(boundary)) {
    const end = found[0] === '\n\n' ? found.index : found.index + found[0].length
    push(start, end)
    start = found.index + found[0].length
  }
  push(start, text.length)
  return ranges
}

/**
 * Proposals per theme, in document order, skipping sentences that a highlight carrying the theme
 * already covers (so running it twice proposes nothing new).
 */
export function proposeTags(tags: readonly Tag[], body: string, existing: readonly Annotation[], matcher = new ThemeMatcher(tags)): TagProposal[] {
  const proposals: TagProposal[] = []
  const perTag = new Map<string, number>()
  for (const [start, end] of sentenceRanges(body)) {
    const sentence = body.slice(start, end)
    const found = new Map<string, Set<string>>()
    for (const match of matcher.matches(sentence)) found.set(match.tagId, (found.get(match.tagId) ?? new Set()).add(match.phrase))
    for (const [tagId, phrases] of found) {
      const covered = existing.some((annotation) => annotation.tagIds.includes(tagId) && annotation.position.start < end && annotation.position.end > start)
      const count = perTag.get(tagId) ?? 0
      if (covered || count >= MAX_PROPOSALS_PER_TAG) continue
      perTag.set(tagId, count + 1)
      proposals.push({ tagId, start, end, quote: sentence, reason: [...phrases] })
    }
  }
  return proposals
}
