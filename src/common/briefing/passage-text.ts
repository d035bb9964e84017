import type { PassageItem } from '../model/briefing'

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
