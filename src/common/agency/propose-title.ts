import type { Block, Caption } from '../model/article'
import { stripDateline } from './agency-patterns'

/** A proposed title is at most this long; a longer clause is not proposed (never cut). */
export const PROPOSED_TITLE_LENGTH = 120

/** A clause shorter than this is a fragment ("Việt Nam", "Tại Lima"), not a headline. */
const MIN_CLAUSE_WORDS = 4

// A sentence ends at . ! ? … followed by a space and something that can open a sentence.
const FIRST_SENTENCE = /^(.+?[.!?…])["'”’)»]*(?=\s+["“(«¿¡]?[\p{Lu}\d])/u

// Where a clause may end. A strong boundary opens a second clause or a purpose (", while",
// "; ", "và cùng", "nhằm"); a weak one may also join the items of a list ("coffee, cashew and
// seafood"), so it is used only when no strong one fits. Not "to" or "of" (they join a verb to
// its object), nor "song" (but), which is also the first syllable of "song phương" (bilateral).
const STRONG_BOUNDARY =
  /\s*[;:–—]\s+|\s+-\s+|,?\s+(?:và cùng|đồng thời|nhằm|để|trong đó|trong khi|sau khi|nhưng|while|which|who|whereas|but|mientras|tras)\s+/giu
const WEAK_BOUNDARY = /\s*,\s+|\s+(?:và|and|y)\s+/giu

// An opening adverbial ("Tại cuộc tham vấn, …", "In Lima, …", "Theo đó, …") is not the subject.
const OPENING_ADVERBIAL = /^(?:tại|trong|theo|sau|với|nhân|trước|về|qua|at|in|on|during|after|according to|en|durante|según)\s[^,]{1,80},\s+/iu

// A caption's photo credit: "(Ảnh: TTXVN phát)", "Photo: VNA" at the end.
const CAPTION_CREDIT_TAIL = /\s*\((?:[^()]*:[^()]*|ảnh minh (?:họa|hoạ)|ảnh tư liệu|file photo)\)\s*$|(?<=[.!?…])\s+(?:ảnh|photo|foto)\s*:.*$/iu

function words(text: string): number {
  return text.split(/\s+/u).filter((word) => word !== '').length
}

function capitalised(text: string): string {
  return `${text.charAt(0).toLocaleUpperCase('vi')}${text.slice(1)}`
}

function firstSentence(text: string): string {
  return (FIRST_SENTENCE.exec(text)?.[1] ?? text).replace(/[.!?…]$/u, '').trim()
}

/**
 * The main clause of a sentence: the sentence itself when it is short enough, else its words up
 * to the first clause boundary that leaves a real clause. Null when that clause is too long too.
 */
export function mainClause(sentence: string, maxLength = PROPOSED_TITLE_LENGTH): string | null {
  const text = sentence.replace(OPENING_ADVERBIAL, '').trim()
  if (text.length <= maxLength) return text === '' ? null : text
  return clauseBefore(text, STRONG_BOUNDARY, maxLength) ?? clauseBefore(text, WEAK_BOUNDARY, maxLength)
}

/** The text up to the first boundary that leaves a real clause, if that clause is short enough. */
function clauseBefore(text: string, boundaries: RegExp, maxLength: number): string | null {
  for (const boundary of text.matchAll(boundaries)) {
    const clause = text.slice(0, boundary.index).trim()
    if (words(clause) < MIN_CLAUSE_WORDS) continue
    return clause.length <= maxLength ? clause : null
  }
  return null
}

/** What a photo caption shows, without its credit: "Thứ trưởng Ngoại giao Hà Kim Ngọc". */
export function captionSubject(caption: string): string | null {
  const subject = firstSentence(caption.replace(CAPTION_CREDIT_TAIL, '').trim())
  return subject === '' ? null : subject
}

/**
 * A title proposed for an article that has none (agency pages often lose their headline when
 * copied, as in a paste that starts with the date line and a photo caption): the main clause of
 * the lead's first sentence, without its dateline ("Lima (VNA) –") or opening time ("Ngày 3/10,"),
 * or else the subject of the first photo caption, or else the lead's whole first sentence.
 * Never a sentence cut mid-way with "…": a title that reads as a headline, which the user
 * confirms or rewrites in Edit details (the article records it as proposed).
 */
export function proposeTitle(blocks: readonly Block[], captions: readonly Caption[] = [], maxLength = PROPOSED_TITLE_LENGTH): string | null {
  const lead = blocks.find((block) => block.kind === 'paragraph') ?? blocks[0]
  const sentence = lead === undefined ? null : firstSentence(stripDateline(lead.text).trim() || lead.text)
  const clause = sentence === null ? null : mainClause(sentence, maxLength)
  if (clause !== null) return capitalised(clause)
  for (const caption of captions) {
    const subject = captionSubject(caption.text)
    if (subject !== null && subject.length <= maxLength && words(subject) >= 2) return capitalised(subject)
  }
  return sentence === null || sentence === '' ? null : capitalised(sentence)
}
