import { describe, expect, it } from 'vitest'
import { BriefingService } from '../../src/node/service'
import { SAMPLES_DIR, tempDir } from '../helpers'

const open = async (samplesDir: string | null = SAMPLES_DIR, libraryDir?: string) =>
  BriefingService.open({
    libraryDir: libraryDir ?? (await tempDir()),
    ...(samplesDir === null ? {} : { samplesDir }),
    shell: 'browser',
    version: '9.9.9',
    systemLocale: 'vi-VN',
  })

describe('BriefingService', () => {
  it('fills a new library with the samples, newest first', async () => {
    const service = await open()
    const articles = await service.listArticles()
    expect(articles.map((article) => [article.published, article.language])).toEqual([
      ['2024-11-12', 'vi'],
      ['2024-10-04', 'vi'],
      ['2023-04-25', 'en'],
      ['2023-04-24', 'vi'],
    ])
    expect(articles.map((article) => article.source)).toEqual(['TTXVN', 'TTXVN', 'VNA', 'TTXVN/Vietnam+'])
  })

  it('adds the samples only once, on the first run', async () => {
    const dir = await tempDir()
    await open(SAMPLES_DIR, dir)
    const again = await open(SAMPLES_DIR, dir)
    expect(await again.listArticles()).toHaveLength(4)
  })

  it('starts empty without a samples folder and stays empty', async () => {
    const dir = await tempDir()
    expect(await (await open(null, dir)).listArticles()).toEqual([])
    expect(await (await open(SAMPLES_DIR, dir)).listArticles()).toEqual([])
  })

  it('opens an article with its body, captions and removed text', async () => {
    const service = await open()
    const [, second] = await service.listArticles()
    const article = await service.getArticle({ id: second!.id })
    expect(article.title).toBe('Việt Nam và Peru tổ chức Tham vấn chính trị lần thứ 5 tại Lima')
    expect(article.blocks.length).toBeGreaterThan(5)
    expect(article.captions[0]?.afterBlock).toBe(-1)
    expect(article.removed.map((removed) => removed.kind)).toEqual(['related-link', 'credit-line', 'after-end-mark'])
  })

  it('reports an unknown article by its id', async () => {
    const service = await open()
    await expect(service.getArticle({ id: 'aaaaaaaaaaaa' })).rejects.toMatchObject({
      code: 'article.notFound',
      params: { id: 'aaaaaaaaaaaa' },
    })
  })

  it('describes itself and tells listeners about new settings', async () => {
    const service = await open()
    expect(await service.appInfo()).toMatchObject({ name: 'Briefing Desk', version: '9.9.9', shell: 'browser', systemLocale: 'vi-VN' })
    const seen: unknown[] = []
    const stop = service.onSettingsChange((settings) => seen.push(settings))
    await service.updateSettings({ locale: 'vi' })
    stop()
    await service.updateSettings({ locale: 'en' })
    expect(seen).toEqual([{ locale: 'vi' }])
    expect(await service.getSettings()).toEqual({ locale: 'en' })
  })
})
