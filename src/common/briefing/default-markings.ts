import type { Locale } from '../i18n/translate'

/**
 * The handling markings every library offers, in the interface's language; the user adds their own
 * (settings.markings). A marking is printed as written, so each language has its own words rather
 * than a translated key: a brief keeps the marking it was given even if the interface changes.
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
