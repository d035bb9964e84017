import type { PartialDate } from '../model/article'
import type { Section } from '../model/brief'
import { allMatches } from './all-matches'
import { findDates } from './date-figures'
import {
  alternation,
  CLASSIFIERS,
  CURRENCY_PREFIXES,
  CURRENCY_SUFFIXES,
  ORDINAL_WORDS,
  PERCENT_WORDS,
  SCALE_WORDS,
  UNITS,
  vocabularyKey,
} from './figure-vocabulary'
import { parseNumber, scaledValue, type NumberConvention } from './parse-number'
import { passageText } from './passage-text'

/**
 * Key figures: the amounts, percentages, counts and dates quoted in a brief's passages, each with
 * the text as written, its position, a normalised value and the passage it comes from.
 *
 * What counts as a figure (conservative: a missed figure costs less than a false one, since the
 * table is read as fact):
 * - amount: a number (and scale word) with a currency after it ("600 triệu USD", "146,8 triệu USD",
 *   "1,2 tỷ đô la", "2.5 billion dollars") or a currency sign or code before it ("$600 million",
 *   "USD 2.5 billion"). "đồng" is a currency only after a scale word or from 1,000 up;
 * - percent: a number with "%", "phần trăm", "percent" or "per cent" ("2,5%", "12 phần trăm");
 * - count: a number (and scale word) followed by a known unit, optionally after a classifier
 *   ("7,1 triệu thuê bao", "4.743 trường học", "30.000 km", "30,000km", "450 chiếc máy tính
 *   bảng"), or a number with a scale word and no unit ("7,1 triệu", unit "");
 * - date: see date-figures.ts ("17-21/4/2023", "tháng 11/2024", "quý I/2023", "năm 2027").
 * Numbers follow parse-number.ts (1.234,5 and 1,234.5 both understood; the scale word's language
 * settles "1,250 tỷ").
 *
 * Not figures: a number without a known unit or currency ("APEC 2027", "CPTPP 11"), a four-digit
 * number unless a date pattern says it is a year ("năm 2027", "in 2027"), an ordinal or label
 * ("lần thứ 5", "Điều 12", "No. 3", "5th"), part of a word or code ("G20", "COVID-19", "5G"), the
 * second half of a range ("2-3%" gives nothing rather than a wrong "3%"), a number written in words
 * ("hai triệu"). Overlaps are settled by kind (date, then amount, percent, count), then length,
 * except that a bare year gives way to a quantity that uses its digits ("rose to 2025 schools" is
 * a count, not the year 2025).
 *
 * Positions are UTF-16 offsets into the NFC form of the passage text (what the library stores;
 * a paraphrase typed in another normal form is normalised before matching).
 */
export type QuantityKind = 'amount' | 'percent' | 'count'
export type FigureKind = QuantityKind | 'date'

interface FigureSpan {
  /** The figure as written in the passage. */
  readonly text: string
  readonly start: number
  readonly end: number
}

export interface QuantityFigure extends FigureSpan {
  readonly kind: QuantityKind
  /** The number with its scale applied: "146,8 triệu USD" is 146800000. */
  readonly value: number
  /** ISO 4217 code for an amount, "%" for a percentage, the unit (possibly "") for a count. */
  readonly unit: string
}

export interface DateFigure extends FigureSpan {
  readonly kind: 'date'
  readonly from: PartialDate
  /** Equal to `from` for a single day, month or year. */
  readonly to: PartialDate
}

export type Figure = QuantityFigure | DateFigure

/** A figure of a brief, linked to its passage. */
export type KeyFigure = Figure & { readonly sectionId: string; readonly itemId: string }

const SP = '[ \\u00A0]'
const NUM = '(\\d+(?:[.,]\\d+)*)'
// Never stop inside a number, never start inside a word or a number.
const NUM_END = '(?![.,]?\\p{N})'
const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}_]|\\p{N}[.,])'
const WORD_END = '(?![\\p{L}\\p{M}\\p{N}])'
const SCALE = `(?:${SP}?(${alternation(SCALE_WORDS.keys())})${WORD_END})?`

