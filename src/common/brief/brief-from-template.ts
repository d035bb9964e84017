import * as v from 'valibot'
import type { Locale } from '../i18n/translate'
import type { PartialDate } from '../model/article'
import { BriefSchema, type Brief } from '../model/brief'
import type { NewId } from './new-id'
import { localized, type Template } from './template'

export interface FromTemplateOptions {
  /** The brief's language: of its section headings, of its title when none is given, of its exports. */
  readonly locale: Locale
  /** The brief's title; the template's name when empty or left out. */
  readonly title?: string
  readonly occasion?: string
  readonly date?: PartialDate | null
  readonly audience?: string
  /** Handling marking, e.g. "Internal" (the list of markings is the user's, elsewhere). */
  readonly marking?: string
  /** ISO timestamp for createdAt and updatedAt: the caller's clock. */
  readonly now: string
  readonly newId: NewId
}

/**
 * A new, empty brief laid out by `template`: one section per template section, headed in
 * `locale`, with an empty body and no passages. The section hints are not copied (they are the
 * template's, shown by the editor beside the section at the same position). The result is checked
 * against the brief schema, so a malformed id or an over-long title throws here.
 */
export function briefFromTemplate(template: Template, options: FromTemplateOptions): Brief {
  const title = options.title?.trim() || localized(template.name, options.locale)
  return v.parse(BriefSchema, {
    id: options.newId('brief'),
    title,
    occasion: options.occasion?.trim() ?? '',
    date: options.date ?? null,
    audience: options.audience?.trim() ?? '',
    marking: options.marking?.trim() ?? '',
    templateId: template.id,
    lang: options.locale,
    sections: template.sections.map((section) => ({
      id: options.newId('section'),
      heading: localized(section.heading, options.locale),
      body: '',
      items: [],
      ...(section.keepWhenEmpty === true ? { keepWhenEmpty: true } : {}),
      ...(section.dossier === undefined ? {} : { dossier: section.dossier, rows: [] }),
    })),
    createdAt: options.now,
    updatedAt: options.now,
  })
}
