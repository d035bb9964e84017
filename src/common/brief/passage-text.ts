import type { PassageItem } from '../model/brief'

/**
 * The text a passage prints: its quote verbatim, or the user's paraphrase. A paraphrase left
 * empty prints the quote rather than nothing (the passage is still cited).
 */
export function passageText(item: Pick<PassageItem, 'mode' | 'paraphrase' | 'quote'>): string {
  return item.mode === 'paraphrase' && item.paraphrase.trim() !== '' ? item.paraphrase : item.quote
}

/** Whether the passage prints the user's words (true) or the source's (false). */
export function isParaphrased(item: Pick<PassageItem, 'mode' | 'paraphrase'>): boolean {
  return item.mode === 'paraphrase' && item.paraphrase.trim() !== ''
}

/** The highlight's note as the passage prints it under itself ('' when it has none or opts out). */
export function printedNote(item: Pick<PassageItem, 'note' | 'showNote'>): string {
  return item.showNote === false ? '' : (item.note ?? '').trim()
}

/**
 * Whether a quote begins inside a sentence, so that it prints after "…". Known from the article
 * when the passage was added (`startsMidSentence`); for a passage added before that was recorded,
 * a quote that opens with a lower-case letter or a comma-like mark is taken to be cut.
 */
export function startsMidSentence(item: Pick<PassageItem, 'quote' | 'startsMidSentence'>): boolean {
  if (item.startsMidSentence !== undefined) return item.startsMidSentence
  return /^[\s"“‘'(«]*(?:\p{Ll}|[,;:)\]])/u.test(item.quote)
}
