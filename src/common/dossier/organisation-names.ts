import { KNOWN_ORGANISATIONS, ORGANISATION_HEADS, VIETNAMESE_FAMILY_NAMES } from './people-vocabulary'
import { gapBefore, isSpace, type Token } from './tokens'

/**
 * Where an organisation's name starts at a token, and how many tokens it covers:
 * - a known name (Bitel, Viettel, PetroVietnam);
 * - an acronym: two to eight capitals, digits allowed after the first letter (APEC, CPTPP, PVN, G20),
 *   but not a Roman numeral (II, IV);
 * - a company or group opened by a head word ("Tập đoàn Dầu khí Việt Nam (PVN)", "Tập đoàn Viettel"):
 *   it runs on to an acronym in brackets when one follows within ten words, else over capitalised
 *   words (and the lowercase syllables between two of them: "Dầu khí Quốc gia Việt Nam"), stopping
 *   before a Vietnamese family name (the person the title names).
 */
const ACRONYM = /^\p{Lu}[\p{Lu}\d]{1,7}$/u
const ROMAN = /^[IVXLC]+$/
// Capitals that name no organisation: currencies, units, news datelines' agencies are kept.
const NOT_ORGANISATIONS: ReadonlySet<string> = new Set(['USD', 'VND', 'VNĐ', 'EUR', 'PEN', 'CNY', 'JPY', 'GDP', 'FDI', 'ODA', 'MW', 'KM', 'CEO', 'LIMA', 'HANOI', 'TP'])

export function isAcronym(token: Token | undefined): boolean {
  return token !== undefined && ACRONYM.test(token.text) && !ROMAN.test(token.text) && /\p{Lu}.*\p{Lu}/u.test(token.text) && !NOT_ORGANISATIONS.has(token.text)
}

/** An acronym in brackets right after token `i - 1`: "(PVN)". */
export function bracketedAcronymAt(text: string, tokens: readonly Token[], i: number): boolean {
  return /^[ \u00A0]*\($/.test(gapBefore(text, tokens, i)) && isAcronym(tokens[i]) && /^\)/.test(gapBefore(text, tokens, i + 1))
}

export function organisationAt(text: string, tokens: readonly Token[], i: number): number {
  const token = tokens[i]
  if (token === undefined) return 0
  const known = KNOWN_ORGANISATIONS.match(text, tokens, i)
  if (known > 0 && token.capitalized) return known
  if (isAcronym(token)) return 1
  const head = ORGANISATION_HEADS.match(text, tokens, i)
  if (head === 0 || !token.capitalized) return 0
  for (let k = i + head; k < tokens.length && k < i + head + 10; k++) {
    if (bracketedAcronymAt(text, tokens, k)) return k - i
    if (!isSpace(gapBefore(text, tokens, k))) break
  }
  let k = i + head
  let end = k
  const nameWord = (at: number): boolean => tokens[at]?.capitalized === true && isSpace(gapBefore(text, tokens, at)) && !VIETNAMESE_FAMILY_NAMES.has(tokens[at]?.folded ?? '')
  while (k < tokens.length) {
    if (nameWord(k)) {
      end = ++k
      continue
    }
    // Vietnamese capitalises a name's first syllable of a word only ("Tập đoàn Dầu khí Quốc gia Việt
    // Nam"): a lowercase syllable right after a name word belongs to it when a name word follows.
    const word = tokens[k]
    if (end === k && end > i + head && word !== undefined && !word.capitalized && isSpace(gapBefore(text, tokens, k)) && !NOT_INSIDE_NAMES.has(word.lower) && nameWord(k + 1)) {
      k++
      continue
    }
    break
  }
  return end > i + head ? end - i : 0
}

// Words that end a company's name rather than continue it (prepositions, conjunctions, verbs of news).
const NOT_INSIDE_NAMES: ReadonlySet<string> = new Set([
  'và', 'của', 'tại', 'ở', 'với', 'cho', 'từ', 'đến', 'tới', 'là', 'cùng', 'trong', 'về', 'theo', 'như', 'đã', 'đang', 'sẽ', 'được',
  'có', 'sang', 'thăm', 'gặp', 'ký', 'mở', 'làm', 'hợp', 'tác', 'đầu', 'tư', 'vào', 'ra', 'cũng', 'vẫn', 'nay', 'thuộc', 'tham', 'dự',
  'and', 'of', 'in', 'at', 'with', 'for', 'de', 'del', 'y', 'en', 'con',
])
