import type { PersonMentionLink } from '../../../common/dossier/library-view'

/**
 * The People view's split, as data: which mentions are chosen (by `mentionKey`), the person's
 * name variants with their mentions (choosing "all of a variant" is the usual split), and the
 * references a split decision stores. A decision names mentions by article, paragraph and words as
 * written (common/dossier/decisions.ts MentionRef), so two mentions with the same words in one
 * paragraph go together.
 */
type Mention = Pick<PersonMentionLink, 'articleId' | 'block' | 'start' | 'text'>

export function mentionKey(mention: Pick<Mention, 'articleId' | 'block' | 'start'>): string {
  return `${mention.articleId}#${mention.block}#${mention.start}`
}

/** The set with the keys added (chosen) or taken out. */
export function withPicked(picked: ReadonlySet<string>, keys: readonly string[], chosen: boolean): ReadonlySet<string> {
  const next = new Set(picked)
  for (const key of keys) {
    if (chosen) next.add(key)
    else next.delete(key)
  }
  return next
}

/** Each way the person is written, in order of first mention, with its mentions' keys. */
export function variantsOf(mentions: readonly Mention[]): { text: string; keys: string[] }[] {
  const byText = new Map<string, string[]>()
  for (const mention of mentions) byText.set(mention.text, [...(byText.get(mention.text) ?? []), mentionKey(mention)])
  return [...byText].map(([text, keys]) => ({ text, keys }))
}

/** The split decision's references for the chosen mentions, one per article, paragraph and words. */
export function splitRefs(mentions: readonly Mention[], picked: ReadonlySet<string>): { articleId: string; block: number; text: string }[] {
  const refs = new Map<string, { articleId: string; block: number; text: string }>()
  for (const mention of mentions) {
    if (picked.has(mentionKey(mention))) refs.set(`${mention.articleId}#${mention.block}#${mention.text}`, { articleId: mention.articleId, block: mention.block, text: mention.text })
  }
  return [...refs.values()]
}
