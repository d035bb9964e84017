import type { Locale } from '../i18n/translate'

/**
 * The handling markings every library offers, in the interface's language; the user adds their own
 * (settings.markings). The built-in ones are translations of each other, position by position, so
 * that a brief carrying "Internal" prints "Nội bộ" when it is written in Vietnamese (and the other
 * way round); the user's own markings are printed as written, word for word.
 */
const BUILT_IN: Record<Locale, readonly string[]> = {
  en: ['Internal', 'Confidential', 'Restricted', 'Not for distribution', 'Unclassified'],
  vi: ['Nội bộ', 'Mật', 'Hạn chế', 'Không phổ biến', 'Không mật'],
}

/** The built-in markings in `locale`: always offered, never edited. */
export function builtInMarkings(locale: Locale): readonly string[] {
  return BUILT_IN[locale]
}

/** The built-in markings in `locale`, then the user's own, without repeats. */
export function markingList(locale: Locale, userMarkings: readonly string[]): string[] {
  return [...new Set([...BUILT_IN[locale], ...userMarkings])]
}

/** A marking as a brief in `locale` prints it: a built-in marking in that language, any other as written. */
export function localizedMarking(marking: string, locale: Locale): string {
  const trimmed = marking.trim()
  for (const words of Object.values(BUILT_IN)) {
    const index = words.indexOf(trimmed)
    if (index >= 0) return BUILT_IN[locale][index] ?? trimmed
  }
  return trimmed
}
