import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { createDispatcher } from '../../src/node/dispatch'
import { closeLibrary, openLibrary } from '../annotations/open-library'

/**
 * The library's dossier (src/node/dossier) on the real store, in real temp folders, over the
 * sample articles: people and timeline from the cleaned bodies, passages that open at the words,
 * filters, decisions kept in settings.json (and its second copy) across re-extraction and reopening.
 */

const CONSULTATIONS = '87ac6e0b16b8'
const TRADE = 'c3c0090a9111'

describe('the library dossier', () => {
  it('lists the samples’ people, merged across languages, each mention opening at its words', async () => {
    const { service } = await openLibrary()
    const { people } = await service.dossierPeople()
    const hoa = people.find((person) => person.key === 'pham thi kim hoa')
    expect(hoa).toMatchObject({ name: 'Phạm Thị Kim Hoa', articleCount: 2 })
    expect(hoa?.roles).toEqual(expect.arrayContaining(['Đại sứ', 'Ambassador']))
    expect(people.map((person) => person.name)).toEqual(expect.arrayContaining(['Hà Kim Ngọc', 'Dina Boluarte', 'Eduardo Salhuana', 'John Peter Camino Cannock']))
    const detail = await service.dossierPerson({ key: 'Đại sứ Kim Hoa'.slice(7) })
    expect(detail.mentions.map((mention) => mention.text)).toEqual(expect.arrayContaining(['Phạm Thị Kim Hoa', 'Kim Hoa', 'Pham Thi Kim Hoa']))
    for (const mention of detail.mentions) {
      const article = await service.getArticle({ id: mention.articleId })
      expect(bodyText(article.blocks).slice(mention.offset, mention.offsetEnd)).toBe(mention.text)
      expect(article.blocks[mention.block]?.text.slice(mention.start, mention.end)).toBe(mention.text)
      expect(mention.context).toContain(mention.text)
    }
  })

  it('resolves the samples’ dates against publication and links each event to its sentence', async () => {
    const { service } = await openLibrary()
    const { entries, total } = await service.dossierTimeline({})
    expect(total).toBe(entries.length)
    const consultation = entries.find((entry) => entry.dateText === '3/10')
    expect(consultation).toMatchObject({ from: '2024-10-03', to: '2024-10-03', precision: 'day', resolution: { kind: 'relative', published: '2024-10-04' } })
    const visit = entries.find((entry) => entry.from === '2023-04-17')
    expect(visit).toMatchObject({ to: '2023-04-21', precision: 'day', resolution: { kind: 'absolute' } })
    expect(entries.find((entry) => entry.resolution.kind === 'derived')).toMatchObject({ from: '1994', resolution: { years: 30 } })
    for (const entry of entries) {
      for (const report of entry.reports) {
        const article = await service.getArticle({ id: report.articleId })
        expect(bodyText(article.blocks).slice(report.offset, report.offsetEnd)).toBe(report.text)
      }
    }
    // Sorted by date: every resolved entry's start is at or after the one before.
    const starts = entries.map((entry) => entry.from).filter((from) => from !== null)
    expect(starts).toEqual([...starts].sort())
  })

  it('filters the timeline by period, person, country and theme', async () => {
    const { service } = await openLibrary()
    const all = (await service.dossierTimeline({})).entries
    const y2024 = (await service.dossierTimeline({ from: '2024', to: '2024-12' })).entries
    expect(y2024.length).toBeGreaterThan(0)
    expect(y2024.length).toBeLessThan(all.length)
    for (const entry of y2024) expect(entry.from! >= '2024' && entry.from! <= '2024-12-31').toBe(true)

    const ngoc = (await service.dossierTimeline({ person: 'Hà Kim Ngọc' })).entries
    expect(ngoc.map((entry) => entry.dateText)).toContain('3/10')
    expect(ngoc.every((entry) => entry.reports.some((report) => report.articleId === CONSULTATIONS))).toBe(true)

    const peru = await service.dossierTimeline({ country: 'Peru' })
    expect(peru.countries).toContain('Peru')
    expect(peru.total).toBeGreaterThan(0)
    expect((await service.dossierTimeline({ country: 'Atlantis' })).total).toBe(0)

    // A theme: the events of the articles with a highlight of that theme.
    const trade = await service.getArticle({ id: TRADE })
    await service.createAnnotation({ articleId: TRADE, start: 0, end: trade.blocks[0]!.text.length, color: 'yellow', tags: ['Dossier test theme'] })
    const tag = (await service.listTags()).find((candidate) => candidate.name === 'Dossier test theme')!
    const themed = (await service.dossierTimeline({ tagId: tag.id })).entries
    expect(themed.length).toBeGreaterThan(0)
    expect(themed.every((entry) => entry.reports.some((report) => report.articleId === TRADE))).toBe(true)
  })

  it('keeps decisions in settings.json and its copy, through re-extraction of an edited text and a reopened library', async () => {
    const { service, dir } = await openLibrary()
    await service.decidePerson({ kind: 'rename', key: 'ha kim ngoc', name: 'Hà Kim Ngọc (Deputy FM)' })
    await service.decidePerson({ kind: 'hide', key: 'Dina Boluarte' })
    await service.decidePerson({ kind: 'confirm', key: 'pham thi kim hoa' })
    await service.decidePerson({ kind: 'merge', keys: ['Eduardo Salhuana', 'John Peter Camino Cannock'] })
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))
    expect(stored.settings.dossierDecisions).toHaveLength(4)
    expect(await readFile(join(dir, 'mirror', 'settings.json'), 'utf8')).toBe(await readFile(join(dir, 'settings.json'), 'utf8'))

    // Edit the consultations text: its people are extracted again, the decisions still apply.
    const article = await service.getArticle({ id: CONSULTATIONS })
    await service.editArticleText({ id: CONSULTATIONS, text: `${bodyText(article.blocks)}\n\nThứ trưởng Ngoại giao Hà Kim Ngọc phát biểu bế mạc.` })
    const afterEdit = (await service.dossierPeople()).people
    const ngoc = afterEdit.find((person) => person.keys.includes('ha kim ngoc'))
    expect(ngoc).toMatchObject({ name: 'Hà Kim Ngọc (Deputy FM)', renamed: true })
    expect(ngoc!.mentionCount).toBe((await service.dossierPerson({ key: 'ha kim ngoc' })).mentions.length)
    expect((await service.dossierPerson({ key: 'ha kim ngoc' })).mentions.some((mention) => mention.context.includes('bế mạc'))).toBe(true)

    await closeLibrary(service)
    const reopened = (await openLibrary({ dir })).service
    const people = (await reopened.dossierPeople()).people
    expect(people.find((person) => person.keys.includes('dina boluarte'))).toMatchObject({ hidden: true })
    expect(people.find((person) => person.key === 'pham thi kim hoa')).toMatchObject({ confirmed: true })
    const merged = people.find((person) => person.keys.includes('eduardo salhuana'))
    expect(merged?.keys).toContain('john peter camino cannock')
    expect(people.find((person) => person.name === 'Hà Kim Ngọc (Deputy FM)')).toBeDefined()
  })

  it('follows the change feed: an article pasted after the first use adds its people and events', async () => {
    const { service } = await openLibrary()
    const before = await service.dossierPeople()
    await service.importPaste({
      text: 'Hà Nội, ngày 12/3/2025\n\nNgày 12/3/2025, Bộ trưởng Ngoại giao Bùi Thanh Sơn tiếp Đại sứ Peru Carlos Velasco Mendiola tại Hà Nội. Bộ trưởng Bùi Thanh Sơn đề nghị hai bên phối hợp tại APEC.',
      html: null,
    })
    const after = await service.dossierPeople()
    expect(after.articleCount).toBe(before.articleCount + 1)
    expect(after.people.map((person) => person.name)).toEqual(expect.arrayContaining(['Bùi Thanh Sơn', 'Carlos Velasco Mendiola']))
    expect((await service.dossierTimeline({ person: 'Bùi Thanh Sơn' })).entries.map((entry) => entry.from)).toContain('2025-03-12')
  })

  it('gives a brief the decided people and events of its sources only', async () => {
    const { service } = await openLibrary()
    await service.decidePerson({ kind: 'hide', key: 'Bùi Văn Nghị' })
    const { people, timeline } = await service.dossierForArticles([TRADE])
    expect(people.map((person) => person.name)).toEqual(expect.arrayContaining(['Phạm Thị Kim Hoa', 'Dina Boluarte']))
    expect(people.every((person) => person.articleIds.length === 1 && person.articleIds[0] === TRADE)).toBe(true)
    expect(people.some((person) => person.name === 'Bùi Văn Nghị')).toBe(false)
    expect(timeline.length).toBeGreaterThan(0)
    expect(timeline.every((entry) => entry.articleIds.every((id) => id === TRADE))).toBe(true)
  })

  it('refuses bad input at the boundary and decisions about no one, writing nothing', async () => {
    const { service, changes } = await openLibrary()
    const dispatch = createDispatcher(service)
    expect(await dispatch('dossierTimeline', { from: '2024-13' })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
    expect(await dispatch('decidePerson', { kind: 'rename', key: 'x' })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } })
    expect(await dispatch('decidePerson', { kind: 'hide', key: 'nobody at all' })).toMatchObject({ ok: false, error: { code: 'dossier.unknownPerson' } })
    expect(changes).toEqual([])
  })
})
