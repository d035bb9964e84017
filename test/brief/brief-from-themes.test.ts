import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { briefLanguage, majorityLocale } from '../../src/common/brief/brief-language'
import { sectionsFromThemes, wantedTagIds } from '../../src/common/brief/brief-from-themes'
import { localizedMarking } from '../../src/common/brief/default-markings'
import { TemplateSchema, type Template } from '../../src/common/brief/template'
import { ROOT } from '../helpers'
import { annotationOn, articleWith, counterIds, tag } from './records'

/**
 * A brief drafted from themes with a template: passages go into the template's sections that want
 * their themes, the rest into theme sections placed where the template allows. Read against the
 * built-in templates themselves, so that a change to their JSON is checked too.
 */
function builtIn(id: string): Template {
  return v.parse(TemplateSchema, JSON.parse(readFileSync(join(ROOT, 'data', 'templates', `${id}.json`), 'utf8')))
}

const economy = tag('tg_0000000000000001', 'Economy', 'Kinh tế')
const trade = tag('tg_0000000000000002', 'Trade', 'Thương mại', economy.id)
const cptpp = tag('tg_0000000000000003', 'CPTPP', 'CPTPP', trade.id)
const telecom = tag('tg_0000000000000008', 'Telecommunications', 'Viễn thông')
const education = tag('tg_000000000000000f', 'Education', 'Giáo dục')
const taxonomy = [economy, trade, cptpp, telecom, education]

const article = articleWith({
  id: 'b2c3d4e5f6071829',
  title: 'Việt Nam – Peru',
  source: 'TTXVN',
  published: '2023-04-25',
  paragraphs: ['Kim ngạch đạt 600 triệu USD.', 'Hai nước cùng là thành viên CPTPP.', 'Bitel có 7,1 triệu thuê bao.', 'Bitel đưa Internet tới 4.743 trường học.'],
})
const annotations = [
  annotationOn(article, 'Kim ngạch đạt 600 triệu USD.', { id: 'an_0000000000000001', tags: [trade.id] }),
  annotationOn(article, 'Hai nước cùng là thành viên CPTPP.', { id: 'an_0000000000000002', tags: [cptpp.id] }),
  annotationOn(article, 'Bitel có 7,1 triệu thuê bao.', { id: 'an_0000000000000003', tags: [telecom.id] }),
  annotationOn(article, 'Bitel đưa Internet tới 4.743 trường học.', { id: 'an_0000000000000004', tags: [education.id] }),
]

function compose(templateId: string | null, themes = [trade, telecom], locale: 'en' | 'vi' = 'en') {
  const template = templateId === null ? null : builtIn(templateId)
  return sectionsFromThemes({ template, themes, taxonomy, annotations, articles: [article], locale, newId: counterIds() }).sections.map((section) => ({
    heading: section.heading,
    passages: section.items.map((item) => item.annotationId.slice(-1)),
  }))
}

