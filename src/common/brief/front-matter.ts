import type { Brief } from '../model/brief'
import type { Locale } from '../i18n/translate'
import { localizedMarking } from './default-markings'
import { yamlNullableString, yamlString } from './yaml-scalar'

/**
 * The YAML front matter of an exported brief: its metadata, one `key: value` per line, strings
 * always double-quoted (see yaml-scalar.ts), so that pandoc, static site generators and the CLI can
 * read it back. `lang` is the language of the fixed words (pandoc uses it for hyphenation).
 */
export interface FrontMatterFacts {
  readonly locale: Locale
  readonly generatedAt: string
  readonly passages: number
  readonly orphaned: number
}

export function briefFrontMatter(brief: Brief, facts: FrontMatterFacts): string {
  const entries: readonly (readonly [string, string])[] = [
    ['title', yamlString(brief.title)],
    ['occasion', yamlString(brief.occasion)],
    ['date', yamlNullableString(brief.date)],
    ['audience', yamlString(brief.audience)],
    ['marking', yamlString(localizedMarking(brief.marking, facts.locale))],
    ['lang', yamlString(facts.locale)],
    ['template', yamlNullableString(brief.templateId)],
    ['passages', String(facts.passages)],
    ['orphaned', String(facts.orphaned)],
    ['generated', yamlString(facts.generatedAt)],
  ]
  return ['---', ...entries.map(([key, value]) => `${key}: ${value}`), '---'].join('\n')
}
