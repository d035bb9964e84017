import type { LanguageCode } from '../model/article'
import { bracketedAcronymAt, organisationAt } from './organisation-names'
import { isVietnameseName } from './name-variants'
import {
  CONNECTORS,
  COUNTRIES,
  COUNTRY_BY_FORM,
  DEPARTMENTS,
  LOWERCASE_COUNTRY_FORMS,
  NAME_PARTICLES,
  ROLES,
  VIETNAMESE_FAMILY_NAMES,
} from './people-vocabulary'
import { gapBefore, isSpace, type Token } from './tokens'

/**
 * Names that stand with a title in one paragraph. The title is a role from ROLES, then what belongs
 * to it: portfolios ("Ngoại giao", "of Energy and Mines", "de Relaciones Exteriores"), countries
 * ("Peru", "tại Brazil kiêm nhiệm Cộng hòa Peru", "Peru's" or "Vietnamese" before it) and
 * organisations ("Tập đoàn Viettel", "of Bitel", "Viettel" before it). Three shapes:
 *   title Name                      Thứ trưởng Ngoại giao Hà Kim Ngọc · Vice Minister Camino Cannock
 *   title, Name,      (en, es)      el viceministro de Relaciones Exteriores, John Peter Camino Cannock,
 *   Name, title       (en, es)      Eduardo Salhuana, President of the Congress of Peru,
 * The role kept is the title without its country and organisation ("Thứ trưởng Ngoại giao",
 * "President of the Congress"). A name is a run of capitalised words (with name particles inside:
 * "Ricardo de los Santos", "van Klaveren"); in a Vietnamese run the name starts at the first family
 * name. A title without a name ("Thứ trưởng tỏ mong muốn") gives nothing.
 */
export interface TitledName {
  readonly start: number
  readonly end: number
  readonly name: string
  readonly role: string
  readonly country: string | null
  readonly organisation: string | null
}

const MAX_NAME_WORDS = 6

interface Title {
  roleEnd: number
  country: string | null
  organisation: string | null
}

function countryAt(text: string, tokens: readonly Token[], i: number): { length: number; country: string } | null {
  const token = tokens[i]
  if (token === undefined) return null
  const possessive = /['’]s$/.test(token.lower)
  if (possessive) {
    const country = COUNTRY_BY_FORM.get(token.lower.slice(0, -2))
    return country !== undefined && token.capitalized ? { length: 1, country } : null
  }
  const length = COUNTRIES.match(text, tokens, i)
  if (length === 0) return null
  if (!token.capitalized && !LOWERCASE_COUNTRY_FORMS.has(token.lower)) return null
  const form = tokens.slice(i, i + length).map((t) => t.lower).join(' ')
  return { length, country: COUNTRY_BY_FORM.get(form) ?? form }
}

/** Reads what follows a role from token `j`; returns the first token after the title. */
function readTitle(text: string, tokens: readonly Token[], j: number, title: Title): number {
  let afterBracket = false
  while (j < tokens.length) {
    const gap = gapBefore(text, tokens, j)
    if (bracketedAcronymAt(text, tokens, j)) {
      title.organisation ??= tokens[j]?.text ?? null
      j++
      afterBracket = true
      continue
    }
    if (!isSpace(gap) && !(afterBracket && /^\)[ \u00A0]+$/.test(gap))) return j
    afterBracket = false
    const department = tokens[j]?.capitalized || tokens[j]?.lower === 'bộ' ? DEPARTMENTS.match(text, tokens, j) : 0
    if (department > 0) {
      title.roleEnd = tokens[j + department - 1]?.end ?? title.roleEnd
      j += department
      continue
    }
    const country = countryAt(text, tokens, j)
    if (country !== null) {
      title.country ??= country.country
      j += country.length
      continue
    }
    const organisation = organisationAt(text, tokens, j)
    if (organisation > 0) {
      title.organisation ??= tokens.slice(j, j + organisation).map((t) => t.text).join(' ')
      j += organisation
      continue
    }
    // A joining word belongs to the title only if a portfolio, country or organisation follows it.
    let k = j
    while (k < tokens.length && CONNECTORS.match(text, tokens, k) > 0 && isSpace(gapBefore(text, tokens, k))) k += CONNECTORS.match(text, tokens, k)
    if (k === j || k >= tokens.length || !isSpace(gapBefore(text, tokens, k))) return j
    const next = tokens[k]
    const joins =
      (next?.capitalized === true && DEPARTMENTS.match(text, tokens, k) > 0) || countryAt(text, tokens, k) !== null || organisationAt(text, tokens, k) > 0
    if (!joins) return j
    j = k
  }
  return j
}

function startsName(token: Token | undefined, next: Token | undefined, afterNext?: Token): boolean {
  if (token === undefined) return false
  if (token.capitalized) return true
  if (!NAME_PARTICLES.has(token.lower) || next === undefined) return false
  return next.capitalized || (NAME_PARTICLES.has(next.lower) && afterNext?.capitalized === true)
}

