import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BriefingService } from '../../src/node/service'
import { ROOT, tempDir } from '../helpers'

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function open(dir: string): Promise<BriefingService> {
  const service = await BriefingService.open({
    libraryDir: dir,
    shell: 'browser',
    version: '9.9.9',
    systemLocale: 'vi-VN',
    dialogs: { chooseSaveFile: async () => null, chooseOpenFile: async () => null, confirm: async () => false, chooseOpenPaths: async () => null },
  })
  services.push(service)
  return service
}

describe('a pasted headline-less agency text', () => {
  it('is saved with a proposed title and source, marked as proposed until the user saves the details', async () => {
    const dir = await tempDir()
    const service = await open(dir)
    const text = await readFile(join(ROOT, 'test', 'fixtures', 'agency', 'headless-vi.txt'), 'utf8')
    const report = await service.importPaste({ text, html: null })
    const id = report.added[0]!.id
    const article = await service.getArticle({ id })
    expect(article.title).toBe('Thứ trưởng Bộ Công Thương Trần Minh Khoa đã dự Diễn đàn doanh nghiệp Việt Nam-Peru tại Lima')
    expect(article.source).toBe('TTXVN')
    expect(article.proposed).toEqual({ title: true, source: true })

    // The flags survive the library being closed and opened again.
    await service.close()
    services.splice(services.indexOf(service), 1)
    const reopened = await open(dir)
    expect((await reopened.getArticle({ id })).proposed).toEqual({ title: true, source: true })

    // Saving Edit details confirms them, whether changed or not.
    await reopened.updateArticleMetadata({ id, title: 'Diễn đàn doanh nghiệp Việt Nam-Peru tại Lima', source: 'TTXVN', url: '', published: '2024-11', language: 'vi' })
    const confirmed = await reopened.getArticle({ id })
    expect(confirmed.title).toBe('Diễn đàn doanh nghiệp Việt Nam-Peru tại Lima')
    expect(confirmed.proposed).toBeUndefined()
  })

  it('with a title line and a credit line has nothing proposed', async () => {
    const service = await open(await tempDir())
    const text = 'Peru và Việt Nam thúc đẩy thương mại nông sản\n\nLima (TTXVN) – Hai bên đã thảo luận về xuất khẩu cà phê và hạt điều trong buổi làm việc sáng nay.\n\n(TTXVN/Vietnam+)'
    const report = await service.importPaste({ text, html: null })
    const article = await service.getArticle({ id: report.added[0]!.id })
    expect(article.title).toBe('Peru và Việt Nam thúc đẩy thương mại nông sản')
    expect(article.source).toBe('TTXVN/Vietnam+')
    expect(article.proposed).toBeUndefined()
  })
})
