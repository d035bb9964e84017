import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import type { Tag } from '../../src/common/model/tag'
import { sentenceRanges } from '../../src/common/themes/auto-tag'
import { suggestTags } from '../../src/common/themes/suggest-tags'
import { BriefingService } from '../../src/node/service'
import { ROOT, SAMPLES_DIR, tempDir } from '../helpers'
import { openService } from './library'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function starterTags(): Promise<Tag[]> {
  return (JSON.parse(await readFile(join(ROOT, 'data', 'taxonomy.json'), 'utf8')) as { tags: Tag[] }).tags
}

const names = (suggestions: ReturnType<typeof suggestTags>) => suggestions.map((suggestion) => suggestion.name)

describe('theme suggestions', () => {
  it('matches keywords without diacritics, case or tone placement, on whole syllables only', async () => {
    const tags = await starterTags()
    expect(names(suggestTags(tags, 'Kim ngach THUONG MAI tang manh', 'en'))).toContain('Trade')
    expect(names(suggestTags(tags, 'chương trình thương mạimax', 'en'))).not.toContain('Trade')
    expect(names(suggestTags(tags, 'Doanh nghiệp văn hoá Việt', 'en'))).toContain('Culture and people-to-people')
    expect(names(suggestTags(tags, 'Doanh nghiệp văn hóa Việt', 'en'))).toContain('Culture and people-to-people')
    // A multi-syllable keyword does not match across a sentence end.
    expect(names(suggestTags(tags, 'Quan hệ thương. Mại dâm không liên quan.', 'en'))).not.toContain('Trade')
  })

  it('finds a theme by its long Vietnamese alias and ranks it first, in the asked language', async () => {
    const tags = await starterTags()
    const suggestions = suggestTags(tags, 'Việt Nam là thành viên Hiệp định Đối tác toàn diện và tiến bộ xuyên Thái Bình Dương', 'vi')
    expect(suggestions[0]).toMatchObject({ name: 'Hiệp định CPTPP', matched: ['Hiệp định Đối tác toàn diện và tiến bộ xuyên Thái Bình Dương'] })
  })

  it('through the service: refuses empty text, answers in the library language by default', async () => {
    const service = await openService(await tempDir())
    services.push(service)
    await expect(service.suggestTags({ text: '   ' })).rejects.toMatchObject({ code: 'tag.emptyText' })
    const suggestions = await service.suggestTags({ text: 'Bitel mở rộng mạng cáp quang', lang: 'vi' })
    expect(suggestions[0]).toMatchObject({ name: 'Viễn thông', matched: expect.arrayContaining(['Bitel', 'cáp quang']) })
  })

  it('auto-tag proposes sentences per theme; accepting writes tagged highlights; nothing before that', async () => {
    const service = await openService(await tempDir())
    services.push(service)
    const article = (await service.listArticles()).find((candidate) => candidate.title.includes('Thương mại hai chiều'))!
    const proposals = await service.autoTagArticle({ articleId: article.id })
    expect(await service.getAnnotations({ articleId: article.id })).toEqual([])
    const tags = await service.listTags()
    const telecom = tags.find((tag) => tag.name === 'Telecommunications')!
    const telecomProposals = proposals.filter((proposal) => proposal.tagId === telecom.id)
    expect(telecomProposals.length).toBeGreaterThanOrEqual(2)
    const body = bodyText((await service.getArticle({ id: article.id })).blocks)
    for (const proposal of proposals) expect(body.slice(proposal.start, proposal.end)).toBe(proposal.quote)
    const created = await service.acceptProposals({ articleId: article.id, proposals: telecomProposals.slice(0, 1), color: 'blue' })
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({ tagIds: [telecom.id], color: 'blue', status: 'anchored', quote: { exact: telecomProposals[0]!.quote } })
    expect(await service.getAnnotations({ articleId: article.id })).toEqual(created)
    // The accepted sentence is not proposed again for that theme.
    const again = await service.autoTagArticle({ articleId: article.id })
    expect(again.filter((proposal) => proposal.tagId === telecom.id)).toHaveLength(telecomProposals.length - 1)
    // A proposal whose text is no longer there is refused, and nothing is written.
    await expect(service.acceptProposals({ articleId: article.id, proposals: [{ ...telecomProposals[1]!, quote: 'không có' }] })).rejects.toMatchObject({ code: 'tag.staleProposal' })
    expect(await service.getAnnotations({ articleId: article.id })).toHaveLength(1)
    await expect(service.autoTagArticle({ articleId: 'ffffffffffff' })).rejects.toMatchObject({ code: 'article.notFound' })
  })

  it('splits sentences and paragraphs, keeping numbers such as 146,8 and 30.000 whole', () => {
    const text = 'Đạt 146,8 triệu USD. Cáp quang 30.000 km!\n\nĐoạn hai'
    expect(sentenceRanges(text).map(([start, end]) => text.slice(start, end))).toEqual(['Đạt 146,8 triệu USD.', 'Cáp quang 30.000 km!', 'Đoạn hai'])
  })
})

