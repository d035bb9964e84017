import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src/node/dispatch'
import { BriefingService } from '../../src/node/service'
import { tempDir } from '../helpers'
import { seedLibrary, TELECOM, TRADE } from './seed'

/** The template manager's service side (duplicate, edit, delete with undo) on a real library folder. */
const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function openSeeded(): Promise<{ service: BriefingService; dir: string }> {
  const dir = await tempDir()
  await seedLibrary(dir)
  const service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: '9.9.9', systemLocale: 'en-GB' })
  services.push(service)
  return { service, dir }
}

const exists = (path: string) => access(path).then(() => true, () => false)

describe('managing templates', () => {
  it('edits a copy (name, sections, layout) and creates briefs laid out by the edited copy', async () => {
    const { service, dir } = await openSeeded()
    const copy = await service.duplicateTemplate({ id: 'meeting-note' })
    const [first, ...rest] = copy.sections
    const edited = await service.saveTemplate({
      template: {
        ...copy,
        name: { en: 'Call note', vi: 'Ghi chú cuộc gọi' },
        layout: { style: 'points', keyFigures: true },
        sections: [...rest.reverse(), { ...first!, heading: { en: 'Who was on the call', vi: 'Thành phần cuộc gọi' } }],
      },
    })
    expect(JSON.parse(await readFile(join(dir, 'templates', `${copy.id}.json`), 'utf8')).template).toEqual(edited)
    const brief = await service.createBrief({ title: '', templateId: copy.id })
    expect(brief.title).toBe('Call note')
    expect(brief.sections.at(-1)!.heading).toBe('Who was on the call')
    expect(brief.sections.map((section) => section.heading).slice(0, -1)).toEqual(rest.map((section) => section.heading.en))
  })

  it('drafts a brief from themes into the sections a user template says want them', async () => {
    const { service } = await openSeeded()
    const copy = await service.duplicateTemplate({ id: 'meeting-note' })
    // Discussion wants Trade (named by its Vietnamese alias); the other themes go after Follow-up.
    const sections = copy.sections.map(({ themeSectionsAfter: _, ...section }) =>
      section.key === 'discussion' ? { ...section, themes: ['thương mại'] } : section.key === 'followUp' ? { ...section, themeSectionsAfter: true } : section,
    )
    await service.saveTemplate({ template: { ...copy, sections } })
    const brief = await service.createBrief({ title: '', templateId: copy.id, tagIds: [TRADE, TELECOM], lang: 'en' })
    expect(brief.sections.map((section) => [section.heading, section.items.length])).toEqual([
      ['Meeting details', 0],
      ['Who’s who', 0],
      ['Chronology', 0],
      ['Since the last version', 0],
      ['Discussion', 3],
      ['Agreed outcomes', 0],
      ['Follow-up', 0],
      ['Telecom', 1],
    ])
  })

  it('deletes a user template by id and puts it back on undo; a brief made from it still exports', async () => {
    const { service, dir } = await openSeeded()
    const copy = await service.duplicateTemplate({ id: 'talking-points' })
    const created = await service.createBrief({ title: 'Peru', templateId: copy.id })
    // An empty section is left out of exports: this one has text.
    const brief = await service.updateBrief({ ...created, sections: created.sections.map((section, index) => (index === 1 ? { ...section, body: 'Hợp tác viễn thông.' } : section)) })
    const deleted = await service.deleteTemplate({ id: copy.id })
    expect(deleted).toEqual(copy)
    expect(await exists(join(dir, 'templates', `${copy.id}.json`))).toBe(false)
    expect((await service.listTemplates()).map((entry) => entry.template.id)).not.toContain(copy.id)
    const out = join(await tempDir(), 'peru.md')
    await service.exportBriefTo(brief.id, 'md', out, false)
    expect(await readFile(out, 'utf8')).toContain('## Points to make')

    await service.saveTemplate({ template: deleted })
    expect((await service.listTemplates()).find((entry) => entry.template.id === copy.id)).toEqual({ template: copy, builtIn: false })
  })

  it('refuses to delete a built-in template or one that does not exist, and only by id', async () => {
    const { service } = await openSeeded()
    await expect(service.deleteTemplate({ id: 'background-brief' })).rejects.toMatchObject({ code: 'brief.templateBuiltIn' })
    await expect(service.deleteTemplate({ id: 'no-such-template' })).rejects.toMatchObject({ code: 'brief.templateNotFound' })
    const copy = await service.duplicateTemplate({ id: 'talking-points' })
    // The copy's English name is not its id: a name never deletes a template.
    await expect(service.deleteTemplate({ id: copy.name.en.toLowerCase() })).rejects.toBeDefined()
    expect((await service.listTemplates()).map((entry) => entry.template.id)).toContain(copy.id)
    expect((await service.listTemplates()).filter((entry) => entry.builtIn)).toHaveLength(3)
  })

  it('refuses a malformed template id at the boundary (no path reaches the folder)', async () => {
    const { service } = await openSeeded()
    const dispatch = createDispatcher(service)
    for (const id of ['../library', 'talking-points/../../x', 'Talking Points', '', 'a'.repeat(65)]) {
      const result = await dispatch('deleteTemplate', { id })
      expect(result.ok, id).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('api.invalidInput')
    }
    expect((await dispatch('deleteTemplate', { id: 'talking-points', extra: 1 })).ok).toBe(false)
  })

  it('keeps the user’s markings in settings; briefs keep theirs word for word when the list changes', async () => {
    const { service } = await openSeeded()
    await service.updateSettings({ markings: ['Eyes only', 'Draft'] })
    const brief = await service.createBrief({ title: 'Peru', templateId: 'talking-points' })
    const marked = await service.updateBrief({ ...brief, marking: 'Eyes only' })
    await service.updateSettings({ markings: ['Draft'] })
    expect(await service.listMarkings()).not.toContain('Eyes only')
    expect((await service.getBrief({ id: marked.id })).brief.marking).toBe('Eyes only')
    expect((await service.listBriefs()).find((summary) => summary.id === brief.id)?.marking).toBe('Eyes only')
  })
})