describe('a brief from themes laid out by its template', () => {
  it('puts passages into the template section that wants their theme (sub-themes included), the others in theme sections where the template allows', () => {
    expect(compose('background-brief', [trade, telecom, education])).toEqual([
      { heading: 'Summary', passages: [] },
      { heading: 'Since the last version', passages: [] },
      { heading: 'Background', passages: [] },
      { heading: 'Who’s who', passages: [] },
      { heading: 'Chronology', passages: [] },
      // Trade and its CPTPP passage are what "Trade and investment" asks for: no Trade section besides.
      { heading: 'Trade and investment', passages: ['1', '2'] },
      { heading: 'Areas of cooperation', passages: [] },
      { heading: 'Telecommunications', passages: ['3'] },
      { heading: 'Education', passages: ['4'] },
      { heading: 'Open questions', passages: [] },
    ])
  })

  it('places theme sections right after the section marked for them, in the brief’s language', () => {
    expect(compose('talking-points', [trade, telecom], 'vi').map((section) => section.heading)).toEqual(['Mục tiêu', 'Các ý cần nêu', 'Thương mại', 'Viễn thông', 'Nếu được hỏi', 'Những điểm cần tránh'])
  })

  it('without a template, is one section per theme, as before', () => {
    expect(compose(null)).toEqual([
      { heading: 'Trade', passages: ['1', '2'] },
      { heading: 'Telecommunications', passages: ['3'] },
    ])
  })

  it('appends the theme sections when the template marks no place for them, and copies “keep when empty”', () => {
    const template = builtIn('meeting-note')
    const custom: Template = {
      ...template,
      sections: template.sections
        .filter((section) => section.dossier === undefined)
        .map((section, index) => ({ key: section.key, heading: section.heading, hint: section.hint, ...(index === 0 ? { keepWhenEmpty: true } : {}) })),
    }
    const { sections } = sectionsFromThemes({ template: custom, themes: [telecom], taxonomy, annotations, articles: [article], locale: 'en', newId: counterIds() })
    expect(sections.map((section) => section.heading)).toEqual(['Meeting details', 'Discussion', 'Agreed outcomes', 'Follow-up', 'Telecommunications'])
    expect(sections[0]?.keepWhenEmpty).toBe(true)
    expect(sections[1]?.keepWhenEmpty).toBeUndefined()
  })

  it('names wanted themes by id, name or alias in any case', () => {
    expect([...wantedTagIds(['kinh tế'], taxonomy)].sort()).toEqual([economy.id, trade.id, cptpp.id].sort())
    expect([...wantedTagIds([telecom.id, 'EDUCATION', 'nothing'], taxonomy)].sort()).toEqual([telecom.id, education.id].sort())
  })
})

describe('a brief’s language', () => {
  it('is its own when chosen, else its sources’ majority, else the interface’s', () => {
    const sections = [{ id: 'sc_0000000000000001', heading: '', body: '', items: ['vi1', 'vi2', 'en1'].map((articleId, n) => ({ id: `it_000000000000000${n}`, annotationId: `an_000000000000000${n}`, mode: 'quote' as const, paraphrase: '', quote: 'x', citation: { articleId, articleTitle: '', source: null, published: null, paragraph: 1 } })) }]
    const languageOf = (id: string) => id.slice(0, 2)
    expect(briefLanguage({ sections }, languageOf, 'en')).toBe('vi')
    expect(briefLanguage({ sections, lang: 'en' }, languageOf, 'vi')).toBe('en')
    expect(briefLanguage({ sections: [] }, languageOf, 'vi')).toBe('vi')
    expect(majorityLocale(['vi', 'en'], 'en')).toBe('en')
    expect(majorityLocale(['es', 'es', 'vi'], 'en')).toBe('vi')
  })

  it('translates the built-in markings, and leaves the user’s own as written', () => {
    expect(localizedMarking('Internal', 'vi')).toBe('Nội bộ')
    expect(localizedMarking('Nội bộ', 'en')).toBe('Internal')
    expect(localizedMarking('Không phổ biến', 'en')).toBe('Not for distribution')
    expect(localizedMarking('Chỉ đọc tại chỗ', 'en')).toBe('Chỉ đọc tại chỗ')
  })
})

describe('switching a brief’s language', () => {
  it('rewrites the template’s and the themes’ headings, and keeps the user’s own', async () => {
    const { inLanguage } = await import('../../src/common/brief/relocalize-headings')
    const { briefFromTemplate } = await import('../../src/common/brief/brief-from-template')
    const template = builtIn('talking-points')
    const brief = briefFromTemplate(template, { locale: 'en', title: 'Peru', now: '2024-11-13T09:00:00.000Z', newId: counterIds() })
    const drafted = { ...brief, sections: [...brief.sections, { id: 'sc_00000000000000f1', heading: 'Telecommunications', body: '', items: [] }, { id: 'sc_00000000000000f2', heading: 'My own', body: '', items: [] }] }
    const vietnamese = inLanguage(drafted, 'vi', template, taxonomy)
    expect(vietnamese.lang).toBe('vi')
    expect(vietnamese.title).toBe('Peru')
    expect(vietnamese.sections.map((section) => section.heading)).toEqual(['Mục tiêu', 'Các ý cần nêu', 'Nếu được hỏi', 'Những điểm cần tránh', 'Viễn thông', 'My own'])
    expect(inLanguage(vietnamese, 'en', template, taxonomy).sections.map((section) => section.heading)).toEqual(drafted.sections.map((section) => section.heading))
  })
})