describe('the taxonomy file', () => {
  it('a new library gets the starter taxonomy: hierarchy, Vietnamese names, long aliases', async () => {
    const service = await openService(await tempDir())
    services.push(service)
    const tags = await service.listTags()
    const byName = (name: string) => tags.find((tag) => tag.name === name)!
    expect(byName('CPTPP').parentId).toBe(byName('Trade').id)
    expect(byName('Trade').parentId).toBe(byName('Economy').id)
    expect(byName('Trade').aliases).toContainEqual({ text: 'Thương mại', lang: 'vi' })
    expect(byName('CPTPP').aliases.map((alias) => alias.text)).toContain('Hiệp định Đối tác toàn diện và tiến bộ xuyên Thái Bình Dương')
    for (const name of ['Telecommunications', 'APEC', 'Education', 'Health', 'Mining', 'Agriculture', 'Tourism', 'Maritime security', 'High-level visits', 'Investment', 'Culture and people-to-people']) {
      expect(byName(name).keywords.length).toBeGreaterThan(0)
    }
  })

  it('a broken starter taxonomy stops the first open with a message naming the file, and writes nothing', async () => {
    const dir = await tempDir()
    const file = join(await tempDir(), 'taxonomy.json')
    const tags = await starterTags()
    await writeFile(file, JSON.stringify({ schemaVersion: 1, tags: [...tags, { ...tags[1]!, id: 'tg_00000000000000ff', parentId: 'tg_00000000000000ff' }] }))
    const opening = BriefingService.open({ libraryDir: dir, samplesDir: SAMPLES_DIR, taxonomyFile: file, shell: 'browser', version: '1', systemLocale: 'en' })
    await expect(opening).rejects.toMatchObject({ code: 'taxonomy.invalid', params: { file, reason: 'two tags are named “Trade” (tg_0000000000000002 and tg_00000000000000ff)' } })
    await writeFile(file, '{"schemaVersion": 1, "tags": [{"id": "tg_1"}]}')
    await expect(BriefingService.open({ libraryDir: dir, samplesDir: SAMPLES_DIR, taxonomyFile: file, shell: 'browser', version: '1', systemLocale: 'en' })).rejects.toMatchObject({
      code: 'taxonomy.invalid',
      message: expect.stringContaining(`The taxonomy file ${file} is not valid: tags.0.id:`),
    })
    // Nothing was written: the next open with a good file starts a new library.
    const service = await BriefingService.open({ libraryDir: dir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '1', systemLocale: 'en' })
    services.push(service)
    expect(await service.listArticles()).toHaveLength(4)
    expect((await service.listTags()).length).toBe(tags.length)
  })

  it('exports and imports back: merge by name, new tags added, malformed files refused whole', async () => {
    const service = await openService(await tempDir())
    services.push(service)
    const out = join(await tempDir(), 'themes.json')
    expect(await service.exportTaxonomyTo(out)).toBe((await service.listTags()).length)
    const exported = JSON.parse(await readFile(out, 'utf8')) as { schemaVersion: number; tags: Tag[] }
    exported.tags.push({ id: 'tg_00000000000000aa', name: 'Năng lượng', parentId: exported.tags[0]!.id, color: '#ffaa00', aliases: [{ text: 'Energy', lang: 'en' }], keywords: ['dầu khí'] })
    exported.tags[1] = { ...exported.tags[1]!, keywords: [...exported.tags[1]!.keywords, 'hiệp định thương mại tự do'] }
    await writeFile(out, JSON.stringify(exported))
    const count = (await service.listTags()).length
    const outcome = await service.importTaxonomyFrom(out)
    expect(outcome).toMatchObject({ added: 1, updated: count })
    const tags = await service.listTags()
    expect(tags.find((tag) => tag.name === 'Trade')!.keywords).toContain('hiệp định thương mại tự do')
    expect(tags.find((tag) => tag.name === 'Năng lượng')).toMatchObject({ parentId: tags.find((tag) => tag.name === 'Economy')!.id })
    await writeFile(out, '{"schemaVersion": 1, "tags": [')
    await expect(service.importTaxonomyFrom(out)).rejects.toMatchObject({ code: 'taxonomy.invalid' })
    expect(await service.listTags()).toEqual(tags)
  })
})
