import { translate, type Locale } from '../i18n/translate'
import { formatBriefRange } from './brief-dates'
import type { Figure, FigureKind } from './key-figures'

/**
 * A figure's normalised value as the key figures table prints it, in the reader's language:
 * "146,800,000 USD" / "146.800.000 USD", "2.5%" / "2,5%", "7,100,000 thuê bao", "17 April 2023 –
 * 21 April 2023". Units stay as the source wrote them (a Vietnamese unit in an English brief).
 */
const numberFormats = new Map<Locale, Intl.NumberFormat>()

function formatNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale)
  if (format === undefined) {
    format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 6 })
    numberFormats.set(locale, format)
  }
  return format.format(value)
}

export function formatFigureValue(figure: Figure, locale: Locale): string {
  switch (figure.kind) {
    case 'date':
      return formatBriefRange(figure.from, figure.to, locale)
    case 'percent':
      return `${formatNumber(figure.value, locale)}%`
    default:
      return figure.unit === '' ? formatNumber(figure.value, locale) : `${formatNumber(figure.value, locale)} ${figure.unit}`
  }
}

const KIND_KEYS = {
  amount: 'brief.figure.kind.amount',
  percent: 'brief.figure.kind.percent',
  count: 'brief.figure.kind.count',
  date: 'brief.figure.kind.date',
} as const

/** "Amount", "Percentage", "Count", "Date" in the reader's language. */
export function figureKindLabel(kind: FigureKind, locale: Locale): string {
  return translate(locale, KIND_KEYS[kind])
}
