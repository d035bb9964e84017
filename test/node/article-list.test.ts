import { afterEach, describe, expect, it } from 'vitest'
import { decodeArticleList } from '../../src/common/model/article-list'
import { createDispatcher } from '../../src/node/dispatch'
import { BriefingService } from '../../src/node/service'
import { SAMPLES_DIR, tempDir } from '../helpers'

/**
 * The library list as the window receives it (`listArticleColumns`): the same articles in the
 * same order as `listArticles`, as columns in one text, following every change of the library.
 * The real service on a real library folder.
 */
const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function open(): Promise<BriefingService> {
  const service = await BriefingService.open({ libraryDir: await tempDir(), samplesDir: SAMPLES_DIR, shell: 'browser', version: '9.9.9', systemLocale: 'vi-VN' })
  services.push(service)
  return service
}

const rowsOf = (summaries: readonly { id: string; title: string; source: string | null; published: string | null; language: string }[]) =>
  summaries.map(({ id, title, source, published, language }) => ({ id, title, source, published, language }))

describe('the library list as columns', () => {
  it('holds what listArticles lists, in its order, and nothing the list does not show', async () => {
    const service = await open()
    const summaries = await service.listArticles()
    expect(summaries.length).toBe(4)
    const rows = decodeArticleList(await service.listArticleColumns())
    expect(rows).toEqual(rowsOf(summaries))
    expect(Object.keys(rows[0]!).sort()).toEqual(['id', 'language', 'published', 'source', 'title'])
  })

  it('follows an edit (a new version of the summaries), and crosses the dispatcher as text', async () => {
    const service = await open()
    const before = await service.listArticleColumns()
    const [first] = await service.listArticles()
    const title = 'Tiêu đề "mới" – với dấu ngoặc'
    await service.updateArticleMetadata({ id: first!.id, title, source: '', url: '', published: first!.published ?? '', language: first!.language })
    const dispatched = await createDispatcher(service)('listArticleColumns', undefined)
    if (!dispatched.ok) throw new Error(dispatched.error.message)
    const after = dispatched.value as Awaited<ReturnType<BriefingService['listArticleColumns']>>
    expect(typeof after.json).toBe('string')
    expect(after).not.toEqual(before)
    const rows = decodeArticleList(after)
    expect(rows).toEqual(rowsOf(await service.listArticles()))
    expect(rows.find((row) => row.id === first!.id)).toMatchObject({ title, source: null })
  })
})
