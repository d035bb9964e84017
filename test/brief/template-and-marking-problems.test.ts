import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { newSectionKey, templateProblems } from '../../src/common/brief/template-problems'
import { TemplateSchema, type Template } from '../../src/common/brief/template'
import { briefsUsingMarking, markingProblems, markingsSavable } from '../../src/common/brief/marking-problems'
import { builtInMarkings } from '../../src/common/brief/default-markings'

const template: Template = {
  schemaVersion: 1,
  id: 'call-note',
  name: { en: 'Call note', vi: 'Ghi chú cuộc gọi' },
  description: { en: 'A short note.', vi: 'Một ghi chú ngắn.' },
  layout: { style: 'minutes', keyFigures: false },
  sections: [{ key: 'who', heading: { en: 'Who', vi: 'Ai' }, hint: { en: 'Names.', vi: 'Tên.' } }],
}

describe('template problems', () => {
  it('finds none in a valid template, exactly when the schema accepts it', () => {
    expect(templateProblems(template)).toEqual([])
    expect(v.safeParse(TemplateSchema, template).success).toBe(true)
  })

  it('names each empty, blank or over-long field by its path, as the schema would refuse it', () => {
    const broken: Template = {
      ...template,
      name: { en: '   ', vi: 'Ghi chú' },
      sections: [template.sections[0]!, { key: 'two', heading: { en: 'Two', vi: '' }, hint: { en: 'x'.repeat(501), vi: 'Gợi ý' } }],
    }
    expect(templateProblems(broken)).toEqual([
      { field: 'name.en', code: 'required' },
      { field: 'sections.1.heading.vi', code: 'required' },
      { field: 'sections.1.hint.en', code: 'tooLong' },
    ])
    expect(v.safeParse(TemplateSchema, broken).success).toBe(false)
  })

  it('wants at least one section and at most fifty', () => {
    expect(templateProblems({ ...template, sections: [] })).toEqual([{ field: 'sections', code: 'noSections' }])
    const many = Array.from({ length: 51 }, (_, index) => ({ ...template.sections[0]!, key: `s${index}` }))
    expect(templateProblems({ ...template, sections: many })).toEqual([{ field: 'sections', code: 'tooManySections' }])
  })

  it('refuses an over-long wanted theme beside the section’s themes field, as the schema would', () => {
    const wanting = (themes: string[]) => ({ ...template, sections: [{ ...template.sections[0]!, themes, themeSectionsAfter: true, keepWhenEmpty: true }] })
    expect(templateProblems(wanting(['Trade', 'Viễn thông']))).toEqual([])
    expect(v.safeParse(TemplateSchema, wanting(['Trade', 'Viễn thông'])).success).toBe(true)
    expect(templateProblems(wanting(['x'.repeat(101)]))).toEqual([{ field: 'sections.0.themes', code: 'tooLong' }])
    expect(v.safeParse(TemplateSchema, wanting(['x'.repeat(101)])).success).toBe(false)
  })

  it('makes section keys that are new and valid', () => {
    const withKeys = { ...template, sections: [template.sections[0]!, { ...template.sections[0]!, key: 'section3' }] }
    const key = newSectionKey(withKeys)
    expect(key).toBe('section4')
    expect(v.safeParse(TemplateSchema, { ...withKeys, sections: [...withKeys.sections, { ...template.sections[0]!, key }] }).success).toBe(true)
  })
})

describe('marking problems', () => {
  const builtIn = builtInMarkings('vi')

  it('accepts distinct new markings, in any language', () => {
    expect(markingProblems(['Chỉ dành cho Đại sứ', 'Eyes only'], builtIn)).toEqual([null, null])
    expect(markingsSavable(['Chỉ dành cho Đại sứ'], builtIn)).toBe(true)
  })

  it('refuses blanks, over-long ones, repeats (ignoring case) and built-ins, each at its place', () => {
    expect(markingProblems(['  ', 'x'.repeat(81), 'Draft', 'DRAFT ', 'nội bộ'], builtIn)).toEqual(['required', 'tooLong', null, 'duplicate', 'builtIn'])
    expect(markingsSavable(['Draft', 'draft'], builtIn)).toBe(false)
    expect(markingsSavable(Array.from({ length: 51 }, (_, index) => `M${index}`), builtIn)).toBe(false)
  })

  it('finds the briefs that carry a marking word for word', () => {
    const briefs = [
      { title: 'A', marking: 'Eyes only' },
      { title: 'B', marking: 'eyes only' },
      { title: 'C', marking: '' },
    ]
    expect(briefsUsingMarking(briefs, 'Eyes only').map((brief) => brief.title)).toEqual(['A'])
    expect(briefsUsingMarking(briefs, '')).toEqual([])
  })
})
