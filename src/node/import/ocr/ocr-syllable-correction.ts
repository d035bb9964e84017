import { isVietnameseSyllable } from './vietnamese-syllable'
import { VIETNAMESE_WORD_PAIRS } from './vietnamese-word-pairs'

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

/**
 * Context for what a single syllable cannot tell: the models drop the dot below (`Ngoại` read
 * `Ngoai`) and confuse tones (`đổi` read `đồi`), giving valid syllables. Where two neighbouring
 * words of a page, with no punctuation between them, are not a known pair
 * (vietnamese-word-pairs.ts) but exactly ONE known pair lies within one change per syllable, the
 * words become that pair. The change allowed is
 * - a dot below added to a letter with no tone mark (a → ạ, â → ậ, ê → ệ, …), the models'
 *   commonest error on clean pages, whatever tesseract's confidence (it reads `Ngoai` at 95);
 * - another tone on the same letter, or d ↔ đ, only in a word tesseract was unsure of (below
 *   CORRECTION_CONFIDENCE); never a tone taken away nor another vowel (`có` → `cố`).
 * Both words change only when tesseract was unsure of both. Names and foreign words never match
 * a pair; two candidates leave the words as read.
 */
export interface RecognisedWord {
  readonly text: string
  readonly confidence: number
}

const DOT_BELOW = '\u0323'
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/u
const TONE_MARKS_ALL = /[\u0300\u0301\u0303\u0309\u0323]/gu

/** The word with every letter reduced to its family's first (its base without marks): pairs that differ only in marks share it. */
function skeleton(word: string): string {
  return [...word].map((letter) => FAMILY_OF.get(letter)?.[0] ?? letter).join('')
}

let pairsBySkeleton: Map<string, string[][]> | null = null
function pairIndex(): Map<string, string[][]> {
  if (pairsBySkeleton === null) {
    pairsBySkeleton = new Map()
    for (const pair of VIETNAMESE_WORD_PAIRS) {
      const parts = pair.split(' ')
      const key = parts.map(skeleton).join(' ')
      pairsBySkeleton.set(key, [...(pairsBySkeleton.get(key) ?? []), parts])
    }
  }
  return pairsBySkeleton
}

/** The letter without its tone (its vowel marks ˆ ˘ ʼ kept), decomposed. */
function withoutTone(letter: string): string {
  return letter.normalize('NFD').replace(TONE_MARKS_ALL, '')
}

/**
 * Whether `read` may be a misreading of `meant` (same skeleton): at most one letter differs, and
 * by a dot below added to a toneless letter (any confidence), or, in a word tesseract was unsure
 * of, by another tone on the same letter (`đồi` → `đổi`, `chuyên` → `chuyển`) or d ↔ đ. Never a
 * tone taken away, nor another vowel (`có` → `cố`): correct words would turn into other words.
 */
function mayBeMisread(read: string, meant: string, unsure: boolean): boolean {
  const a = [...read]
  const b = [...meant]
  const differing = a.flatMap((letter, index) => (letter === b[index] ? [] : [index]))
  if (differing.length === 0) return true
  if (differing.length > 1) return false
  const from = a[differing[0]!]!
  const to = b[differing[0]!]!
  const toneless = !TONE_MARKS.test(from.normalize('NFD'))
  if (toneless && to.normalize('NFD').includes(DOT_BELOW) && withoutTone(to) === withoutTone(from)) return true
  if (!unsure) return false
  if (FAMILY_OF.get(from) === 'dđ') return true
  return withoutTone(to) === withoutTone(from) && TONE_MARKS.test(to.normalize('NFD'))
}

function withCapitalsOf(original: string, corrected: string): string {
  const letters = [...original]
  return [...corrected].map((letter, index) => (letters[index] !== undefined && letters[index] !== letters[index]!.toLowerCase() ? letter.toUpperCase() : letter)).join('')
}

const WORD = /^([^\p{L}]*)(\p{L}+)([^\p{L}]*)$/u

/** The page's words in reading order, corrected by their neighbours where the rules allow (see above). */
export function correctWordPairs(words: readonly RecognisedWord[]): string[] {
  const texts = words.map((word) => word.text)
  const index = pairIndex()
  for (let i = 0; i + 1 < texts.length; i++) {
    const first = WORD.exec(texts[i]!)
    const next = texts[i + 1]!
    if (first === null || first[3] !== '') continue
    const second = WORD.exec(next)
    if (second !== null && second[1] !== '') continue
    const a = first[2]!.normalize('NFC').toLowerCase()
    const b = second === null ? null : second[2]!.normalize('NFC').toLowerCase()
    // A capitalised word or a number after the first: a name, a place, a date (`tại Lima`).
    const named = /^(?:\p{Lu}|\d)/u.test(next)
    if (b !== null && VIETNAMESE_WORD_PAIRS.has(`${a} ${b}`)) continue
    if (named && VIETNAMESE_WORD_PAIRS.has(`${a} #`)) continue
    const unsureA = words[i]!.confidence < CORRECTION_CONFIDENCE
    const unsureB = words[i + 1]!.confidence < CORRECTION_CONFIDENCE
    const found = new Map<string, string[]>()
    for (const pair of b === null ? [] : (index.get(`${skeleton(a)} ${skeleton(b)}`) ?? [])) {
      // Both words changed only where tesseract was unsure of both (`Biển Đông` is no `biến động`).
      const both = a !== pair[0] && b !== pair[1]
      if ((!both || (unsureA && unsureB)) && mayBeMisread(a, pair[0]!, unsureA) && mayBeMisread(b!, pair[1]!, unsureB)) found.set(pair.join(' '), pair)
    }
    if (named) {
      for (const pair of index.get(`${skeleton(a)} #`) ?? []) {
        if (mayBeMisread(a, pair[0]!, unsureA)) found.set(pair.join(' '), [pair[0]!, b ?? ''])
      }
    }
    if (found.size !== 1) continue
    const [[meantA, meantB]] = [...found.values()] as [[string, string]]
    texts[i] = `${first[1]}${withCapitalsOf(first[2]!, meantA)}`
    if (second !== null && b !== null && meantB !== b) texts[i + 1] = `${withCapitalsOf(second[2]!, meantB)}${second[3]}`
  }
  return texts
}
