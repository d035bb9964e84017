import { afterEach, describe, expect, it } from 'vitest'
import { themeTree, type ThemeNode } from '../../src/common/brief/theme-tree'
import { decodeGroupSizes, QUOTE_CAP, rowAt } from '../../src/common/themes/passage-outline'
import type { BriefingService } from '../../src/node/service'
import { HIGHLIGHTS, openService, seededLibrary } from './library'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

/** The seeded highlights, and one more carrying a theme and its own sub-theme (Trade › CPTPP). */
const BOTH = [...HIGHLIGHTS, { article: 'Thương mại hai chiều', quote: 'Việt Nam và Peru', tags: ['Trade', 'CPTPP'] }]

describe('theme counts and pages of passages', () => {
  it('counts a theme with its sub-themes, each highlight once, as the Themes list and the brief picker show it', async () => {
    const service = await openService(await seededLibrary(BOTH))
    services.push(service)
    const { tags, counts, totals } = await service.themeOverview()
    const id = (name: string) => tags.find((tag) => tag.name === name)!.id
    // Own counts: the highlights carrying the theme itself.
    expect(counts[id('Trade')]).toBe(2)
    expect(counts[id('CPTPP')]).toBe(2)
    expect(counts[id('Economy')]).toBeUndefined()
    // Totals: the Trade-and-CPTPP highlight is one passage of Trade, not two.
    expect(totals[id('CPTPP')]).toBe(2)
    expect(totals[id('Trade')]).toBe(3)
    for (const name of ['Economy', 'Trade', 'CPTPP', 'APEC']) {
      const listed = (await service.themePassages({ tagId: id(name) })).reduce((sum, group) => sum + group.passages.length, 0)
      expect(totals[id(name)], name).toBe(listed)
      expect((await service.themePassageLayout({ tagId: id(name) })).total, name).toBe(listed)
    }
    // The brief's theme picker shows the same numbers.
    const picker = new Map<string, number>()
    const walk = (nodes: readonly ThemeNode[]): void => nodes.forEach((node) => (picker.set(node.tag.id, node.total), walk(node.children)))
    walk(themeTree(tags, totals, 'en'))
    for (const tag of tags) expect(picker.get(tag.id), tag.name).toBe(totals[tag.id] ?? 0)
  })

  it('pages a theme’s passages in the listed order, each page with its articles', async () => {
    const service = await openService(await seededLibrary(BOTH))
    services.push(service)
    const economy = (await service.listTags()).find((tag) => tag.name === 'Economy')!.id
    const groups = await service.themePassages({ tagId: economy })
    const layout = await service.themePassageLayout({ tagId: economy })
    expect([...decodeGroupSizes(layout.groupSizes)]).toEqual(groups.map((group) => group.passages.length))
    // Each row's packed quote length and note, in list order, as the passages have them.
    const listed = groups.flatMap((group) => group.passages)
    expect(layout.rows.length).toBe(listed.length)
    expect(listed.map((_, index) => rowAt(layout.rows, index))).toEqual(listed.map((passage) => ({ quoteLength: Math.min(passage.quote.exact.length, QUOTE_CAP), noted: passage.note.trim() !== '' })))
    expect(listed.some((passage) => passage.note.trim() !== '')).toBe(true)
    const paged = []
    for (let start = 0; start < layout.total; start += 2) {
      const page = await service.themePassagePage({ tagId: economy, start, count: 2 })
      expect(page.start).toBe(start)
      expect(page.articles.map((article) => article.id)).toEqual([...new Set(page.passages.map((passage) => passage.articleId))])
      paged.push(...page.passages)
    }
    expect(paged.map((passage) => passage.id)).toEqual(groups.flatMap((group) => group.passages.map((passage) => passage.id)))
    expect((await service.themePassagePage({ tagId: economy, start: layout.total, count: 10 })).passages).toEqual([])
    await expect(service.themePassagePage({ tagId: 'tg_ffffffffffffffff', start: 0, count: 10 })).rejects.toMatchObject({ code: 'tag.notFound' })
  })

  it('counts again after a change to the highlights', async () => {
    const service = await openService(await seededLibrary(BOTH))
    services.push(service)
    const apec = (await service.listTags()).find((tag) => tag.name === 'APEC')!.id
    expect((await service.themeOverview()).totals[apec]).toBe(1)
    const [passage] = (await service.themePassages({ tagId: apec }))[0]!.passages
    await service.tagAnnotations({ annotationIds: [passage!.id], removeTagIds: [apec] })
    expect((await service.themeOverview()).totals[apec]).toBeUndefined()
    expect((await service.themePassageLayout({ tagId: apec })).total).toBe(0)
  })

  it('keeps a theme’s outline with its list, and a note, a tag change or an undo shows in it at once', async () => {
    const service = await openService(await seededLibrary(BOTH))
    services.push(service)
    const tags = await service.listTags()
    const economy = tags.find((tag) => tag.name === 'Economy')!.id
    const maritime = tags.find((tag) => tag.name === 'Maritime security')!.id
    const listed = (await service.themePassages({ tagId: economy })).flatMap((group) => group.passages)
    const before = await service.themePassageLayout({ tagId: economy })
    // Asked again with no change: the very outline kept with the list.
    expect(await service.themePassageLayout({ tagId: economy })).toEqual(before)
    // A note on a passage that had none: its row says so, the others are as they were.
    const index = listed.findIndex((passage) => passage.note.trim() === '')
    const passage = listed[index]!
    await service.updateAnnotation({ articleId: passage.articleId, id: passage.id, note: 'Cần xác minh' })
    const noted = await service.themePassageLayout({ tagId: economy })
    expect(rowAt(noted.rows, index)).toEqual({ quoteLength: passage.quote.exact.length, noted: true })
    expect(noted.rows.length).toBe(before.rows.length)
    // A tag added to the whole theme, then undone: its count in the outline follows both.
    const result = await service.tagThemePassages({ tagId: economy, addTags: ['Maritime security'] })
    expect((await service.themePassageLayout({ tagId: economy })).tagCounts[maritime]).toBe(listed.length)
    await service.restoreTagState({ undo: result.undo })
    expect((await service.themePassageLayout({ tagId: economy })).tagCounts[maritime]).toBeUndefined()
  })

  it('tags a whole theme by reference, less the passages unticked, and undo puts it back', async () => {
    const service = await openService(await seededLibrary(BOTH))
    services.push(service)
    const tags = await service.listTags()
    const id = (name: string) => tags.find((tag) => tag.name === name)!.id
    const listed = async (name: string) => (await service.themePassages({ tagId: id(name) })).flatMap((group) => group.passages)
    const economy = await listed('Economy')
    const kept = economy[0]!
    expect(await listed('Maritime security')).toEqual([])
    const result = await service.tagThemePassages({ tagId: id('Economy'), exceptIds: [kept.id], addTags: ['Maritime security'] })
    const maritime = await listed('Maritime security')
    // Every passage of Economy (with its sub-themes) but the unticked one now carries the tag.
    expect(new Set(maritime.map((passage) => passage.id))).toEqual(new Set(economy.filter((passage) => passage.id !== kept.id).map((passage) => passage.id)))
    expect(maritime.length).toBeGreaterThan(1)
    expect((await service.themeOverview()).totals[id('Maritime security')]).toBe(maritime.length)
    expect((await service.themePassageLayout({ tagId: id('Economy') })).tagCounts[id('Maritime security')]).toBe(economy.length - 1)
    await service.restoreTagState({ undo: result.undo })
    expect(await listed('Maritime security')).toEqual([])
  })
})
