import type { Locale } from '../i18n/translate'
import type { Annotation } from '../model/annotation'
import type { Article } from '../model/article'
import type { Section } from '../model/brief'
import type { Tag } from '../model/tag'
import { draftFromThemes, themeTagIds } from './draft-from-themes'
import type { NewId } from './new-id'
import { localized, type Template } from './template'

/**
 * The sections of a brief drafted from themes, laid out by a template when one is chosen:
 * - a template section that names the themes it wants (`themes`) receives their passages;
 * - the passages no section wants go into one section per chosen theme (draft-from-themes.ts),
 *   placed right after the template section marked `themeSectionsAfter`, or after the last one;
 * - the template's other sections start empty: an empty section is kept in the editor, for the
 *   user to fill, and left out of exports unless marked "keep when empty".
 * Without a template, the brief is the theme sections alone.
 */
export interface ThemeBriefInput {
  readonly template: Template | null
  readonly themes: readonly Tag[]
  readonly taxonomy: readonly Tag[]
  readonly annotations: readonly Annotation[]
  readonly articles: readonly Article[]
  /** The brief's language: of the template's headings and the themes' names. */
  readonly locale: Locale
  readonly newId: NewId
}

export function sectionsFromThemes(input: ThemeBriefInput): { sections: Section[]; unplaced: string[] } {
  const templateSections = input.template?.sections ?? []
  const claimers = templateSections.flatMap((section, index) => (section.themes !== undefined && section.themes.length > 0 ? [{ index, wanted: wantedTagIds(section.themes, input.taxonomy) }] : []))
  const draft = draftFromThemes({
    themes: input.themes,
    taxonomy: input.taxonomy,
    annotations: input.annotations,
    articles: input.articles,
    locale: input.locale,
    newId: input.newId,
    claims: claimers.map((claimer) => claimer.wanted),
  })
  if (input.template === null) return { sections: draft.sections, unplaced: draft.unplaced }

  const sections: Section[] = []
  const slot = templateSections.findIndex((section) => section.themeSectionsAfter === true)
  templateSections.forEach((templateSection, index) => {
    const claim = claimers.findIndex((claimer) => claimer.index === index)
    sections.push({
      id: input.newId('section'),
      heading: localized(templateSection.heading, input.locale),
      body: '',
      items: claim >= 0 ? (draft.claimed[claim] ?? []) : [],
      ...(templateSection.keepWhenEmpty === true ? { keepWhenEmpty: true } : {}),
      ...(templateSection.dossier === undefined ? {} : { dossier: templateSection.dossier, rows: [] }),
    })
    if (index === slot) sections.push(...draft.sections)
  })
  if (slot < 0) sections.push(...draft.sections)
  return { sections, unplaced: draft.unplaced }
}

/** The tag ids a template section's theme references name (by id, name or alias, any case), sub-themes included. */
export function wantedTagIds(references: readonly string[], taxonomy: readonly Tag[]): Set<string> {
  const fold = (text: string) => text.trim().toLocaleLowerCase('vi').normalize('NFC')
  const wanted = new Set(references.map(fold))
  const ids = new Set<string>()
  for (const tag of taxonomy) {
    if (wanted.has(fold(tag.id)) || wanted.has(fold(tag.name)) || tag.aliases.some((alias) => wanted.has(fold(alias.text)))) {
      for (const id of themeTagIds(tag, taxonomy)) ids.add(id)
    }
  }
  return ids
}
