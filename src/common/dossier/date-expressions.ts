import type { PartialDate } from '../model/article'
import { findDates } from '../brief/date-figures'
import { allMatches } from '../brief/all-matches'

/**
 * Date expressions in one paragraph, before they are resolved against the publication date:
 * - absolute: the text gives the year ("17-21/4/2023", "12 March 2025", "del 17 al 21 de abril de
 *   2023", "năm 2014", "en 1994"); Vietnamese and English come from brief/date-figures.ts;
 * - yearless: a day or month without its year ("Ngày 3/10", "từ ngày 3 đến ngày 6/9", "tháng 3
 *   tới", "from 4 to 6 June", "on 16 November", "el 3 de octubre", "en mayo");
 * - relative year: "năm tới", "next year", "el año pasado";
 * - derived: a count of years back from publication ("kỷ niệm 30 năm", "30 năm qua", "30th
 *   anniversary", "30 years of diplomatic relations", "los 30 años de relaciones").
 * A word after the date may say which way it points: "tới", "tới đây", "sắp tới", "next",
 * "próximo" (coming); "vừa qua", "last", "pasado" (gone).
 * Overlapping expressions: the longest wins ("tháng 11/2024" over "tháng 11").
 */
export type Direction = 'future' | 'past' | null

export type DateValue =
  | { readonly kind: 'absolute'; readonly from: PartialDate; readonly to: PartialDate }
  | { readonly kind: 'yearless'; readonly month: number; readonly day: number | null; readonly dayTo: number | null }
  | { readonly kind: 'relative-year'; readonly offset: number }
  | { readonly kind: 'derived'; readonly years: number }

export type DateExpression = { readonly start: number; readonly end: number; readonly direction: Direction } & DateValue

const SP = '[ \\u00A0]+'
const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}]|\\p{N}[.,/-])'
const NOT_MORE = '(?![\\p{L}\\p{M}\\p{N}]|[/.,-]?\\d)'

const SPANISH_MONTHS: readonly string[] = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre']
const ENGLISH_MONTHS: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const ENGLISH_SHORT: readonly string[] = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept?', 'Oct', 'Nov', 'Dec']

function monthOf(name: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '')
  if (lower === 'setiembre') return 9
  const spanish = SPANISH_MONTHS.indexOf(lower)
  if (spanish >= 0) return spanish + 1
  return ENGLISH_MONTHS.findIndex((month) => month.toLowerCase().startsWith(lower.slice(0, 3))) + 1
}

const ES_MONTH = `(${[...SPANISH_MONTHS, 'setiembre'].join('|')})`
// English month names are capitalised: "may" is a verb.
const EN_MONTH = `(${ENGLISH_MONTHS.join('|')}|(?:${ENGLISH_SHORT.join('|')})\\.?)`
const NO_YEAR_AFTER = `(?!,?${SP}(?:de${SP})?\\d{4})`

type Build = (groups: readonly string[]) => DateValue | null

function yearless(month: number, day: number | null, dayTo: number | null = null): DateValue | null {
  if (!(month >= 1 && month <= 12)) return null
  if (day !== null && !(day >= 1 && day <= 31)) return null
  if (dayTo !== null && !(day !== null && dayTo > day && dayTo <= 31)) return null
  return { kind: 'yearless', month, day, dayTo }
}

