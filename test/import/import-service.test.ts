import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { describe as describeRange } from '../../src/common/anchoring/describe'
import { AppError } from '../../src/common/errors'
import type { ImportJobStatus } from '../../src/common/import/import-report'
import type { Annotation } from '../../src/common/model/annotation'
import { bodyText } from '../../src/common/model/article'
import { POOL_MIN_FILES } from '../../src/node/import/import-files'
import { LibraryStore } from '../../src/node/store/library-store'
import type { LibraryChange } from '../../src/common/model/library-change'
import { BriefingService } from '../../src/node/service'
import { ROOT, tempDir } from '../helpers'

const FILES = join(ROOT, 'test', 'fixtures', 'import', 'files')
const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function open(options: { paths?: string[] | null; dir?: string } = {}): Promise<{ service: BriefingService; dir: string; changes: LibraryChange[] }> {
  const dir = options.dir ?? (await tempDir())
  const service = await BriefingService.open({
    libraryDir: dir,
    shell: 'browser',
    version: '9.9.9',
    systemLocale: 'en-GB',
    dialogs: {
      chooseSaveFile: async () => null,
      chooseOpenFile: async () => null,
      confirm: async () => false,
      chooseOpenPaths: async () => options.paths ?? null,
    },
  })
  services.push(service)
  const changes: LibraryChange[] = []
  service.onLibraryChange((change) => changes.push(change))
  return { service, dir, changes }
}

