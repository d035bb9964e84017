import { en, type MessageKey } from './en'
import { vi } from './vi'

export const locales = ['en', 'vi'] as const
export type Locale = (typeof locales)[number]

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, vi }

/** A key whose message depends on a count: `x` when the catalogue has `x.one` and `x.other`. */
export type PluralKey = MessageKey extends infer K
  ? K extends `${infer Base}.other`
    ? Base
    : never
  : never

export type MessageParams = Readonly<Record<string, string | number>>

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value)
}

/** The catalogue locale for a BCP 47 tag such as "vi-VN" or "en-GB"; English otherwise. */
export function localeFromTag(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('vi') ? 'vi' : 'en'
}

const pluralRules = new Map<Locale, Intl.PluralRules>()

function pluralCategory(locale: Locale, count: number): string {
  let rules = pluralRules.get(locale)
  if (!rules) {
    rules = new Intl.PluralRules(locale)
    pluralRules.set(locale, rules)
  }
  return rules.select(count)
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}

/**
 * The message for `key` in `locale`, with {placeholders} filled from `params`.
 * A plural key picks `.one`/`.other` (falling back to `.other`) by `params.count`.
 */
export function translate(
  locale: Locale,
  key: MessageKey | PluralKey,
  params: MessageParams = {},
): string {
  let resolved: string = key
  if (!isMessageKey(key)) {
    const count = typeof params['count'] === 'number' ? params['count'] : 0
    const candidate = `${key}.${pluralCategory(locale, count)}`
    resolved = isMessageKey(candidate) ? candidate : `${key}.other`
  }
  const template = isMessageKey(resolved) ? catalogues[locale][resolved] : resolved
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    if (value === undefined) return whole
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value
  })
}
