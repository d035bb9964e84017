import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BriefingService } from '../../src/node/service'
import { HIGHLIGHTS, openService, seededLibrary } from './library'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function open(dir: string): Promise<BriefingService> {
  const service = await openService(dir)
  services.push(service)
  return service
}

/** The tags file and every annotations file, as bytes on disk. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = { 'tags.json': JSON.stringify(JSON.parse(await readFile(join(dir, 'tags.json'), 'utf8')).tags) }
  for (const name of (await readdir(join(dir, 'annotations'))).filter((file) => file.endsWith('.json')).sort()) {
    files[name] = JSON.stringify(JSON.parse(await readFile(join(dir, 'annotations', name), 'utf8')).annotations)
  }
  return files
}

async function tagId(service: BriefingService, name: string): Promise<string> {
  const tag = (await service.listTags()).find((candidate) => candidate.name === name)
  if (tag === undefined) throw new Error(`no tag ${name}`)
  return tag.id
}

describe('theme tag operations', () => {
  it('creates a tag under a parent, and refuses a duplicate name written another way', async () => {
    const service = await open(await seededLibrary([]))
    const trade = await tagId(service, 'Trade')
    const created = await service.createTag({ name: 'RCEP', parentId: trade, color: '#123456', aliases: [{ text: 'Hiệp định RCEP', lang: 'vi' }], keywords: ['RCEP'] })
    expect(created.tags.find((tag) => tag.id === created.tagId)).toMatchObject({ name: 'RCEP', parentId: trade })
    await expect(service.createTag({ name: 'TRADE' })).rejects.toMatchObject({ code: 'tag.duplicateName', params: { name: 'TRADE', other: 'Trade' } })
    await expect(service.createTag({ name: 'Économie', parentId: 'tg_ffffffffffffffff' })).rejects.toMatchObject({ code: 'tag.notFound' })
  })

  it('renames, then undo restores tags and annotations byte for byte', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const service = await open(dir)
    const before = await snapshot(dir)
    const cptpp = await tagId(service, 'CPTPP')
    const renamed = await service.updateTag({ id: cptpp, name: 'Hiệp định CPTPP (Đối tác xuyên Thái Bình Dương)' })
    expect(renamed.tags.find((tag) => tag.id === cptpp)?.name).toBe('Hiệp định CPTPP (Đối tác xuyên Thái Bình Dương)')
    expect(await snapshot(dir)).not.toEqual(before)
    await service.restoreTagState({ undo: renamed.undo })
    expect(await snapshot(dir)).toEqual(before)
  })

  it('moves a tag, and refuses a move under its own descendant', async () => {
    const service = await open(await seededLibrary([]))
    const [economy, trade, cptpp, relations] = await Promise.all(['Economy', 'Trade', 'CPTPP', 'Foreign relations'].map((name) => tagId(service, name)))
    await expect(service.updateTag({ id: economy!, parentId: cptpp! })).rejects.toMatchObject({ code: 'tag.cycle', params: { name: 'Economy', parent: 'CPTPP' } })
    await expect(service.updateTag({ id: trade!, parentId: trade! })).rejects.toMatchObject({ code: 'tag.cycle' })
    const moved = await service.updateTag({ id: cptpp!, parentId: relations! })
    expect(moved.tags.find((tag) => tag.id === cptpp)?.parentId).toBe(relations)
  })

  it('merges: highlights re-pointed once, children moved, old names kept as aliases; undo restores everything', async () => {
    const dir = await seededLibrary([...HIGHLIGHTS, { article: 'Thương mại hai chiều', quote: 'trao đổi hàng hóa, đầu tư', tags: ['Trade', 'Investment'] }])
    const service = await open(dir)
    const before = await snapshot(dir)
    const [trade, investment, cptpp, economy] = await Promise.all(['Trade', 'Investment', 'CPTPP', 'Economy'].map((name) => tagId(service, name)))
    await expect(service.mergeTags({ fromId: trade!, intoId: trade! })).rejects.toMatchObject({ code: 'tag.mergeSelf' })
    await expect(service.mergeTags({ fromId: economy!, intoId: cptpp! })).rejects.toMatchObject({ code: 'tag.mergeIntoChild' })
    const merged = await service.mergeTags({ fromId: investment!, intoId: trade! })
    expect(merged.annotationsChanged).toBe(2)
    expect(merged.tags.some((tag) => tag.id === investment)).toBe(false)
    const into = merged.tags.find((tag) => tag.id === trade)!
    expect(into.aliases.map((alias) => alias.text)).toEqual(expect.arrayContaining(['Investment', 'Đầu tư', 'FDI']))
    const articleId = (await service.listArticles()).find((article) => article.title.includes('Thương mại hai chiều'))!.id
    const annotations = await service.getAnnotations({ articleId })
    expect(annotations.map((annotation) => annotation.tagIds.filter((id) => id === trade || id === investment))).toEqual([[], [trade], [trade], [trade]])
    expect(annotations.every((annotation) => !annotation.tagIds.includes(investment!))).toBe(true)
    const undone = await service.restoreTagState({ undo: merged.undo })
    expect(undone.some((tag) => tag.id === investment)).toBe(true)
    expect(await snapshot(dir)).toEqual(before)
    // The change is durable: a reopened library reads the same.
    await service.close()
    services.splice(services.indexOf(service), 1)
    await open(dir)
    expect(await snapshot(dir)).toEqual(before)
  })

  it('deletes: removed from every highlight, children re-parented; undo restores it', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const service = await open(dir)
    const before = await snapshot(dir)
    const [economy, trade, cptpp] = await Promise.all(['Economy', 'Trade', 'CPTPP'].map((name) => tagId(service, name)))
    const deleted = await service.deleteTag({ id: trade! })
    expect(deleted.tags.find((tag) => tag.id === cptpp)?.parentId).toBe(economy)
    expect(deleted.annotationsChanged).toBe(1)
    const all = (await Promise.all((await service.listArticles()).map((article) => service.getAnnotations({ articleId: article.id })))).flat()
    expect(all.some((annotation) => annotation.tagIds.includes(trade!))).toBe(false)
    await service.restoreTagState({ undo: deleted.undo })
    expect(await snapshot(dir)).toEqual(before)
    await expect(service.deleteTag({ id: 'tg_ffffffffffffffff' })).rejects.toMatchObject({ code: 'tag.notFound', params: { id: 'tg_ffffffffffffffff' } })
  })

  it('tells the search index about every change', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const service = await open(dir)
    const changes: unknown[] = []
    service.onLibraryChange(({ tags, annotations }) => changes.push({ tags, annotations }))
    const trade = await tagId(service, 'Trade')
    await service.updateTag({ id: trade, name: 'Foreign trade' })
    const investment = await tagId(service, 'Investment')
    await service.mergeTags({ fromId: investment, intoId: trade })
    expect(changes).toEqual([{ tags: true, annotations: [] }, { tags: true, annotations: [expect.stringMatching(/^[0-9a-f]+$/)] }])
  })

  it('lists a theme’s passages (sub-themes included) grouped by article, newest first, in document order', async () => {
    const service = await open(await seededLibrary(HIGHLIGHTS))
    const groups = await service.themePassages({ tagId: await tagId(service, 'Economy') })
    expect(groups.map((group) => group.article.title)).toEqual(['Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD'])
    expect(groups[0]!.passages.map((passage) => passage.quote.exact)).toEqual([
      'Hai nước cùng là thành viên CPTPP',
      'kim ngạch thương mại hai chiều giữa Việt Nam và Peru đã đạt khoảng 600 triệu USD',
      'Bitel, thương hiệu của Viettel',
    ])
    const relations = await service.themePassages({ tagId: await tagId(service, 'Foreign relations') })
    expect(relations.map((group) => group.article.published)).toEqual(['2024-11-12'])
  })
})
