import { afterEach, describe, expect, it } from 'vitest'
import { BriefingService } from '../../src/node/service'
import { SAMPLES_DIR, tempDir } from '../helpers'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function open(samplesDir: string | null = SAMPLES_DIR, libraryDir?: string): Promise<BriefingService> {
  const service = await BriefingService.open({
    libraryDir: libraryDir ?? (await tempDir()),
    ...(samplesDir === null ? {} : { samplesDir }),
    shell: 'browser',
    version: '9.9.9',
    systemLocale: 'vi-VN',
  })
  services.push(service)
  return service
}

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
    await (await open(SAMPLES_DIR, dir)).close()
    const again = await open(SAMPLES_DIR, dir)
    expect(await again.listArticles()).toHaveLength(4)
  })

  it('starts empty without a samples folder and stays empty', async () => {
    const dir = await tempDir()
    const empty = await open(null, dir)
    expect(await empty.listArticles()).toEqual([])
    await empty.close()
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
    const stop = service.onLibraryChange((change) => seen.push({ settings: change.settings, tags: change.tags, annotations: change.annotations }))
    await service.updateSettings({ locale: 'vi' })
    stop()
    await service.updateSettings({ locale: 'en' })
    expect(seen).toEqual([{ settings: true, tags: false, annotations: [] }])
    expect(await service.getSettings()).toEqual({ locale: 'en', markings: [] })
  })
})

describe('BriefingService backups', () => {
  it('backs up through the save dialog and restores through the open dialog after confirmation', async () => {
    const dir = await tempDir()
    const target = `${await tempDir()}/desk.bdbackup`
    const asked: string[] = []
    const dialogs = {
      chooseSaveFile: async ({ defaultName }: { defaultName: string }) => (asked.push(`save ${defaultName}`), target),
      chooseOpenFile: async () => (asked.push('open'), target),
      confirm: async ({ message }: { message: string }) => (asked.push(`confirm ${message}`), true),
    }
    const service = await BriefingService.open({ libraryDir: dir, samplesDir: SAMPLES_DIR, shell: 'browser', version: '1', systemLocale: 'en-GB', dialogs, now: () => new Date('2026-05-06T07:08:09Z') })
    services.push(service)
    expect(await service.backupLibrary()).toMatchObject({ status: 'done', path: target, files: 6 }) // four articles, the starter taxonomy and the index
    await service.updateSettings({ locale: 'vi' })
    const changes: unknown[] = []
    service.onLibraryChange((change) => changes.push(change))
    expect(await service.restoreLibrary()).toMatchObject({ status: 'done', path: target })
    expect(changes).toEqual([expect.objectContaining({ everything: true, articles: [], tags: false })])
    expect(await service.getSettings()).toEqual({ locale: null, markings: [] })
    expect(asked).toEqual(['save Briefing Desk 2026-05-06.bdbackup', 'open', `confirm Toàn bộ thư viện sẽ được thay bằng nội dung của ${target}.`])
  })

  it('does nothing when a dialog is cancelled', async () => {
    const service = await open()
    expect(await service.backupLibrary()).toEqual({ status: 'cancelled' })
    expect(await service.restoreLibrary()).toEqual({ status: 'cancelled' })
  })
})

describe('BriefingService annotations and tags', () => {
  it('starts a library with no annotations, and the starter taxonomy as its tags', async () => {
    const service = await open()
    const [first] = await service.listArticles()
    expect(await service.getAnnotations({ articleId: first!.id })).toEqual([])
    expect((await service.listTags()).map((tag) => tag.name)).toContain('CPTPP')
  })

  it('names the unknown article whose annotations were asked for', async () => {
    const service = await open()
    await expect(service.getAnnotations({ articleId: 'article-0000000000000000' })).rejects.toMatchObject({ code: 'article.notFound' })
  })
})
