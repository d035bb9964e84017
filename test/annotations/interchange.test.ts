import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import type { DialogPort } from '../../src/node/dialogs'
import { buildArticle } from '../../src/node/library/build-article'
import { LibraryStore } from '../../src/node/store/library-store'
import type { BriefingService } from '../../src/node/service'
import { tempDir } from '../helpers'
import { closeLibrary, CONSULTATIONS, openLibrary } from './open-library'

const TRADE = 'c3c0090a9111'

/** Dialogs that answer with the given paths, as the harness scripts them. */
function dialogsAnswering(answer: { save?: string | null; open?: string | null }): DialogPort {
  return {
    chooseSaveFile: async () => answer.save ?? null,
    chooseOpenFile: async () => answer.open ?? null,
    confirm: async () => true,
  }
}

async function annotate(service: BriefingService, articleId: string, quote: string, extra: { color?: 'yellow' | 'pink' | 'green'; note?: string; tags?: string[] } = {}) {
  const text = bodyText((await service.getArticle({ id: articleId })).blocks)
  const start = text.indexOf(quote)
  if (start === -1) throw new Error(`test text lacks “${quote}”`)
  return service.createAnnotation({ articleId, start, end: start + quote.length, color: extra.color ?? 'yellow', ...extra })
}

/** What a highlight is to a reader: where, what, how it looks and what it says. Ids and dates aside. */
async function highlights(service: BriefingService) {
  const tags = new Map((await service.listTags()).map((tag) => [tag.id, tag.name]))
  const all = []
  for (const article of await service.listArticles()) {
    for (const a of await service.getAnnotations({ articleId: article.id })) {
      all.push({ articleId: a.articleId, status: a.status, quote: a.quote, position: a.status === 'anchored' ? a.position : null, color: a.color, note: a.note, tags: a.tagIds.map((id) => tags.get(id)) })
    }
  }
  return all
}

