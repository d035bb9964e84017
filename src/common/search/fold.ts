/**
 * Folding: the two keys every token is indexed and searched under.
 *
 * - The *accent-exact* key keeps every letter and mark but is independent of how the text was
 *   typed: Unicode NFC whether the input was precomposed or decomposed, lower case, and one tone-mark
 *   placement for the spellings Vietnamese writes two ways ("hòa" and "hoà", "thúy" and "thuý",
 *   "ủy" and "uỷ" all become the second form, the tone on the main vowel).
 * - The *folded* key drops tone and vowel marks as well ("đường" → "duong"), so that staff who
 *   type without diacritics find everything. đ/Đ fold to d: they are letters of their own in
 *   Unicode, not d plus a mark, which is why the usual "NFD then strip marks" recipe misses them.
 *
 * A match on the folded key finds; a match on the exact key as well ranks higher.
 */

export interface TokenKeys {
  readonly exact: string
  readonly folded: string
}

// The five Vietnamese tones as combining marks (grave, acute, tilde, hook above, dot below).
const TONE_MARKS = new Set([0x0300, 0x0301, 0x0303, 0x0309, 0x0323])
// Vowel-quality marks: circumflex (â ê ô), breve (ă), horn (ơ ư).
const QUALITY_MARKS = new Set([0x0302, 0x0306, 0x031b])
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y'])
// Pairs whose tone moved between the old and the new spelling rules: hòa/hoà, khỏe/khoẻ, thúy/thuý.
const MOVABLE_PAIRS = new Set(['oa', 'oe', 'uy'])

// Letters that do not decompose in Unicode. U+00D0/U+00F0 (eth) stand in for Đ/đ in text converted
// from old Vietnamese encodings; they look the same, so they are the same letter here.
const EXACT_LETTERS: Readonly<Record<string, string>> = { 'ð': 'đ' }
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  'đ': 'd',
  'ð': 'd',
  'ø': 'o',
  'ł': 'l',
  'æ': 'ae',
  'œ': 'oe',
  'ß': 'ss',
  'ı': 'i',
}

const SPECIAL_LETTERS = /[ðđøłæœßı]/gu
const ANY_MARK = /\p{M}/gu
const ASCII_WORD = /^[ -~]*$/

interface Letter {
  base: string
  marks: number[]
}

function letters(nfd: string): Letter[] {
  const result: Letter[] = []
  for (const char of nfd) {
    const code = char.codePointAt(0) ?? 0
    const last = result[result.length - 1]
    if (last !== undefined && /\p{M}/u.test(char)) last.marks.push(code)
    else result.push({ base: char, marks: [] })
  }
  return result
}

function hasQualityMark(letter: Letter): boolean {
  return letter.marks.some((mark) => QUALITY_MARKS.has(mark))
}

function toneOf(letter: Letter): number | undefined {
  return letter.marks.find((mark) => TONE_MARKS.has(mark))
}

/**
 * Moves a syllable's tone mark to the vowel the new rules put it on. Only two situations differ
 * between the spellings people use, and only those are touched:
 * - "oa", "oe", "uy": the tone goes on the second vowel (hòa → hoà, thúy → thuý, ủy → uỷ);
 * - a tone on a plain vowel right before a vowel with a quality mark goes onto that vowel, as
 *   the rules require ("thúôc" → "thuốc", "đừơng" → "đường"), a frequent slip of fast typists.
 * Words with no tone or with several (not Vietnamese syllables) are left alone.
 */
function placeTone(lowerNfd: string): string {
  const parts = letters(lowerNfd)
  let toned = -1
  for (let i = 0; i < parts.length; i++) {
    if (toneOf(parts[i]!) === undefined) continue
    if (toned !== -1) return lowerNfd
    toned = i
  }
  const here = parts[toned]
  const next = parts[toned + 1]
  if (here === undefined || next === undefined || toneOf(next) !== undefined || !VOWELS.has(next.base)) return lowerNfd
  const hornPair = here.base === 'u' && next.base === 'o' && hasQualityMark(here) && hasQualityMark(next)
  const beforeMarkedVowel = !hasQualityMark(here) && hasQualityMark(next)
  const movablePair = !hasQualityMark(here) && MOVABLE_PAIRS.has(here.base + next.base)
  if (!hornPair && !beforeMarkedVowel && !movablePair) return lowerNfd
  const tone = toneOf(here)!
  here.marks = here.marks.filter((mark) => mark !== tone)
  next.marks.push(tone)
  return parts.map((part) => part.base + String.fromCodePoint(...part.marks)).join('')
}

/** Thousands and decimal separators written either way ("146,8" and "146.8") become one. */
function unifyNumber(token: string): string {
  return token.includes(',') ? token.replaceAll(',', '.') : token
}

/** The accent-exact key: NFC, lower case, tone marks in one placement. */
export function exactKey(token: string): string {
  const lower = token.toLowerCase()
  if (ASCII_WORD.test(lower)) return unifyNumber(lower)
  const nfd = lower.normalize('NFD').replace(/[ð]/gu, (letter) => EXACT_LETTERS[letter] ?? letter)
  return unifyNumber(placeTone(nfd).normalize('NFC'))
}

/** The folded key: lower case, every mark dropped, đ → d. */
export function foldedKey(token: string): string {
  const lower = token.toLowerCase()
  if (ASCII_WORD.test(lower)) return unifyNumber(lower)
  return unifyNumber(
    lower
      .normalize('NFD')
      .replace(ANY_MARK, '')
      .replace(SPECIAL_LETTERS, (letter) => FOLDED_LETTERS[letter] ?? letter),
  )
}

export function tokenKeys(token: string): TokenKeys {
  return { exact: exactKey(token), folded: foldedKey(token) }
}

/** True when the exact key carries diacritics, i.e. the user typed them on purpose. */
export function isAccented(keys: TokenKeys): boolean {
  return keys.exact !== keys.folded
}
