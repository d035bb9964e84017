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

describe('search through the service', () => {
  it('finds accented text typed without accents, grouped by article, with hits marked on the original text', async () => {
    const service = await open(await seededLibrary(HIGHLIGHTS))
    const found = await service.search({ query: 'thuong mai hai chieu' })
    expect(found.mode).toBe('all')
    const first = found.results[0]!
    expect(first).toMatchObject({ title: 'Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD', source: 'TTXVN/Vietnam+', published: '2023-04-24', language: 'vi' })
    for (const hit of first.hits) {
      for (const mark of hit.snippetMarks) expect(hit.snippet.slice(mark.start, mark.end).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()).toMatch(/^(thuong|mai|hai|chieu)$/)
    }
    const body = (await service.getArticle({ id: first.articleId })).blocks.map((block) => block.text).join('\n\n')
    const cable = await service.search({ query: '"MANG CAP QUANG"' })
    const bodyHit = cable.results[0]!.hits.find((hit) => hit.field === 'body')!
    expect(bodyHit.marks.map((mark) => body.slice(mark.start, mark.end))).toEqual(['mạng cáp quang'])
  })

  it('hits in highlights, notes and tags name their annotation; tag: filters by name, alias or parent', async () => {
    const service = await open(await seededLibrary(HIGHLIGHTS))
    const byNote = await service.search({ query: 'so lieu chinh' })
    const noteHit = byNote.results[0]!.hits.find((hit) => hit.field === 'note')!
    expect(noteHit.annotationId).toMatch(/^an_/)
    const byAlias = await service.search({ query: 'tag:"Hiệp định CPTPP"' })
    expect(byAlias.results.map((result) => result.title)).toEqual(['Thương mại hai chiều Việt Nam-Peru đạt 600 triệu USD'])
    const byParent = await service.search({ query: 'thẻ:"kinh te" bitel' })
    expect(byParent.total).toBe(1)
  })

  it('follows tag renames, merges and new highlights without a rebuild by hand', async () => {
    const service = await open(await seededLibrary(HIGHLIGHTS))
    expect((await service.search({ query: 'tag:"Năng lượng số"' })).total).toBe(0)
    const telecom = (await service.listTags()).find((tag) => tag.name === 'Telecommunications')!
    const renamed = await service.updateTag({ id: telecom.id, name: 'Năng lượng số' })
    expect((await service.search({ query: 'tag:"nang luong so"' })).total).toBe(1)
    await service.restoreTagState({ undo: renamed.undo })
    expect((await service.search({ query: 'tag:"nang luong so"' })).total).toBe(0)
    const apec = (await service.listArticles()).find((article) => article.title.includes('APEC 2024'))!
    const proposals = (await service.autoTagArticle({ articleId: apec.id })).filter((proposal) => proposal.tagId === telecom.id || proposal.quote.includes('CPTPP'))
    await service.acceptProposals({ articleId: apec.id, proposals: proposals.slice(0, 1) })
    expect((await service.search({ query: 'has:highlight cptpp' })).results.map((result) => result.articleId)).toContain(apec.id)
  })

  it('a bad filter comes back as a catalogue error naming the offending part', async () => {
    const service = await open(await seededLibrary([]))
    await expect(service.search({ query: 'apec colr:red' })).rejects.toMatchObject({ code: 'search.unknownFilter', params: { filter: 'colr', part: 'colr:red', start: 5, end: 13 } })
    await expect(service.search({ query: 'date:2023-13' })).rejects.toMatchObject({ code: 'search.badDate', message: expect.stringContaining('2023-13') })
  })

  it('search as you type: a newer query from the same box supersedes the older one, which resolves (never rejects) as superseded', async () => {
    const service = await open(await seededLibrary(HIGHLIGHTS))
    // The first query also waits for the index to be built: the second arrives meanwhile.
    const older = service.search({ query: 'thuong', box: 'library' })
    const newer = service.search({ query: 'thuong mai hai chieu', box: 'library' })
    expect(await older).toMatchObject({ superseded: true, total: 0, results: [] })
    const answered = await newer
    expect(answered.superseded).toBe(false)
    expect(answered).toEqual(await service.search({ query: 'thuong mai hai chieu' }))
    // A bad query from a box is still reported as the error it is.
    await expect(service.search({ query: 'colr:red', box: 'library' })).rejects.toMatchObject({ code: 'search.unknownFilter' })
  })
})
