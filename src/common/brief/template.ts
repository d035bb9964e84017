import * as v from 'valibot'
import type { Locale } from '../i18n/translate'

/**
 * Brief templates: the sections a new brief starts with and a layout hint, stored as JSON in
 * `data/templates/` (the built-in ones) and in the library (the user's copies). Every text a
 * reader sees is given in both languages. Strict objects: a misspelt field in a hand-edited
 * template is an error, not a silently ignored line.
 *
 * Layout hint: `style` says how the preview and the PDF may lay passages out ('narrative': prose
 * with block quotes; 'points': one short point per passage; 'minutes': compact, meeting record),
 * `keyFigures` whether the export carries the key figures table. The Markdown export is the same
 * document whatever the style (see render-markdown.ts, option `keyFigures`).
 */
export const TEMPLATE_SCHEMA_VERSION = 1

/** The longest name, description, heading or hint, and the most sections, a template may have. */
export const MAX_TEMPLATE_TEXT = 500
export const MAX_TEMPLATE_SECTIONS = 50
/** The longest theme reference (id, name or alias) a template section may want. */
export const MAX_THEME_REFERENCE = 100

const TextSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_TEMPLATE_TEXT))

export const LocalizedTextSchema = v.strictObject({ en: TextSchema, vi: TextSchema })
export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>

/** Lowercase words joined by hyphens, e.g. "background-brief": safe as a file name and a CLI argument. */
export const TemplateIdSchema = v.pipe(v.string(), v.maxLength(64), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a template id (lowercase words joined by hyphens)'))

export const TemplateSectionSchema = v.strictObject({
  /** Stable name of the section within the template, e.g. "background". */
  key: v.pipe(v.string(), v.regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'a section key (a letter, then letters or digits)')),
  heading: LocalizedTextSchema,
  /** What goes in the section, shown to the writer, never exported. */
  hint: LocalizedTextSchema,
  /**
   * The themes whose passages a brief drafted from themes puts in this section: each a theme's id,
   * name or alias (any case), its sub-themes included. A passage goes to the first section that
   * wants one of its themes; the others get sections of their own (see themeSectionsAfter).
   */
  themes: v.optional(v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_THEME_REFERENCE))), v.maxLength(MAX_TEMPLATE_SECTIONS))),
  /** Where a brief drafted from themes places the sections of themes no section wants: right after this one (else at the end). */
  themeSectionsAfter: v.optional(v.boolean()),
  /** Exported even when left empty (empty sections are otherwise left out of exports). */
  keepWhenEmpty: v.optional(v.boolean()),
  /**
   * A dossier section: "Who's who" (`people`), "Chronology" (`chronology`) or "What's new"
   * (`whatsNew`), filled from the brief's sources rather than written (docs/briefs.md).
   */
  dossier: v.optional(v.picklist(['people', 'chronology', 'whatsNew'])),
})
export type TemplateSection = v.InferOutput<typeof TemplateSectionSchema>

export const TemplateLayoutSchema = v.strictObject({
  style: v.picklist(['narrative', 'points', 'minutes']),
  keyFigures: v.boolean(),
})
export type TemplateLayout = v.InferOutput<typeof TemplateLayoutSchema>

export const TemplateSchema = v.pipe(
  v.strictObject({
    schemaVersion: v.literal(TEMPLATE_SCHEMA_VERSION),
    id: TemplateIdSchema,
    name: LocalizedTextSchema,
    description: LocalizedTextSchema,
    layout: TemplateLayoutSchema,
    sections: v.pipe(v.array(TemplateSectionSchema), v.minLength(1), v.maxLength(MAX_TEMPLATE_SECTIONS)),
  }),
  v.check(
    (template) => new Set(template.sections.map((section) => section.key)).size === template.sections.length,
    'section keys must be unique within a template',
  ),
)
export type Template = v.InferOutput<typeof TemplateSchema>

/** The text in `locale`. */
export function localized(text: LocalizedText, locale: Locale): string {
  return text[locale]
}
