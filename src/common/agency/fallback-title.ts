import type { Block } from '../model/article'
import { excerpt } from '../text/normalize'
import { stripDateline } from './agency-patterns'

/** Fallback titles are cut to this many characters, at a word boundary. */
export const FALLBACK_TITLE_LENGTH = 100

// A sentence ends at . ! ? … followed by a space and something that can open a sentence.
const FIRST_SENTENCE = /^(.+?[.!?…])["'”’)»]*(?=\s+["“(«¿¡]?[\p{Lu}\d])/u

/**
 * A title for an article that has none (agency pages often lose theirs when copied, as in a paste
 * that starts with the date and a photo caption): the first sentence of the lead, without its
 * dateline ("Lima (VNA) –") or opening time ("Ngày 3/10,"), cut to FALLBACK_TITLE_LENGTH
 * characters. Readers see a headline-like line rather than "Untitled", and can edit it.
 */
export function fallbackTitle(blocks: readonly Block[], maxLength = FALLBACK_TITLE_LENGTH): string | null {
  const lead = blocks.find((block) => block.kind === 'paragraph') ?? blocks[0]
  if (lead === undefined) return null
  const text = stripDateline(lead.text).trim() || lead.text
  const sentence = (FIRST_SENTENCE.exec(text)?.[1] ?? text).replace(/\.$/u, '')
  const capitalised = `${sentence.charAt(0).toLocaleUpperCase('vi')}${sentence.slice(1)}`
  return excerpt(capitalised, maxLength)
}