describe('W3C export and import through the service', () => {
  it('exports every highlight, and importing into a fresh library with the same articles reproduces them all', async () => {
    const exportDir = await tempDir()
    const file = join(exportDir, 'highlights.jsonld')
    const { service: source } = await openLibrary({ dialogs: dialogsAnswering({ save: file }) })
    await annotate(source, CONSULTATIONS, 'Biển Đông', { color: 'pink', note: 'Maritime **security**\n\n- point', tags: ['Biển Đông', 'An ninh hàng hải'] })
    await annotate(source, CONSULTATIONS, 'hợp tác đa phương', { color: 'green', tags: ['APEC'] })
    await annotate(source, CONSULTATIONS, 'Diễn đàn Hợp tác Kinh tế châu Á-Thái Bình Dương (APEC)', { tags: ['apec'] })
    await annotate(source, TRADE, '600 triệu USD', { note: 'figure' })
    // An orphan travels too: its quote is what is left of it.
    const doomed = await annotate(source, TRADE, 'Việt Nam')
    const tradeText = bodyText((await source.getArticle({ id: TRADE })).blocks)
    await source.editArticleText({ id: TRADE, text: `${tradeText.slice(0, doomed.position.start)}VN${tradeText.slice(doomed.position.end)}` })
    expect((await source.getAnnotations({ articleId: TRADE })).map((a) => a.status)).toEqual(['anchored', 'orphan'])

    expect(await source.exportAnnotations()).toEqual({ status: 'done', path: file, count: 5 })
    const json = JSON.parse(await readFile(file, 'utf8'))
    expect(json.first.items.find((item: { body?: { purpose: string; value: string }[] }) => item.body?.some((body) => body.value === 'An ninh hàng hải'))).toBeDefined()

    // The fresh library has the same articles (ids come from the content) but the trade article at its first revision.
    const { service: target, changes } = await openLibrary({ dialogs: dialogsAnswering({ open: file }) })
    await target.editArticleText({ id: TRADE, text: bodyText((await source.getArticle({ id: TRADE })).blocks) })
    expect(await target.importAnnotations()).toEqual({ status: 'done', path: file, added: 5, skipped: 0, orphaned: 1 })
    expect(await highlights(target)).toEqual(await highlights(source))
    expect((await target.listTags()).map((tag) => tag.name).sort()).toEqual(['An ninh hàng hải', 'APEC', 'Biển Đông'].sort())
    expect(changes.at(-1)).toMatchObject({ articles: [], annotations: [CONSULTATIONS, TRADE], tags: true })

    // Importing again adds nothing.
    expect(await target.importAnnotations()).toEqual({ status: 'done', path: file, added: 0, skipped: 5, orphaned: 0 })
  })

  it('re-anchors a file made before an edit in the current text, and skips annotations of unknown articles', async () => {
    const file = join(await tempDir(), 'old.jsonld')
    const { service } = await openLibrary({ dialogs: dialogsAnswering({ save: file, open: file }) })
    const bitel = await annotate(service, CONSULTATIONS, 'Bitel, công ty con của Tập đoàn Viettel', { color: 'pink' })
    await service.exportAnnotations()
    const json = JSON.parse(await readFile(file, 'utf8'))
    json.first.items.push({ ...json.first.items[0], id: 'urn:example:other', target: { ...json.first.items[0].target, source: 'https://example.org/not-here' } })
    json.total = 2
    await writeFile(file, JSON.stringify(json))
    await service.deleteAnnotations({ articleId: CONSULTATIONS, ids: [bitel.id] })
    const text = bodyText((await service.getArticle({ id: CONSULTATIONS })).blocks)
    await service.editArticleText({ id: CONSULTATIONS, text: `Tin vắn.\n\n${text}` })

    expect(await service.importAnnotations()).toMatchObject({ added: 1, skipped: 1, orphaned: 0 })
    const [restored] = await service.getAnnotations({ articleId: CONSULTATIONS })
    expect(restored).toMatchObject({ id: bitel.id, status: 'anchored', articleRevision: 2, color: 'pink', quote: { exact: bitel.quote.exact } })
    expect(restored!.position.start).toBe(bitel.position.start + 'Tin vắn.\n\n'.length)
  })

  it('returns cancelled when the user cancels a dialog, writing nothing', async () => {
    const { service, changes } = await openLibrary({ dialogs: dialogsAnswering({}) })
    expect(await service.exportAnnotations()).toEqual({ status: 'cancelled' })
    expect(await service.importAnnotations()).toEqual({ status: 'cancelled' })
    expect(changes).toEqual([])
  })

  const malformed: [string, string, RegExp][] = [
    ['not JSON', '{"type": "Annotation", ', /^The file .*bad\.jsonld is not a JSON file \(.+\)\.$/],
    ['not annotations', '{"hello": "world"}', /^The file .*bad\.jsonld cannot be imported: type: expected “Annotation”, “AnnotationCollection” or “AnnotationPage”$/],
    [
      'an empty quote in the third annotation',
      'GOOD,GOOD,EMPTY',
      /^The file .*bad\.jsonld cannot be imported: \[2\]\.target\.selector\[0\]\.exact: the quote in “exact” is empty$/,
    ],
    ['a collection whose total is wrong', 'TOTAL', /^The file .*bad\.jsonld cannot be imported: total: the collection says it holds 5 annotations but the file contains 1$/],
  ]

  it.each(malformed)('refuses a file with %s, naming the file, the place and the reason, and changes nothing', async (_label, content, message) => {
    const dir = await tempDir()
    const file = join(dir, 'bad.jsonld')
    const { service, dir: libraryDir, changes } = await openLibrary({ dialogs: dialogsAnswering({ open: file }) })
    const good = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Never created' }],
      target: { source: `urn:briefing-desk:article:${CONSULTATIONS}`, selector: { type: 'TextQuoteSelector', exact: 'Lima' } },
    }
    const empty = { ...good, target: { ...good.target, selector: [{ type: 'TextQuoteSelector', exact: '' }] } }
    const text =
      content === 'GOOD,GOOD,EMPTY'
        ? JSON.stringify([good, good, empty])
        : content === 'TOTAL'
          ? JSON.stringify({ '@context': good['@context'], type: 'AnnotationCollection', total: 5, first: { type: 'AnnotationPage', items: [good] } })
          : content
    await writeFile(file, text)
    await expect(service.importAnnotations()).rejects.toMatchObject({ code: expect.stringMatching(/^annotations\./), message: expect.stringMatching(message) })
    expect(await readdir(join(libraryDir, 'annotations'))).toEqual([])
    expect(await service.listTags()).toEqual([])
    expect(changes).toEqual([])
  })

  it('refuses a missing file by name', async () => {
    const missing = join(await tempDir(), 'missing.jsonld')
    const { service } = await openLibrary({ dialogs: dialogsAnswering({ open: missing }) })
    await expect(service.importAnnotations()).rejects.toMatchObject({ code: 'annotations.fileNotFound', message: `The file ${missing} does not exist.` })
  })

  it('reports an export it cannot write by file name', async () => {
    const file = join(await tempDir(), 'no-such-folder', 'out.jsonld')
    const { service } = await openLibrary({ dialogs: dialogsAnswering({ save: file }) })
    await annotate(service, CONSULTATIONS, 'Lima')
    await expect(service.exportAnnotations()).rejects.toMatchObject({ code: 'annotations.writeFailed', message: expect.stringContaining(`The annotations could not be written to ${file}: `) })
  })
})

