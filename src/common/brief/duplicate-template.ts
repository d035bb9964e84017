import * as v from 'valibot'
import { translate } from '../i18n/translate'
import { TemplateSchema, type Template } from './template'

/**
 * A copy of `template` under a new id, named "<name> (copy)" in each language, for the user to
 * edit. The copy is checked like any template (the new id must be a valid template id); parsing
 * builds new objects, so the copy shares nothing with the original.
 */
export function duplicateTemplate(template: Template, id: string): Template {
  return v.parse(TemplateSchema, {
    ...template,
    id,
    name: {
      en: translate('en', 'brief.template.copyName', { name: template.name.en }),
      vi: translate('vi', 'brief.template.copyName', { name: template.name.vi }),
    },
  })
}