/** The run of name words from token `i`: [start, end) token indices. */
function readName(text: string, tokens: readonly Token[], i: number): number {
  let k = i
  while (k < tokens.length && k - i < MAX_NAME_WORDS) {
    if (k > i && !isSpace(gapBefore(text, tokens, k))) break
    const token = tokens[k]
    if (token === undefined || !startsName(token, tokens[k + 1], tokens[k + 2])) break
    if (token.capitalized && ROLES.match(text, tokens, k) > 0) break
    // A particle joins two name words only ("de los Santos"): "Hourn and" stops at "and".
    if (!token.capitalized) {
      let p = k
      while (p < tokens.length && NAME_PARTICLES.has(tokens[p]?.lower ?? '') && !tokens[p]?.capitalized) p++
      if (!tokens[p]?.capitalized || !isSpace(gapBefore(text, tokens, p))) break
      k = p
      continue
    }
    k++
  }
  return k
}

/** In a Vietnamese run, the name starts at the first family name ("Bộ Xyz Nguyễn Văn A" is Nguyễn Văn A). */
function trimToFamilyName(tokens: readonly Token[], start: number, end: number): number {
  if (VIETNAMESE_FAMILY_NAMES.has(tokens[start]?.folded ?? '')) return start
  for (let k = start + 1; k < end - 1; k++) {
    const words = tokens.slice(k, end).map((t) => t.text)
    if (isVietnameseName(words)) return k
  }
  return start
}

function titledName(text: string, tokens: readonly Token[], roleStart: number, first: number, last: number, title: Title): TitledName | null {
  const start = tokens[first]?.start
  const end = tokens[last - 1]?.end
  if (start === undefined || end === undefined || last <= first) return null
  return {
    start,
    end,
    name: text.slice(start, end),
    role: text.slice(tokens[roleStart]?.start ?? 0, title.roleEnd).replace(/\s+/g, ' '),
    country: title.country,
    organisation: title.organisation,
  }
}

/** What stands just before the role: a country ("Peru's", "Vietnamese") or an organisation ("Viettel", "ASEAN", "PetroVietnam (PVN)"). */
function readPrefix(text: string, tokens: readonly Token[], i: number, title: Title): void {
  if (i === 0) return
  const gap = gapBefore(text, tokens, i)
  let k = i - 1
  if (/^\)[ \u00A0]+$/.test(gap) && bracketedAcronymAt(text, tokens, k)) {
    title.organisation = tokens[k]?.text ?? null
    return
  }
  if (!isSpace(gap)) return
  const country = countryAt(text, tokens, k)
  if (country !== null && country.length === 1) {
    title.country = country.country
    return
  }
  while (k > 0 && organisationAt(text, tokens, k) === 0 && tokens[k]?.capitalized && isSpace(gapBefore(text, tokens, k))) k--
  const organisation = organisationAt(text, tokens, k)
  if (organisation > 0 && k + organisation === i) title.organisation = tokens.slice(k, i).map((t) => t.text).join(' ')
}

export function findTitledNames(text: string, tokens: readonly Token[], language: LanguageCode): TitledName[] {
  const found: TitledName[] = []
  const commaForms = language !== 'vi'
  let i = 0
  while (i < tokens.length) {
    const roleLength = ROLES.match(text, tokens, i)
    if (roleLength === 0) {
      i++
      continue
    }
    const title: Title = { roleEnd: tokens[i + roleLength - 1]?.end ?? 0, country: null, organisation: null }
    readPrefix(text, tokens, i, title)
    const after = readTitle(text, tokens, i + roleLength, title)
    let nameStart = after
    let nameEnd = after
    const gap = gapBefore(text, tokens, after)
    if (isSpace(gap) || (/^\)[ \u00A0]+$/.test(gap) && title.organisation !== null)) {
      nameEnd = readName(text, tokens, after)
    } else if (commaForms && /^,[ \u00A0]+$/.test(gap)) {
      // "el viceministro de Relaciones Exteriores, John Peter Camino Cannock,"
      nameEnd = readName(text, tokens, after)
      if (nameEnd - nameStart < 2) nameEnd = nameStart
    }
    if (nameEnd > nameStart && language === 'vi') nameStart = trimToFamilyName(tokens, nameStart, nameEnd)
    if (nameEnd === nameStart && commaForms && /^,[ \u00A0]+$/.test(gapBefore(text, tokens, i))) {
      // "Eduardo Salhuana, President of the Congress of Peru,": the name stands before the title.
      let k = i - 1
      while (k > 0 && isSpace(gapBefore(text, tokens, k)) && startsName(tokens[k - 1], tokens[k]) && i - k < MAX_NAME_WORDS) k--
      while (k < i - 1 && !tokens[k]?.capitalized) k++
      if (i - k >= 2 && tokens.slice(k, i).every((t) => t.capitalized || NAME_PARTICLES.has(t.lower))) {
        const mention = titledName(text, tokens, i, k, i, title)
        if (mention !== null) found.push(mention)
      }
      i = after
      continue
    }
    const mention = titledName(text, tokens, i, nameStart, nameEnd, title)
    if (mention !== null) found.push(mention)
    i = Math.max(nameEnd, after, i + roleLength)
  }
  return found
}
