import type { Locale } from '../i18n/translate'
import type { Brief } from '../model/brief'
import { tagDisplayName, type Tag } from '../model/tag'
import type { Template } from './template'

/**
 * A brief switched to another language: each section heading that is still one of its template's
 * headings, or a theme's name, as the draft wrote it, is rewritten in `to`; a heading the user
 * typed stays as typed. The brief's title, fields and passages are the user's and never change.
 */
export function inLanguage(brief: Brief, to: Locale, template: Template | null, tags: readonly Tag[]): Brief {
  const translations = new Map<string, string>()
  for (const section of template?.sections ?? []) {
    translations.set(section.heading.en, section.heading[to])
    translations.set(section.heading.vi, section.heading[to])
  }
  for (const tag of tags) {
    for (const locale of ['en', 'vi'] as const) {
      const name = tagDisplayName(tag, locale)
      if (!translations.has(name)) translations.set(name, tagDisplayName(tag, to))
    }
  }
  return { ...brief, lang: to, sections: brief.sections.map((section) => ({ ...section, heading: translations.get(section.heading) ?? section.heading })) }
}