describe('W3C import from another tool', () => {
  it('matches a web page IRI to the article imported from that URL, placing the passage by its quote', async () => {
    const dir = await tempDir()
    // An article imported from the web carries its URL.
    const store = await LibraryStore.open(dir)
    const built = buildArticle('date 2024-10-04\nHợp tác viễn thông\n\nBitel mở rộng mạng lưới tại Peru.\n\nHai bên trao đổi về Biển Đông.', {
      origin: { kind: 'file', name: 'page.html' },
      importedAt: new Date('2026-01-01T00:00:00Z'),
    })!
    await store.addArticles([{ ...built, url: 'https://example.vn/tin/bitel-peru' }])
    await store.close()
    const file = join(dir, 'hypothesis.json')
    await writeFile(
      file,
      JSON.stringify([
        {
          '@context': 'http://www.w3.org/ns/anno.jsonld',
          type: 'Annotation',
          id: 'https://hypothes.is/a/abc123',
          bodyValue: 'From the browser',
          target: {
            source: 'https://example.vn/tin/bitel-peru',
            selector: [
              { type: 'TextPositionSelector', start: 9000, end: 9009 },
              { type: 'TextQuoteSelector', exact: 'Biển Đông', prefix: 'trao đổi về ', suffix: '.' },
              { type: 'XPathSelector', value: '/p[2]' },
            ],
          },
        },
      ]),
    )
    const { service } = await openLibrary({ dir, samples: false, dialogs: dialogsAnswering({ open: file }) })
    expect(await service.importAnnotations()).toMatchObject({ added: 1, skipped: 0, orphaned: 0 })
    const [annotation] = await service.getAnnotations({ articleId: built.id })
    const text = bodyText(built.blocks)
    expect(annotation).toMatchObject({ status: 'anchored', color: 'yellow', note: 'From the browser', quote: { exact: 'Biển Đông' } })
    expect(text.slice(annotation!.position.start, annotation!.position.end)).toBe('Biển Đông')
  })
})

describe('W3C export of an inconsistent library', () => {
  it('exports a highlight whose stored position no longer holds its quote by its quote only, instead of failing or lying', async () => {
    const dir = await tempDir()
    const { service } = await openLibrary({ dir })
    await annotate(service, CONSULTATIONS, 'Biển Đông')
    const good = await annotate(service, CONSULTATIONS, 'Lima')
    await closeLibrary(service)
    // Something (not this app's code) moved a position without re-anchoring.
    const store = await LibraryStore.open(dir)
    const [first, second] = await store.getAnnotations(CONSULTATIONS)
    const broken = first!.id === good.id ? second! : first!
    await store.setAnnotations(CONSULTATIONS, [good, { ...broken, position: { type: 'TextPositionSelector', start: 3, end: 12 } }])
    await store.close()

    const file = join(dir, 'out.jsonld')
    const { service: reopened } = await openLibrary({ dir, dialogs: dialogsAnswering({ save: file }) })
    expect(await reopened.exportAnnotations()).toMatchObject({ status: 'done', count: 2 })
    const items = JSON.parse(await readFile(file, 'utf8')).first.items as { target: { selector: { type: string; exact?: string }[] } }[]
    const selectorsOf = (quote: string) => items.find((item) => item.target.selector[0]!.exact === quote)!.target.selector.map((selector) => selector.type)
    expect(selectorsOf('Lima')).toEqual(['TextQuoteSelector', 'TextPositionSelector'])
    expect(selectorsOf('Biển Đông')).toEqual(['TextQuoteSelector'])
  })
})
