import { isVietnameseSyllable } from './vietnamese-syllable'

/**
 * Post-correction of Vietnamese OCR words: a word that is not a well-formed syllable
 * (vietnamese-syllable.ts) is replaced only when
 * - tesseract was not sure of it (confidence below CORRECTION_CONFIDENCE), and
 * - exactly ONE well-formed syllable lies one confusable diacritic away: one letter changed into
 *   the same base letter with other marks (a → à á ả ã ạ ă ằ … ậ; e/ê, o/ô/ơ, u/ư, i, y and their
 *   tones; d ↔ đ), which is how the models err on Vietnamese.
 * Anything else (foreign names, numbers, two or more candidates) is left as read: a wrong
 * "correction" is worse than an error the reader can see (low-confidence words are marked).
 * Parts of a word joined by a hyphen are syllables of their own; punctuation around is kept.
 */
export const CORRECTION_CONFIDENCE = 90

const FAMILIES = [
  'aàáảãạăằắẳẵặâầấẩẫậ',
  'eèéẻẽẹêềếểễệ',
  'iìíỉĩị',
  'oòóỏõọôồốổỗộơờớởỡợ',
  'uùúủũụưừứửữự',
  'yỳýỷỹỵ',
  'dđ',
]
const FAMILY_OF = new Map<string, string>()
for (const family of FAMILIES) for (const letter of family) FAMILY_OF.set(letter, family)

/** Letters that only Vietnamese writes: a word without one is not taken for Vietnamese. */
const VIETNAMESE_MARKED = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/u

/** The one well-formed syllable a confusable diacritic away, or null (none, or more than one). */
export function correctSyllable(syllable: string): string | null {
  const lower = syllable.toLowerCase()
  if (!VIETNAMESE_MARKED.test(lower) || isVietnameseSyllable(lower)) return null
  const letters = [...lower]
  const found = new Set<string>()
  letters.forEach((letter, index) => {
    for (const other of FAMILY_OF.get(letter) ?? '') {
      if (other === letter) continue
      const candidate = [...letters.slice(0, index), other, ...letters.slice(index + 1)].join('')
      if (isVietnameseSyllable(candidate)) found.add(candidate)
    }
  })
  if (found.size !== 1) return null
  const [candidate] = found
  // The word's own capitals back.
  const original = [...syllable]
  return [...candidate!].map((letter, index) => (original[index] !== original[index]!.toLowerCase() ? letter.toUpperCase() : letter)).join('')
}

/** A recognised word, corrected where the rules allow (see above). */
export function correctOcrWord(word: string, confidence: number): string {
  if (confidence >= CORRECTION_CONFIDENCE) return word
  const match = /^([^\p{L}]*)([\p{L}-]+?)([^\p{L}]*)$/u.exec(word)
  if (match === null) return word
  const [, before, core, after] = match
  const corrected = core!
    .split('-')
    .map((part) => (/^\p{L}+$/u.test(part) ? (correctSyllable(part.normalize('NFC')) ?? part) : part))
    .join('-')
  return `${before}${corrected}${after}`
}
