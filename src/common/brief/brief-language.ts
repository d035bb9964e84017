import { isLocale, type Locale } from '../i18n/translate'
import type { Brief } from '../model/brief'

/**
 * The language a brief is written in: it drives every fixed word, date and number of its exports
 * (and the preview), whatever the interface's language. Chosen by the user (`brief.lang`);
 * otherwise the majority language of the articles it cites, so that a brief built from Vietnamese
 * agency reports reads "Nguồn" and "chú thích" even when made from the English interface. A tie,
 * or sources in neither language, falls back to `fallback` (the interface's language).
 */
export function majorityLocale(languages: Iterable<string>, fallback: Locale): Locale {
  const counts = new Map<Locale, number>()
  for (const language of languages) if (isLocale(language)) counts.set(language, (counts.get(language) ?? 0) + 1)
  let best: Locale = fallback
  let bestCount = counts.get(fallback) ?? 0
  for (const [locale, count] of counts) {
    if (count > bestCount) {
      best = locale
      bestCount = count
    }
  }
  return best
}

/**
 * The brief's language: its own when chosen, else the majority of its cited articles (one vote per
 * passage), looked up with `languageOf` (undefined for an article no longer in the library).
 */
export function briefLanguage(brief: Pick<Brief, 'lang' | 'sections'>, languageOf: (articleId: string) => string | undefined, fallback: Locale): Locale {
  if (brief.lang !== undefined) return brief.lang
  const languages: string[] = []
  for (const section of brief.sections) {
    for (const item of section.items) {
      const language = languageOf(item.citation.articleId)
      if (language !== undefined) languages.push(language)
    }
  }
  return majorityLocale(languages, fallback)
}