const AMOUNT_AFTER = new RegExp(`${BEFORE}${NUM}${NUM_END}${SCALE}${SP}?(${alternation(CURRENCY_SUFFIXES.keys())})${WORD_END}`, 'giu')
const AMOUNT_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(${alternation(CURRENCY_PREFIXES.keys())})${SP}?${NUM}${NUM_END}${SCALE}${WORD_END}`,
  'giu',
)
const PERCENT = new RegExp(
  `${BEFORE}${NUM}${NUM_END}${SP}?(?:%|(?:${alternation(PERCENT_WORDS.filter((word) => word !== '%'))})${WORD_END})`,
  'giu',
)
const COUNT = new RegExp(
  `${BEFORE}${NUM}${NUM_END}${SCALE}${SP}?(?:(?:${alternation(CLASSIFIERS)})${SP})?(${alternation(UNITS.keys())})${WORD_END}`,
  'giu',
)
const SCALED_NUMBER = new RegExp(`${BEFORE}${NUM}${NUM_END}${SP}?(${alternation(SCALE_WORDS.keys())})${WORD_END}`, 'giu')

const LETTER = /[\p{L}\p{M}]/u

const RANK: Readonly<Record<FigureKind, number>> = { date: 0, amount: 1, percent: 2, count: 3 }

function scale(word: string | undefined): { exponent: number; convention: NumberConvention | null } {
  const found = word === undefined ? undefined : SCALE_WORDS.get(vocabularyKey(word))
  return found ?? { exponent: 0, convention: null }
}

function quantity(raw: string | undefined, scaleWord: string | undefined): { value: number; unscaled: number } | null {
  if (raw === undefined) return null
  const { exponent, convention } = scale(scaleWord)
  const number = parseNumber(raw, convention)
  return number === null ? null : { value: scaledValue(number, exponent), unscaled: scaledValue(number) }
}

/** A range ("2-3%", "17-21"), a code ("COVID-19"), a reference ("15/2023") or a label ("#3"). */
function continuesSomethingElse(text: string, start: number): boolean {
  const before = text.charAt(start - 1)
  if (before === '#') return true
  return /[-–—/]/.test(before) && /[\p{L}\p{N}]/u.test(text.charAt(start - 2))
}

/** "lần thứ 5", "Điều 12", "No. 3": the number names a position, not a quantity. */
function followsOrdinalWord(text: string, start: number): boolean {
  let end = start
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\u00A0')) end--
  if (text[end - 1] === '.') end--
  let begin = end
  while (begin > 0 && end - begin < 24 && LETTER.test(text[begin - 1] ?? '')) begin--
  return begin < end && ORDINAL_WORDS.has(vocabularyKey(text.slice(begin, end)))
}

function quantityFigure(kind: QuantityKind, match: RegExpExecArray | RegExpMatchArray, value: number, unit: string): QuantityFigure {
  const start = match.index ?? 0
  return { kind, text: match[0], start, end: start + match[0].length, value, unit }
}

// Cheap tests that skip a pattern for a passage that cannot match it.
const CURRENCY_PREFIX_HINT = /[$€]|usd|eur|vnd|pen/i
const PERCENT_HINT = /%|phần trăm|per ?cent/i

function candidates(text: string): Figure[] {
  const found: Figure[] = []
  if (!/\d/.test(text)) return found
  for (const date of findDates(text)) {
    found.push({ kind: 'date', text: text.slice(date.start, date.end), start: date.start, end: date.end, from: date.from, to: date.to })
  }
  for (const match of allMatches(AMOUNT_AFTER, text)) {
    const [, raw, scaleWord, currencyWord = ''] = match
    const amount = quantity(raw, scaleWord)
    const currency = CURRENCY_SUFFIXES.get(vocabularyKey(currencyWord))
    if (amount === null || currency === undefined || continuesSomethingElse(text, match.index)) continue
    if (vocabularyKey(currencyWord) === 'đồng' && scaleWord === undefined && amount.unscaled < 1000) continue
    found.push(quantityFigure('amount', match, amount.value, currency))
  }
  for (const match of CURRENCY_PREFIX_HINT.test(text) ? allMatches(AMOUNT_BEFORE, text) : []) {
    const [, currencyWord = '', raw, scaleWord] = match
    const amount = quantity(raw, scaleWord)
    const currency = CURRENCY_PREFIXES.get(vocabularyKey(currencyWord))
    if (amount === null || currency === undefined) continue
    found.push(quantityFigure('amount', match, amount.value, currency))
  }
  for (const match of PERCENT_HINT.test(text) ? allMatches(PERCENT, text) : []) {
    const percent = quantity(match[1], undefined)
    if (percent === null || continuesSomethingElse(text, match.index)) continue
    found.push(quantityFigure('percent', match, percent.value, '%'))
  }
  for (const match of allMatches(COUNT, text)) {
    const [, raw, scaleWord, unitWord = ''] = match
    const count = quantity(raw, scaleWord)
    const unit = UNITS.get(vocabularyKey(unitWord))
    if (count === null || unit === undefined) continue
    if (continuesSomethingElse(text, match.index) || followsOrdinalWord(text, match.index)) continue
    found.push(quantityFigure('count', match, count.value, unit))
  }
  for (const match of allMatches(SCALED_NUMBER, text)) {
    const count = quantity(match[1], match[2])
    if (count === null || continuesSomethingElse(text, match.index) || followsOrdinalWord(text, match.index)) continue
    found.push(quantityFigure('count', match, count.value, ''))
  }
  return found
}

/** The figures in one text, in order of position, none overlapping. */
function overlaps(a: Figure, b: Figure): boolean {
  return a.start < b.end && b.start < a.end
}

/** A bare year ("to 2025") that is really a quantity ("to 2025 schools"). */
function isYearOfQuantity(figure: Figure, all: readonly Figure[]): boolean {
  return figure.kind === 'date' && /^\d{4}$/.test(figure.from) && all.some((other) => other.kind !== 'date' && overlaps(figure, other))
}

export function findFigures(text: string): Figure[] {
  const all = candidates(text.normalize('NFC'))
  const ranked = all.filter((figure) => !isYearOfQuantity(figure, all)).sort(
    (a, b) => RANK[a.kind] - RANK[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  )
  const kept: Figure[] = []
  for (const figure of ranked) {
    if (!kept.some((other) => overlaps(figure, other))) kept.push(figure)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/** The figures of every passage of a brief, in document order, each linked to its passage. */
export function keyFigures(sections: readonly Section[]): KeyFigure[] {
  const figures: KeyFigure[] = []
  for (const section of sections) {
    for (const item of section.items) {
      for (const figure of findFigures(passageText(item))) figures.push({ ...figure, sectionId: section.id, itemId: item.id })
    }
  }
  return figures
}
