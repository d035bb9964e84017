import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { briefFromTemplate } from '../../src/common/brief/brief-from-template'
import { duplicateTemplate } from '../../src/common/brief/duplicate-template'
import { TemplateSchema, type Template } from '../../src/common/brief/template'
import { BriefSchema } from '../../src/common/model/brief'
import { ROOT } from '../helpers'
import { counterIds } from './records'

const TEMPLATES_DIR = join(ROOT, 'data', 'templates')

function loadTemplates(): Map<string, Template> {
  const templates = new Map<string, Template>()
  for (const file of readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.json'))) {
    const template = v.parse(TemplateSchema, JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')))
    expect(file, 'a template file is named after its id').toBe(`${template.id}.json`)
    templates.set(template.id, template)
  }
  return templates
}

describe('built-in templates', () => {
  it('include the background brief, talking points and meeting note, all valid', () => {
    const templates = loadTemplates()
    expect([...templates.keys()]).toEqual(expect.arrayContaining(['background-brief', 'talking-points', 'meeting-note']))
    expect(templates.get('background-brief')?.name).toEqual({ en: 'Background brief', vi: 'Bản tóm tắt bối cảnh' })
    expect(templates.get('meeting-note')?.layout.keyFigures).toBe(false)
  })
})

describe('template schema', () => {
  const valid = loadTemplates().get('talking-points')!

  it.each([
    ['an unknown field', { ...valid, colour: 'blue' }],
    ['a missing translation', { ...valid, name: { en: 'Talking points' } }],
    ['an empty heading', { ...valid, sections: [{ ...valid.sections[0]!, heading: { en: ' ', vi: 'Mục tiêu' } }] }],
    ['duplicate section keys', { ...valid, sections: [valid.sections[0]!, valid.sections[0]!] }],
    ['no sections', { ...valid, sections: [] }],
    ['an id that is not a file name', { ...valid, id: '../Talking points' }],
    ['an unknown layout style', { ...valid, layout: { style: 'poster', keyFigures: true } }],
    ['a newer format', { ...valid, schemaVersion: 2 }],
  ])('refuses %s', (_what, template) => {
    expect(v.safeParse(TemplateSchema, template).success).toBe(false)
  })
})

describe('briefFromTemplate', () => {
  const template = loadTemplates().get('background-brief')!

  it('creates an empty brief with the template’s sections in the chosen language', () => {
    const brief = briefFromTemplate(template, {
      locale: 'vi',
      title: '  Việt Nam – Peru  ',
      occasion: 'Hội đàm bên lề APEC',
      date: '2024-11-14',
      audience: 'Thứ trưởng',
      marking: 'Nội bộ',
      now: '2024-11-10T08:00:00.000Z',
      newId: counterIds(),
    })
    expect(v.is(BriefSchema, brief)).toBe(true)
    expect(brief).toMatchObject({
      id: 'br_0000000000000001',
      title: 'Việt Nam – Peru',
      occasion: 'Hội đàm bên lề APEC',
      date: '2024-11-14',
      audience: 'Thứ trưởng',
      marking: 'Nội bộ',
      templateId: 'background-brief',
      createdAt: '2024-11-10T08:00:00.000Z',
      updatedAt: '2024-11-10T08:00:00.000Z',
    })
    expect(brief.sections.map((section) => [section.id, section.heading, section.body, section.items.length])).toEqual([
      ['sc_0000000000000002', 'Tóm tắt', '', 0],
      ['sc_0000000000000003', 'Điểm mới so với bản trước', '', 0],
      ['sc_0000000000000004', 'Bối cảnh', '', 0],
      ['sc_0000000000000005', 'Thành phần liên quan', '', 0],
      ['sc_0000000000000006', 'Niên biểu', '', 0],
      ['sc_0000000000000007', 'Thương mại và đầu tư', '', 0],
      ['sc_0000000000000008', 'Các lĩnh vực hợp tác', '', 0],
      ['sc_0000000000000009', 'Các vấn đề còn để ngỏ', '', 0],
    ])
    // The dossier sections keep their kind, with no rows yet (a template alone has no sources).
    expect(brief.sections.map((section) => section.dossier ?? null)).toEqual([null, 'whatsNew', null, 'people', 'chronology', null, null, null])
  })

  it('falls back to the template’s name and empty fields', () => {
    const brief = briefFromTemplate(template, { locale: 'en', now: '2024-11-10T08:00:00.000Z', newId: counterIds() })
    expect(brief).toMatchObject({ title: 'Background brief', occasion: '', date: null, audience: '', marking: '' })
    expect(brief.sections[0]?.heading).toBe('Summary')
  })

  it('refuses ids that are not ids', () => {
    expect(() => briefFromTemplate(template, { locale: 'en', now: '2024-11-10T08:00:00.000Z', newId: () => 'not-an-id' })).toThrow()
  })
})

describe('duplicateTemplate', () => {
  it('copies a template under a new id and a “copy” name, sharing nothing', () => {
    const original = loadTemplates().get('meeting-note')!
    const copy = duplicateTemplate(original, 'meeting-note-peru')
    expect(copy.id).toBe('meeting-note-peru')
    expect(copy.name).toEqual({ en: 'Meeting note (copy)', vi: 'Ghi chú cuộc họp (bản sao)' })
    expect(copy.sections).toEqual(original.sections)
    expect(copy.sections).not.toBe(original.sections)
    expect(copy.sections[0]).not.toBe(original.sections[0])
    expect(() => duplicateTemplate(original, 'Meeting note')).toThrow()
  })
})