function year(value: string | undefined): number | null {
  const y = Number(value)
  return Number.isInteger(y) && y >= 1900 && y <= 2100 ? y : null
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function absoluteDay(y: number | null, month: number, day: number, dayTo: number = day): DateValue | null {
  if (y === null || month < 1 || month > 12) return null
  const days = new Date(Date.UTC(y, month, 0)).getUTCDate()
  if (day < 1 || dayTo < day || dayTo > days) return null
  return { kind: 'absolute', from: `${y}-${pad(month)}-${pad(day)}`, to: `${y}-${pad(month)}-${pad(dayTo)}` }
}

const HINT_DIGIT = /\d/
const PATTERNS: readonly (readonly [RegExp, RegExp, Build])[] = [
  // Vietnamese, no year: "12 đến 14/5", "ngày 3 đến ngày 6/9", "17-21/4"
  [/\//, new RegExp(`${BEFORE}(\\d{1,2})(?:[ \\u00A0]?[-–][ \\u00A0]?|${SP}(?:đến|tới)${SP}(?:ngày${SP})?)(\\d{1,2})/(\\d{1,2})${NOT_MORE}`, 'giu'), ([d1, d2, m]) => yearless(Number(m), Number(d1), Number(d2))],
  // "Ngày 3/10", "Chiều 15/11", "ngày 18/6": the word before says it is a day, not a fraction or a number.
  [/\//, new RegExp(`(?<=(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|đến|từ)${SP})(\\d{1,2})/(\\d{1,2})${NOT_MORE}`, 'giu'), ([d, m]) => yearless(Number(m), Number(d))],
  // "17 tháng 4", "tháng 3 tới"
  [/tháng/i, new RegExp(`${BEFORE}(\\d{1,2})${SP}tháng${SP}(\\d{1,2})${NOT_MORE}(?!${SP}năm${SP}\\d)`, 'giu'), ([d, m]) => yearless(Number(m), Number(d))],
  [/tháng/i, new RegExp(`${BEFORE}tháng${SP}(\\d{1,2})${NOT_MORE}(?!${SP}năm${SP}\\d)`, 'giu'), ([m]) => yearless(Number(m), null)],
  // English, no year: "4 to 6 June", "16 November", "June 27", "in November"
  [HINT_DIGIT, new RegExp(`${BEFORE}(\\d{1,2})(?:[ \\u00A0]?[-–][ \\u00A0]?|${SP}to${SP})(\\d{1,2})${SP}${EN_MONTH}${NO_YEAR_AFTER}(?![\\p{L}])`, 'gu'), ([d1, d2, m]) => yearless(monthOf(m ?? ''), Number(d1), Number(d2))],
  [HINT_DIGIT, new RegExp(`${BEFORE}(\\d{1,2})${SP}${EN_MONTH}${NO_YEAR_AFTER}(?![\\p{L}])`, 'gu'), ([d, m]) => yearless(monthOf(m ?? ''), Number(d))],
  [HINT_DIGIT, new RegExp(`(?<![\\p{L}])${EN_MONTH}${SP}(\\d{1,2})(?!\\d|,?${SP}\\d{4}|[:.]\\d)`, 'gu'), ([m, d]) => yearless(monthOf(m ?? ''), Number(d))],
  [/./, new RegExp(`(?<=(?:\\bin|\\bby|\\buntil|\\bsince|\\bnext|\\blast|\\bthis|\\bearly|\\blate|\\bmid-?)${SP})${EN_MONTH}(?![\\p{L}])(?!,?${SP}\\d)`, 'gu'), ([m]) => yearless(monthOf(m ?? ''), null)],
  // Spanish: "del 17 al 21 de abril de 2023", "el 3 de octubre", "noviembre de 2023", "en mayo", "en 1994"
  [/ de /i, new RegExp(`${BEFORE}(\\d{1,2})${SP}(?:al|y|a)${SP}(\\d{1,2})${SP}de${SP}${ES_MONTH}(?:${SP}del?${SP}(\\d{4}))?(?![\\p{L}\\p{N}])`, 'giu'), ([d1, d2, m, y]) =>
    !y ? yearless(monthOf(m ?? ''), Number(d1), Number(d2)) : absoluteDay(year(y), monthOf(m ?? ''), Number(d1), Number(d2))],
  [/ de /i, new RegExp(`${BEFORE}(\\d{1,2})${SP}de${SP}${ES_MONTH}(?:${SP}del?${SP}(\\d{4}))?(?![\\p{L}\\p{N}])`, 'giu'), ([d, m, y]) =>
    !y ? yearless(monthOf(m ?? ''), Number(d)) : absoluteDay(year(y), monthOf(m ?? ''), Number(d))],
  [/ de /i, new RegExp(`(?<![\\p{L}])${ES_MONTH}${SP}del?${SP}(\\d{4})(?![\\p{L}\\p{N}])`, 'giu'), ([m, y]) => {
    const value = year(y)
    return value === null ? null : { kind: 'absolute', from: `${value}-${pad(monthOf(m ?? ''))}`, to: `${value}-${pad(monthOf(m ?? ''))}` }
  }],
  [/./, new RegExp(`(?<=(?:\\ben|\\bdesde|\\bhasta|\\bpara|\\bpróximo|\\bpasado|\\bdurante)${SP})${ES_MONTH}(?![\\p{L}])(?!${SP}del?${SP}\\d)`, 'giu'), ([m]) => yearless(monthOf(m ?? ''), null)],
  [HINT_DIGIT, new RegExp(`(?<=(?:\\ben|\\bdesde|\\bhasta|\\bpara|\\bdurante|\\baño)${SP})(\\d{4})(?![\\p{L}\\p{N}]|[.,/-]\\d)`, 'giu'), ([y]) => {
    const value = year(y)
    return value === null ? null : { kind: 'absolute', from: String(value), to: String(value) }
  }],
]

const RELATIVE_YEARS: readonly (readonly [RegExp, number])[] = [
  [/(?<![\p{N}][ \u00A0])năm[ \u00A0]+(?:tới|sau)(?![\p{L}\p{M}])/giu, 1],
  [/(?<![\p{N}][ \u00A0])năm[ \u00A0]+ngoái(?![\p{L}\p{M}])/giu, -1],
  [/\bnext year\b/gi, 1],
  [/\blast year\b/gi, -1],
  [/(?:el[ \u00A0]+)?próximo[ \u00A0]+año\b|\baño[ \u00A0]+próximo\b/giu, 1],
  [/(?:el[ \u00A0]+)?año[ \u00A0]+pasado\b/giu, -1],
]

const DERIVED: readonly RegExp[] = [
  /kỷ[ \u00A0]+niệm[ \u00A0]+(\d{1,3})[ \u00A0]+năm(?![\p{L}\p{M}])/giu,
  /(?<![\p{L}\p{N}])(\d{1,3})[ \u00A0]+năm[ \u00A0]+qua(?![\p{L}\p{M}])/giu,
  /(?<![\p{L}\p{N}])(\d{1,3})(?:st|nd|rd|th)[ \u00A0]+anniversary\b/giu,
  /(?<![\p{L}\p{N}])(\d{1,3})[ \u00A0]+years[ \u00A0]+of[ \u00A0]+(?:diplomatic[ \u00A0]+)?(?:relations|ties)\b/giu,
  /(?<![\p{L}\p{N}])(\d{1,3})[ \u00A0]+años[ \u00A0]+de[ \u00A0]+(?:las[ \u00A0]+)?relaciones\b/giu,
  /(?<![\p{L}\p{N}])(\d{1,3})[ \u00A0]*[º°]?[ \u00A0]+aniversario\b/giu,
]

const FUTURE_AFTER = /^[ \u00A0]+(?:tới[ \u00A0]+đây|sắp[ \u00A0]+tới|tới)(?![\p{L}\p{M}])/iu
const PAST_AFTER = /^[ \u00A0]+(?:vừa[ \u00A0]+qua|trước)(?![\p{L}\p{M}])/iu
const FUTURE_BEFORE = /(?:\bnext|\bcoming|\bpróximo|\bupcoming)[ \u00A0]+$/iu
const PAST_BEFORE = /(?:\blast|\bpasado)[ \u00A0]+$/iu

function direction(text: string, start: number, end: number): Direction {
  const after = text.slice(end, end + 16)
  const before = text.slice(Math.max(0, start - 12), start)
  if (FUTURE_AFTER.test(after) || FUTURE_BEFORE.test(before)) return 'future'
  if (PAST_AFTER.test(after) || PAST_BEFORE.test(before)) return 'past'
  return null
}

function longestFirst(found: DateExpression[]): DateExpression[] {
  const kept: DateExpression[] = []
  for (const candidate of [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((other) => candidate.start < other.end && other.start < candidate.end)) kept.push(candidate)
  }
  return kept.sort((a, b) => a.start - b.start)
}

export function findDateExpressions(text: string): DateExpression[] {
  const found: DateExpression[] = []
  const hasDigit = /\d/.test(text)
  if (hasDigit) {
    for (const date of findDates(text)) found.push({ kind: 'absolute', start: date.start, end: date.end, from: date.from, to: date.to, direction: null })
    for (const pattern of DERIVED) {
      for (const match of allMatches(pattern, text)) {
        const years = Number(match[1])
        if (years >= 1 && years <= 200) found.push({ kind: 'derived', years, start: match.index, end: match.index + match[0].length, direction: 'past' })
      }
    }
  }
  for (const [hint, pattern, build] of PATTERNS) {
    if (!hint.test(text)) continue
    for (const match of allMatches(pattern, text)) {
      const built = build(match.slice(1).map((group) => group ?? ''))
      if (built === null) continue
      const end = match.index + match[0].length
      found.push({ ...built, start: match.index, end, direction: direction(text, match.index, end) })
    }
  }
  for (const [pattern, offset] of RELATIVE_YEARS) {
    for (const match of allMatches(pattern, text)) {
      found.push({ kind: 'relative-year', offset, start: match.index, end: match.index + match[0].length, direction: offset > 0 ? 'future' : 'past' })
    }
  }
  return longestFirst(found)
}
