import { KNOWN_ORGANISATIONS, ORGANISATION_HEADS, VIETNAMESE_FAMILY_NAMES } from './people-vocabulary'
import { gapBefore, isSpace, type Token } from './tokens'

/**
 * Where an organisation's name starts at a token, and how many tokens it covers:
 * - a known name (Bitel, Viettel, PetroVietnam);
 * - an acronym: two to eight capitals, digits allowed after the first letter (APEC, CPTPP, PVN, G20),
 *   but not a Roman numeral (II, IV);
 * - a company or group opened by a head word ("Tập đoàn Dầu khí Việt Nam (PVN)", "Tập đoàn Viettel"):
 *   it runs on to an acronym in brackets when one follows within ten words, else over capitalised
 *   words, stopping before a Vietnamese family name (the person the title names).
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
  while (k < tokens.length && tokens[k]?.capitalized && isSpace(gapBefore(text, tokens, k)) && !VIETNAMESE_FAMILY_NAMES.has(tokens[k]?.folded ?? '')) k++
  return k > i + head ? k - i : 0
}