async function finished(service: BriefingService, jobId: string): Promise<ImportJobStatus> {
  for (;;) {
    const status = await service.importStatus({ jobId })
    if (status.state !== 'running') return status
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('import through the service', () => {
  it('imports chosen files as a job: a bad file in the middle fails alone, the others are added and announced', async () => {
    const paths = [join(FILES, 'vi-bitel.txt'), join(FILES, 'bad', 'binary.txt'), join(FILES, 'en-vna.html')]
    const { service, changes } = await open({ paths })
    const start = await service.importChoose({ folders: false })
    expect(start.status).toBe('started')
    const status = await finished(service, (start as { jobId: string }).jobId)
    expect(status).toMatchObject({ state: 'done', done: 3, total: 3, current: null })
    expect(status.report.added.map((item) => item.file)).toEqual([paths[0], paths[2]])
    expect(status.report.failed).toHaveLength(1)
    expect(status.report.failed[0]).toMatchObject({ file: paths[1], error: { code: 'import.binary' } })
    expect(status.report.failed[0]!.error.message).toContain('binary.txt')
    const listed = await service.listArticles()
    expect(listed.map((article) => article.id).sort()).toEqual(status.report.added.map((item) => item.id).sort())
    expect(changes.flatMap((change) => change.articles)).toEqual(status.report.added.map((item) => item.id))
  })

  it('returns cancelled when the dialog is cancelled, and nothing changes', async () => {
    const { service, changes } = await open({ paths: null })
    expect(await service.importChoose({ folders: true })).toEqual({ status: 'cancelled' })
    expect(await service.listArticles()).toEqual([])
    expect(changes).toEqual([])
  })

  it('recognises the same article across formats and encodings, within one batch and against the library', async () => {
    const paths = [join(FILES, 'vi-bitel.txt'), join(FILES, 'vi-bitel.docx'), join(FILES, 'vi-bitel.windows-1258.txt'), join(FILES, 'vi-bitel.nfd-crlf.txt')]
    const { service } = await open({ paths })
    const first = await finished(service, ((await service.importChoose({ folders: false })) as { jobId: string }).jobId)
    expect(first.report.added).toHaveLength(1)
    const original = first.report.added[0]!
    expect(first.report.duplicates.map((item) => [item.file, item.existingId])).toEqual(paths.slice(1).map((file) => [file, original.id]))
    expect(first.report.duplicates[0]!.existingTitle).toBe(original.title)

    const again = await finished(service, ((await service.importChoose({ folders: false })) as { jobId: string }).jobId)
    expect(again.report.added).toEqual([])
    expect(again.report.duplicates).toHaveLength(4)
    expect(await service.listArticles()).toHaveLength(1)
  })

  it('cancels a batch between files: what was added stays, the rest is listed as not imported', async () => {
    const folder = await tempDir('brief-import-many-')
    const source = await readFile(join(FILES, 'en-vna.txt'), 'utf8')
    for (let i = 0; i < 60; i++) await writeFile(join(folder, `story-${String(i).padStart(2, '0')}.txt`), `${source}\n\nUpdate number ${i} of the story, with its own closing paragraph.`)
    const { service } = await open({ paths: [folder] })
    const start = (await service.importChoose({ folders: true })) as { jobId: string }
    const cancelled = await service.importCancel({ jobId: start.jobId })
    expect(['running', 'cancelled']).toContain(cancelled.state)
    const status = await finished(service, start.jobId)
    expect(status.state).toBe('cancelled')
    expect(status.report.added.length).toBeLessThan(60)
    expect(status.report.added.length + status.report.cancelled.length + status.report.failed.length).toBe(60)
    expect(status.report.cancelled.length).toBeGreaterThan(0)
    expect((await service.listArticles()).length).toBe(status.report.added.length)
  })

  it('cancelled mid-batch, leaves on disk exactly the articles it reports added, whole, and nothing half-written', async () => {
    const folder = await tempDir('brief-import-cancel-')
    for (let i = 0; i < 120; i++) {
      const story = `Tin số ${i}: Việt Nam và Peru mở rộng hợp tác\n\nHai bên nhất trí đưa kim ngạch thương mại lên ${i + 600} triệu USD trong năm tới, theo bản tin số ${i}.\n\nĐoạn thứ hai của bản tin số ${i} nói về viễn thông và giáo dục.`
      await writeFile(join(folder, `bai-${String(i).padStart(3, '0')}.txt`), story)
    }
    const { service, dir } = await open({ paths: [folder] })
    const start = (await service.importChoose({ folders: true })) as { jobId: string }
    // Cancel once some articles are saved and more are on their way.
    for (;;) {
      const status = await service.importStatus({ jobId: start.jobId })
      if (status.state !== 'running' || status.report.added.length > 0) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await service.importCancel({ jobId: start.jobId })
    const status = await finished(service, start.jobId)
    const { added, cancelled, failed, duplicates } = status.report
    expect(failed).toEqual([])
    expect(duplicates).toEqual([])
    expect(added.length + cancelled.length).toBe(120)
    expect(added.length).toBeGreaterThan(0)
    if (status.state === 'cancelled') expect(cancelled.length).toBeGreaterThan(0)
    // Files are taken in order: the added ones are the first files, the cancelled ones the rest.
    expect([...added.map((item) => item.file), ...cancelled]).toEqual(
      Array.from({ length: 120 }, (_, i) => join(folder, `bai-${String(i).padStart(3, '0')}.txt`)),
    )

    await service.close()
    services.length = 0
    const store = await LibraryStore.open(dir, { mode: 'read' })
    try {
      const listed = store.listArticles()
      expect(listed.map((summary) => summary.id).sort()).toEqual(added.map((item) => item.id).sort())
      for (const item of added) expect((await store.getArticle(item.id))?.title).toBe(item.title)
      const names = await readdir(join(dir, 'articles'))
      expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([])
      expect(names.filter((name) => name.endsWith('.json')).length).toBe(store.listArticles().length)
      expect(store.recoveryEvents).toEqual([])
    } finally {
      await store.close()
    }
  })

  it('refuses an unknown job id with a one-line error', async () => {
    const { service } = await open()
    const error = await caught(service.importStatus({ jobId: '0123456789abcdef' }))
    expect(error.code).toBe('import.jobNotFound')
    expect(error.message).toContain('0123456789abcdef')
  })

  it('imports dropped files from their bytes, with the same checks as files on disk', async () => {
    const { service } = await open()
    const bytes = await readFile(join(FILES, 'vi-bitel.docx'))
    const start = await service.importDropped({
      files: [
        { name: 'vi-bitel.docx', size: bytes.length, data: bytes.toString('base64') },
        { name: 'photo.bmp', size: 3, data: Buffer.from('abc').toString('base64') },
        { name: 'huge.txt', size: 50 * 1024 * 1024, data: '' },
        { name: 'empty.md', size: 0, data: '' },
      ],
    })
    const status = await finished(service, (start as { jobId: string }).jobId)
    expect(status.report.added.map((item) => item.file)).toEqual(['vi-bitel.docx'])
    expect(status.report.failed.map((item) => [item.file, item.error.code])).toEqual([
      ['photo.bmp', 'import.unsupported'],
      ['huge.txt', 'import.tooLarge'],
      ['empty.md', 'import.empty'],
    ])
    const article = await service.getArticle({ id: status.report.added[0]!.id })
    expect(article.origin).toEqual({ kind: 'file', name: 'vi-bitel.docx' })
  })

  it('takes a large drop through the same batch as chosen files: the same articles, duplicates and failures', async () => {
    // Enough files for the parse workers (POOL_MIN_FILES), the same story in several formats
    // (duplicates within the batch), and bad files.
    const names = (await readdir(FILES, { recursive: true })).filter((name) => /\.[a-z0-9]+$/.test(name)).sort()
    expect(names.length).toBeGreaterThanOrEqual(POOL_MIN_FILES)
    const chosen = await open({ paths: names.map((name) => join(FILES, name)) })
    const byPath = await finished(chosen.service, ((await chosen.service.importChoose({ folders: false })) as { jobId: string }).jobId)
    const dropped = await open()
    const files = await Promise.all(
      names.map(async (name) => {
        const bytes = await readFile(join(FILES, name))
        return { name: join(FILES, name), size: bytes.length, data: bytes.toString('base64') }
      }),
    )
    const byDrop = await finished(dropped.service, ((await dropped.service.importDropped({ files })) as { jobId: string }).jobId)
    expect(byDrop.report).toEqual(byPath.report)
    expect(byDrop.report.added.length).toBeGreaterThan(0)
    expect(byDrop.report.duplicates.length).toBeGreaterThan(0)
    expect(byDrop.report.failed.length).toBeGreaterThan(0)
    expect((await dropped.service.listArticles()).map((article) => article.id).sort()).toEqual((await chosen.service.listArticles()).map((article) => article.id).sort())
  }, 180_000) // its blank scanned PDF goes through OCR, which starts a worker and an engine

  it('imports a paste: refuses empty text, prefers the HTML flavour, and reports a second paste as a duplicate', async () => {
    const { service } = await open()
    expect((await caught(service.importPaste({ text: '  \n\n ', html: null }))).code).toBe('import.pasteEmpty')
    expect(await service.listArticles()).toEqual([])

    const html = '<h1>Hội nghị APEC tại Lima</h1><p>Lãnh đạo các nền kinh tế APEC đã họp tại Lima, Peru, bàn về thương mại và đầu tư trong khu vực.</p><script>alert(1)</script><p>Việt Nam sẽ đăng cai APEC năm 2027.</p>'
    const text = 'Hội nghị APEC tại Lima\nLãnh đạo các nền kinh tế APEC đã họp tại Lima, Peru, bàn về thương mại và đầu tư trong khu vực.\nViệt Nam sẽ đăng cai APEC năm 2027.'
    const report = await service.importPaste({ text, html })
    expect(report.added).toHaveLength(1)
    const article = await service.getArticle({ id: report.added[0]!.id })
    expect(article.title).toBe('Hội nghị APEC tại Lima')
    expect(bodyText(article.blocks)).not.toContain('alert')
    expect(article.origin.kind).toBe('paste')

    const again = await service.importPaste({ text, html })
    expect(again.added).toEqual([])
    expect(again.duplicates).toEqual([{ file: null, existingId: article.id, existingTitle: article.title }])
  })
})

describe('editing article details', () => {
  async function withArticle() {
    const opened = await open({ paths: [join(FILES, 'vi-bitel.txt')] })
    const start = (await opened.service.importChoose({ folders: false })) as { jobId: string }
    const id = (await finished(opened.service, start.jobId)).report.added[0]!.id
    return { ...opened, id }
  }

  const valid = { title: 'Viễn thông Việt Nam – Peru', source: 'TTXVN', url: 'https://www.vietnamplus.vn/bai-viet.vnp', published: '2024-10', language: 'vi' }

  it('saves title, source, URL, date and language as a new revision, in the list too', async () => {
    const { service, id, changes, dir } = await withArticle()
    const before = await service.getArticle({ id })
    const saved = await service.updateArticleMetadata({ id, ...valid, title: `  ${valid.title}  ` })
    expect(saved).toMatchObject({ title: valid.title, source: 'TTXVN', url: valid.url, published: '2024-10', language: 'vi', revision: before.revision + 1 })
    expect(saved.blocks).toEqual(before.blocks)
    expect((await service.listArticles()).find((article) => article.id === id)).toMatchObject({ title: valid.title, revision: 2 })
    expect(changes.at(-1)).toMatchObject({ articles: [id] })
    // Durable: a fresh store reads the same.
    await service.close()
    services.length = 0
    const store = await LibraryStore.open(dir, { mode: 'read' })
    expect((await store.getArticle(id))?.title).toBe(valid.title)
    await store.close()
  })

  it('empties optional fields to null', async () => {
    const { service, id } = await withArticle()
    const saved = await service.updateArticleMetadata({ id, ...valid, source: ' ', url: '', published: '' })
    expect(saved).toMatchObject({ source: null, url: null, published: null })
  })

  it.each([
    [{ title: '   ' }, 'metadata.emptyTitle'],
    [{ url: 'javascript:alert(1)' }, 'metadata.badUrl'],
    [{ url: 'ftp://example.com/a' }, 'metadata.badUrl'],
    [{ url: 'www.example.com' }, 'metadata.badUrl'],
    [{ published: '2024-02-30' }, 'metadata.badDate'],
    [{ published: '12/11/2024' }, 'metadata.badDate'],
    [{ published: '2024-13' }, 'metadata.badDate'],
    [{ language: 'fr' }, 'metadata.badLanguage'],
  ])('refuses %o with %s and leaves the article unchanged', async (patch, code) => {
    const { service, id } = await withArticle()
    const before = await service.getArticle({ id })
    const error = await caught(service.updateArticleMetadata({ id, ...valid, ...patch }))
    expect(error.code).toBe(code)
    expect(error.message).not.toContain('\n')
    expect(await service.getArticle({ id })).toEqual(before)
  })

  it('names an unknown article', async () => {
    const { service } = await open()
    expect((await caught(service.updateArticleMetadata({ id: 'abcdef012345', ...valid }))).code).toBe('article.notFound')
  })
})

describe('undoing and redoing cleaning steps', () => {
  function annotationOn(articleId: string, text: string, quote: string, revision: number, n: number): Annotation {
    const start = text.indexOf(quote)
    expect(start).toBeGreaterThanOrEqual(0)
    const described = describeRange(text, start, start + quote.length)
    return {
      id: `an_${String(n).padStart(16, '0')}`,
      articleId,
      articleRevision: revision,
      quote: described.quote,
      position: described.position,
      status: 'anchored',
      color: 'yellow',
      note: '',
      tagIds: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }
  }

  it('puts a related-story link back and takes it out again; highlights follow, orphans stay orphans', async () => {
    const first = await open({ paths: [join(FILES, 'vi-bitel.txt')] })
    const id = (await finished(first.service, ((await first.service.importChoose({ folders: false })) as { jobId: string }).jobId)).report.added[0]!.id
    const article = await first.service.getArticle({ id })
    const linkIndex = article.removed.findIndex((passage) => passage.kind === 'related-link')
    const link = article.removed[linkIndex]!
    // A highlight after the place the link comes back: its offsets must move, its quote not.
    const later = article.blocks[link.afterBlock + 1]!.text.slice(0, 40)
    const highlight = annotationOn(id, bodyText(article.blocks), later, article.revision, 1)
    let { service, changes } = await reopenWith(first, id, [highlight])

    const undone = await service.undoCleaningStep({ id, list: 'removed', index: linkIndex })
    expect(undone.revision).toBe(article.revision + 1)
    expect(undone.blocks.map((block) => block.text)).toContain(link.text)
    expect(undone.removed).toHaveLength(article.removed.length - 1)
    expect(undone.undone).toEqual([{ list: 'removed', kind: 'related-link', text: link.text, blockIndex: link.afterBlock + 1 }])
    expect(undone.contentHash).toBe(article.contentHash)
    expect(changes.at(-1)).toMatchObject({ articles: [id] })
    const [moved] = await service.getAnnotations({ articleId: id })
    expect(moved).toMatchObject({ status: 'anchored', articleRevision: undone.revision, quote: { exact: later } })
    expect(moved!.position.start).toBe(highlight.position.start + link.text.length + 2)
    expect(bodyText(undone.blocks).slice(moved!.position.start, moved!.position.end)).toBe(later)

    // Highlight the restored link, then redo: that highlight has nowhere to go and becomes an orphan.
    const onLink = annotationOn(id, bodyText(undone.blocks), link.text.slice(1, 20), undone.revision, 2)
    ;({ service, changes } = await reopenWith({ service, dir: first.dir }, id, [moved!, onLink]))
    const redone = await service.redoCleaningStep({ id, undoneIndex: 0 })
    expect(redone.blocks).toEqual(article.blocks)
    expect(redone.removed).toEqual(article.removed)
    expect(redone.undone).toEqual([])
    expect(redone.revision).toBe(article.revision + 2)
    const after = await service.getAnnotations({ articleId: id })
    expect(after.map((annotation) => [annotation.id, annotation.status])).toEqual([
      [moved!.id, 'anchored'],
      [onLink.id, 'orphan'],
    ])
    expect(after[0]!.position).toEqual(highlight.position)
    expect(after[1]!.quote).toEqual(onLink.quote)
  })

  it('undoes a caption: it leaves the captions and joins the body', async () => {
    const { service } = await open({ paths: [join(FILES, 'vi-bitel.txt')] })
    const id = (await finished(service, ((await service.importChoose({ folders: false })) as { jobId: string }).jobId)).report.added[0]!.id
    const article = await service.getArticle({ id })
    const undone = await service.undoCleaningStep({ id, list: 'captions', index: 0 })
    expect(undone.captions).toEqual([])
    expect(undone.blocks[article.captions[0]!.afterBlock + 1]!.text).toBe(article.captions[0]!.text)
    const redone = await service.redoCleaningStep({ id, undoneIndex: 0 })
    expect(redone.captions).toEqual(article.captions)
  })

  it('refuses a step that does not exist, and a redo with nothing undone, changing nothing', async () => {
    const { service } = await open({ paths: [join(FILES, 'vi-bitel.txt')] })
    const id = (await finished(service, ((await service.importChoose({ folders: false })) as { jobId: string }).jobId)).report.added[0]!.id
    const before = await service.getArticle({ id })
    expect((await caught(service.undoCleaningStep({ id, list: 'removed', index: 99 }))).code).toBe('cleaning.stepNotFound')
    expect((await caught(service.redoCleaningStep({ id, undoneIndex: 0 }))).code).toBe('cleaning.stepNotFound')
    expect(await service.getArticle({ id })).toEqual(before)
  })
})

/**
 * Writing annotations is the reader's feature (issue 5): until the service has a method for it,
 * they are written with the store itself, which needs the library to itself (one writer at a time).
 */
async function reopenWith(opened: { service: BriefingService; dir: string }, id: string, annotations: Annotation[]) {
  await opened.service.close()
  services.splice(services.indexOf(opened.service), 1)
  const store = await LibraryStore.open(opened.dir)
  await store.setAnnotations(id, annotations)
  await store.close()
  return open({ dir: opened.dir })
}
