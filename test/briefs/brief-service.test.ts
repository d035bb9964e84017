import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Brief } from '../../src/common/model/brief'
import { createDispatcher } from '../../src/node/dispatch'
import type { LibraryChange } from '../../src/common/model/library-change'
import { BriefingService } from '../../src/node/service'
import { tempDir } from '../helpers'
import { ANNOTATION_IDS, CPTPP, QUOTES, seedLibrary, TELECOM, TRADE } from './seed'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function openSeeded(locale = 'en-GB'): Promise<{ service: BriefingService; dir: string; changes: LibraryChange[] }> {
  const dir = await tempDir()
  await seedLibrary(dir)
  const service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: '9.9.9', systemLocale: locale })
  services.push(service)
  const changes: LibraryChange[] = []
  service.onLibraryChange((change) => changes.push(change))
  return { service, dir, changes }
}

function quotes(brief: Brief): string[][] {
  return brief.sections.map((section) => section.items.map((item) => item.quote))
}

describe('briefs in the service', () => {
  it('creates a brief from a template, stores it durably and announces it', async () => {
    const { service, dir, changes } = await openSeeded()
    const brief = await service.createBrief({ title: 'Peru visit', templateId: 'talking-points' })
    expect(brief).toMatchObject({ title: 'Peru visit', templateId: 'talking-points', marking: '' })
    expect(brief.sections.map((section) => section.heading)).toEqual(['Objectives', 'Points to make', 'If raised', 'Points to avoid'])
    const onDisk = JSON.parse(await readFile(join(dir, 'briefings', `${brief.id}.json`), 'utf8'))
    expect(onDisk.briefing).toEqual(brief)
    expect(changes).toEqual([expect.objectContaining({ briefs: [brief.id], deletedBriefs: [] })])
    expect(await service.listBriefs()).toEqual([expect.objectContaining({ id: brief.id, title: 'Peru visit', passages: 0 })])
  })

  it('names the template by its name too, in Vietnamese headings for a Vietnamese interface', async () => {
    const { service } = await openSeeded('vi-VN')
    const brief = await service.createBrief({ title: '', templateId: 'meeting-note' })
    expect(brief.title).toBe('Ghi chú cuộc họp')
    await expect(service.createBrief({ title: 'x', templateId: 'no-such-template' })).rejects.toMatchObject({ code: 'brief.templateNotFound', params: { name: 'no-such-template' } })
  })

  it('drafts a brief from themes: one section per theme, sub-themes included, passages in document order, orphans kept', async () => {
    const { service } = await openSeeded()
    const brief = await service.createBrief({ title: '', tagIds: [TRADE, TELECOM] })
    // The passages are Vietnamese, so the brief is, whatever the interface's language: no mixed title.
    expect(brief.lang).toBe('vi')
    expect(brief.title).toBe('Bản tóm tắt: Thương mại, Viễn thông')
    expect(brief.sections.map((section) => section.heading)).toEqual(['Thương mại', 'Viễn thông'])
    const english = await service.createBrief({ title: '', tagIds: [TRADE, TELECOM], lang: 'en' })
    expect([english.title, ...english.sections.map((section) => section.heading)]).toEqual(['Brief: Trade, Telecom', 'Trade', 'Telecom'])
    expect(quotes(brief)).toEqual([[QUOTES.cptpp, QUOTES.total, QUOTES.quarter], [QUOTES.bitel]])
    expect(brief.sections[0]!.items[1]!.citation).toMatchObject({ source: 'TTXVN/Vietnam+', published: '2023-04-24', paragraph: 3 })
    const view = await service.getBrief({ id: brief.id })
    expect(view.orphanedAnnotationIds).toEqual([ANNOTATION_IDS.orphan])
    await expect(service.createBrief({ title: '', tagIds: ['tg_ffffffffffffffff'] })).rejects.toThrow('No theme is named “tg_ffffffffffffffff” or has that id.')
  })

  it('refuses an update made from a stale revision, and keeps the newer text', async () => {
    const { service } = await openSeeded()
    const created = await service.createBrief({ title: 'Peru visit', templateId: 'background-brief' })
    const firstWindow = await service.updateBrief({ ...created, occasion: 'Visit of the Peruvian minister' })
    expect(firstWindow.updatedAt > created.updatedAt).toBe(true)
    // A second window still holds the first revision.
    await expect(service.updateBrief({ ...created, occasion: 'Older edit' })).rejects.toMatchObject({ code: 'brief.stale' })
    expect((await service.getBrief({ id: created.id })).brief.occasion).toBe('Visit of the Peruvian minister')
    const again = await service.updateBrief({ ...firstWindow, audience: 'Deputy Minister' })
    expect(again).toMatchObject({ occasion: 'Visit of the Peruvian minister', audience: 'Deputy Minister', createdAt: created.createdAt })
  })

  it('deletes with undo: the deleted record restores whole, and a restore never overwrites', async () => {
    const { service, changes } = await openSeeded()
    const brief = await service.createBrief({ title: '', tagIds: [TRADE] })
    const deleted = await service.deleteBrief({ id: brief.id })
    expect(deleted).toEqual(brief)
    await expect(service.getBrief({ id: brief.id })).rejects.toThrow(`No brief has the id “${brief.id}”.`)
    expect(await service.restoreBrief({ brief: deleted })).toEqual(brief)
    expect((await service.getBrief({ id: brief.id })).brief).toEqual(brief)
    await expect(service.restoreBrief({ brief: deleted })).rejects.toMatchObject({ code: 'brief.exists' })
    expect(changes.map((change) => [change.briefs, change.deletedBriefs])).toEqual([[[brief.id], []], [[], [brief.id]], [[brief.id], []]])
  })

  it('offers an article’s annotations and a theme’s (with sub-themes) as passages, with citations', async () => {
    const { service } = await openSeeded()
    const fromTheme = await service.passagesOfTheme({ tagId: TRADE })
    expect(fromTheme.map((candidate) => candidate.passage.quote)).toEqual([QUOTES.cptpp, QUOTES.total, QUOTES.quarter])
    expect(fromTheme.every((candidate) => !candidate.orphaned)).toBe(true)
    const articleId = fromTheme[0]!.passage.citation.articleId
    const fromArticle = await service.passagesOfArticle({ articleId })
    expect(fromArticle.map((candidate) => [candidate.passage.annotationId, candidate.orphaned])).toEqual([
      [ANNOTATION_IDS.cptpp, false],
      [ANNOTATION_IDS.total, false],
      [ANNOTATION_IDS.quarter, false],
      [ANNOTATION_IDS.orphan, true],
    ])
    expect((await service.passagesOfTheme({ tagId: CPTPP })).map((candidate) => candidate.passage.quote)).toEqual([QUOTES.cptpp])
  })

  it('flags a passage whose highlight became an orphan after it was added, never dropping it', async () => {
    const dir = await tempDir()
    const { trade } = await seedLibrary(dir)
    let service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: '9.9.9', systemLocale: 'en' })
    const brief = await service.createBrief({ title: 'Trade', tagIds: [TRADE], lang: 'en' })
    expect((await service.getBrief({ id: brief.id })).orphanedAnnotationIds).toEqual([])
    await service.close()
    // The article changed under the highlight: the reader marks it orphaned.
    const { LibraryStore } = await import('../../src/node/store/library-store')
    const store = await LibraryStore.open(dir)
    const annotations = await store.getAnnotations(trade.id)
    await store.setAnnotations(trade.id, annotations.map((annotation) => (annotation.id === ANNOTATION_IDS.total ? { ...annotation, status: 'orphan' as const } : annotation)))
    await store.close()
    service = await BriefingService.open({ libraryDir: dir, shell: 'browser', version: '9.9.9', systemLocale: 'en' })
    services.push(service)
    const view = await service.getBrief({ id: brief.id })
    expect(view.orphanedAnnotationIds).toEqual([ANNOTATION_IDS.total])
    expect(quotes(view.brief)[0]).toContain(QUOTES.total)
    const out = join(await tempDir(), 'trade.md')
    await service.exportBriefTo(brief.id, 'md', out, false)
    const markdown = await readFile(out, 'utf8')
    expect(markdown).toContain('**Orphaned passage:**')
    expect(markdown).toContain('600 triệu USD')
  })

  it('keeps built-in templates read-only and the user’s copies in the library', async () => {
    const { service, dir } = await openSeeded()
    const copy = await service.duplicateTemplate({ id: 'talking-points' })
    expect(copy).toMatchObject({ id: 'talking-points-copy', name: { en: 'Talking points (copy)', vi: 'Các điểm trao đổi (bản sao)' } })
    const edited = await service.saveTemplate({ template: { ...copy, sections: copy.sections.slice(0, 2) } })
    expect(JSON.parse(await readFile(join(dir, 'templates', 'talking-points-copy.json'), 'utf8')).template).toEqual(edited)
    expect((await service.duplicateTemplate({ id: 'talking-points' })).id).toBe('talking-points-copy-2')
    const entries = await service.listTemplates()
    expect(entries.map((entry) => [entry.template.id, entry.builtIn])).toEqual([
      ['background-brief', true],
      ['meeting-note', true],
      ['talking-points', true],
      ['talking-points-copy', false],
      ['talking-points-copy-2', false],
    ])
    const brief = await service.createBrief({ title: 'Short', templateId: 'talking-points-copy' })
    expect(brief.sections).toHaveLength(2)
    const builtIn = entries[0]!.template
    await expect(service.saveTemplate({ template: builtIn })).rejects.toMatchObject({ code: 'brief.templateBuiltIn' })
  })

  it('lists the built-in markings in the interface language, then the user’s own', async () => {
    const { service } = await openSeeded('vi-VN')
    expect((await service.listMarkings()).slice(0, 2)).toEqual(['Nội bộ', 'Mật'])
    await service.updateSettings({ markings: ['Chỉ dành cho Đại sứ', 'Mật'] })
    const markings = await service.listMarkings()
    expect(markings.at(-1)).toBe('Chỉ dành cho Đại sứ')
    expect(markings.filter((marking) => marking === 'Mật')).toHaveLength(1)
  })

  it('refuses malformed input at the boundary with one clear line, writing nothing', async () => {
    const { service, dir } = await openSeeded()
    const dispatch = createDispatcher(service)
    const created = await service.createBrief({ title: 'Peru', templateId: 'background-brief' })
    const bad = [
      ['getBrief', { id: '../../etc/passwd' }],
      ['createBrief', { title: 'x'.repeat(301) }],
      ['createBrief', { title: 'x', extra: true }],
      ['updateBrief', { ...created, title: '   ' }],
      ['updateBrief', { ...created, sections: [{ ...created.sections[0], injected: '<script>' }] }],
      ['exportBrief', { id: created.id, format: 'exe' }],
      ['passagesOfTheme', { tagId: 'trade' }],
    ] as const
    for (const [method, input] of bad) {
      const result = await dispatch(method, input)
      expect(result.ok, method).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('api.invalidInput')
        expect(result.error.message).toContain(method)
      }
    }
    expect(JSON.parse(await readFile(join(dir, 'briefings', `${created.id}.json`), 'utf8')).briefing).toEqual(created)
  })
})
