/**
 * Numbers written the Vietnamese way (1.234,5: "." groups thousands, "," marks decimals) or the
 * English way (1,234.5), told apart by the number itself where it can be:
 *
 * - both separators ("1.234,5", "1,234.5"): the last one is the decimal mark, the other groups
 *   thousands (groups of three digits, else it is not a number);
 * - one kind repeated ("1.234.567", "30,000,000"): thousands, groups of three;
 * - one separator once, not followed by exactly three digits ("146,8", "2.5"): the decimal mark;
 * - one separator once, followed by exactly three digits ("4.743", "30,000"): thousands in both
 *   conventions, except after "0" ("0,125" is a fraction) and when a scale word says which
 *   convention the writer used: a Vietnamese scale word (triệu, tỷ…) makes "," decimal
 *   ("1,250 tỷ" is 1.25 tỷ), an English one (million, billion…) makes "." decimal.
 *
 * Limit: a lone "12,345%" or "1.250 km" meant as a fraction is read as thousands; the figure is
 * always shown beside the text as written, so such a reading is visible.
 */
export type NumberConvention = 'vi' | 'en'

export interface ParsedNumber {
  /** The digits, integer part then fraction, without separators. */
  readonly digits: string
  /** How many of `digits` come after the decimal mark. */
  readonly fractionDigits: number
}

const GROUPED = /^\d{1,3}$/

function grouped(integerPart: string, separator: string): string | null {
  const groups = integerPart.split(separator)
  const [first, ...rest] = groups
  if (first === undefined || !GROUPED.test(first) || rest.some((group) => !/^\d{3}$/.test(group))) return null
  return groups.join('')
}

export function parseNumber(raw: string, convention: NumberConvention | null = null): ParsedNumber | null {
  if (!/^\d+(?:[.,]\d+)*$/.test(raw)) return null
  const lastSeparator = Math.max(raw.lastIndexOf('.'), raw.lastIndexOf(','))
  if (lastSeparator < 0) return { digits: raw, fractionDigits: 0 }
  const mark = raw.charAt(lastSeparator)
  const other = mark === '.' ? ',' : '.'
  const before = raw.slice(0, lastSeparator)
  const after = raw.slice(lastSeparator + 1)
  const marks = raw.split(mark).length - 1

  if (before.includes(other)) {
    // "1.234,5": the last separator is the decimal mark.
    const integer = grouped(before, other)
    return integer === null ? null : { digits: integer + after, fractionDigits: after.length }
  }
  if (marks > 1) {
    const integer = grouped(raw, mark)
    return integer === null ? null : { digits: integer, fractionDigits: 0 }
  }
  const decimalMarkOfConvention = convention === 'vi' ? ',' : convention === 'en' ? '.' : null
  const thousands = after.length === 3 && GROUPED.test(before) && before !== '0' && mark !== decimalMarkOfConvention
  return thousands ? { digits: before + after, fractionDigits: 0 } : { digits: before + after, fractionDigits: after.length }
}

/** The value of `number` times 10^exponent, computed without binary rounding on the way. */
export function scaledValue(number: ParsedNumber, exponent = 0): number {
  const shift = exponent - number.fractionDigits
  const digits = Number(number.digits)
  return shift >= 0 ? digits * 10 ** shift : digits / 10 ** -shift
}
