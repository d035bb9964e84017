import { MAX_TEMPLATE_SECTIONS, MAX_TEMPLATE_TEXT, MAX_THEME_REFERENCE, type LocalizedText, type Template } from './template'

/**
 * What is wrong with a template the user is editing, field by field, so that the editor can say
 * it beside the field (in the interface's language) before the service refuses the save. The
 * rules are TemplateSchema's; the schema stays the final word at the API boundary.
 *
 * `field` is a dotted path into the template: "name.en", "sections.2.hint.vi", or "sections"
 * for the list as a whole.
 */
export type TemplateProblemCode = 'required' | 'tooLong' | 'noSections' | 'tooManySections'

export interface TemplateProblem {
  readonly field: string
  readonly code: TemplateProblemCode
}

export function templateProblems(template: Template): TemplateProblem[] {
  const problems: TemplateProblem[] = [...textProblems('name', template.name), ...textProblems('description', template.description)]
  if (template.sections.length === 0) problems.push({ field: 'sections', code: 'noSections' })
  if (template.sections.length > MAX_TEMPLATE_SECTIONS) problems.push({ field: 'sections', code: 'tooManySections' })
  template.sections.forEach((section, index) => {
    problems.push(...textProblems(`sections.${index}.heading`, section.heading), ...textProblems(`sections.${index}.hint`, section.hint))
    const themes = section.themes ?? []
    if (themes.length > MAX_TEMPLATE_SECTIONS || themes.some((theme) => theme.trim().length > MAX_THEME_REFERENCE)) problems.push({ field: `sections.${index}.themes`, code: 'tooLong' })
  })
  return problems
}

function textProblems(field: string, text: LocalizedText): TemplateProblem[] {
  return (['en', 'vi'] as const).flatMap((locale): TemplateProblem[] => {
    const trimmed = text[locale].trim()
    if (trimmed === '') return [{ field: `${field}.${locale}`, code: 'required' }]
    if (trimmed.length > MAX_TEMPLATE_TEXT) return [{ field: `${field}.${locale}`, code: 'tooLong' }]
    return []
  })
}

/**
 * A section key not yet used in `template`: the template's sections are told apart by key (the
 * schema requires them unique), and the user never sees it.
 */
export function newSectionKey(template: Template): string {
  const used = new Set(template.sections.map((section) => section.key))
  let n = template.sections.length + 1
  while (used.has(`section${n}`)) n++
  return `section${n}`
}
