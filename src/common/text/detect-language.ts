import type { LanguageCode } from '../model/article'

/**
 * A small, deterministic language guess for the languages the desk works in: Vietnamese by its
 * letters (ă â đ ê ô ơ ư and the tone-marked vowels), then English or Spanish by common words.
 * 'und' when the text is too short or nothing stands out.
 */
const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu
const ENGLISH_WORDS = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'as', 'was', 'on', 'by', 'has', 'have', 'its', 'their'])
const SPANISH_WORDS = new Set(['el', 'la', 'de', 'que', 'y', 'en', 'los', 'las', 'del', 'se', 'por', 'con', 'una', 'para', 'es', 'al', 'su'])

export function detectLanguage(text: string): LanguageCode {
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  if (letters < 20) return 'und'
  const vietnamese = text.match(VIETNAMESE_LETTERS)?.length ?? 0
  if (vietnamese / letters > 0.03) return 'vi'
  let english = 0
  let spanish = 0
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (ENGLISH_WORDS.has(word)) english++
    if (SPANISH_WORDS.has(word)) spanish++
  }
  if (english === 0 && spanish === 0) return 'und'
  return english >= spanish ? 'en' : 'es'
}
