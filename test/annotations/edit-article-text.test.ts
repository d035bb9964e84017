import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LibraryStore } from '../../src/node/store/library-store'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/common/errors'
import { bodyText } from '../../src/common/model/article'
import type { BriefingService } from '../../src/node/service'
import { closeLibrary, CONSULTATIONS, openLibrary } from './open-library'

async function textOf(service: BriefingService): Promise<string> {
  return bodyText((await service.getArticle({ id: CONSULTATIONS })).blocks)
}

async function highlight(service: BriefingService, quote: string, occurrence = 1) {
  const text = await textOf(service)
  let at = -1
  for (let i = 0; i < occurrence; i++) at = text.indexOf(quote, at + 1)
  if (at === -1) throw new Error(`test text lacks “${quote}”`)
  return service.createAnnotation({ articleId: CONSULTATIONS, start: at, end: at + quote.length, color: 'yellow', note: quote })
}

/** The passage each annotation points at in the current text (null for an orphan). */
async function passages(service: BriefingService): Promise<(string | null)[]> {
  const text = await textOf(service)
  return (await service.getAnnotations({ articleId: CONSULTATIONS })).map((a) => (a.status === 'orphan' ? null : text.slice(a.position.start, a.position.end)))
}

describe('editArticleText', () => {
  it('moves highlights with their text after edits before, inside and after them', async () => {
    const { service, changes } = await openLibrary()
    const envoy = await highlight(service, 'Đại sứ Bùi Văn Nghị')
    const asean = await highlight(service, 'quan hệ giữa ASEAN và Liên minh Thái Bình Dương')
    const sea = await highlight(service, 'tình hình Biển Đông')
    const original = await textOf(service)
    const edited = original
      .replace('Ngày 3/10, tại', 'Hôm 3/10/2024, tại') // before all three
      .replace('quan hệ giữa ASEAN và', 'quan hệ giữa khối ASEAN và') // inside the second
      .concat('\n\nĐoạn mới thêm vào cuối bài.') // after all of them
    const result = await service.editArticleText({ id: CONSULTATIONS, text: edited })

    expect(result.article.revision).toBe(2)
    expect(result.orphaned).toBe(0)
    expect(result.moved).toBe(3)
    expect(await passages(service)).toEqual(['Đại sứ Bùi Văn Nghị', 'quan hệ giữa khối ASEAN và Liên minh Thái Bình Dương', 'tình hình Biển Đông'])
    const byId = new Map(result.annotations.map((a) => [a.id, a]))
    expect(byId.get(envoy.id)?.position.start).toBe(envoy.position.start + 'Hôm 3/10/2024, tại'.length - 'Ngày 3/10, tại'.length)
    expect(byId.get(asean.id)).toMatchObject({ articleRevision: 2, status: 'anchored', note: asean.note, createdAt: asean.createdAt })
    expect(byId.get(sea.id)?.quote.exact).toBe('tình hình Biển Đông')
    expect(changes.at(-1)).toMatchObject({ articles: [CONSULTATIONS], annotations: [CONSULTATIONS], tags: false })
    // The edit is part of the article from now on: a summary with the new revision and hash.
    const summary = (await service.listArticles()).find((article) => article.id === CONSULTATIONS)
    expect(summary).toMatchObject({ revision: 2, contentHash: result.article.contentHash })
  })

  it('keeps the second of two identical sentences the second after an edit before both', async () => {
    const { service } = await openLibrary()
    const repeated = 'Hai bên nhất trí tăng cường hợp tác.'
    const text = await textOf(service)
    await service.editArticleText({ id: CONSULTATIONS, text: `${repeated}\n\n${text}\n\n${repeated}` })
    const second = await highlight(service, repeated, 2)
    const result = await service.editArticleText({ id: CONSULTATIONS, text: `Mở đầu.\n\n${await textOf(service)}` })
    const now = await textOf(service)
    const moved = result.annotations.find((a) => a.id === second.id)!
    expect(moved.position.start).toBe(now.lastIndexOf(repeated))
    expect(moved.position.start).not.toBe(now.indexOf(repeated))
  })

  it('makes a highlight whose passage was deleted an orphan, keeping its quote, and lists it last', async () => {
    const { service, dir } = await openLibrary()
    const kept = await highlight(service, 'Đại sứ Bùi Văn Nghị')
    const doomed = await highlight(service, 'tự do hàng hải, hàng không')
    const text = await textOf(service)
    const seaParagraph = text.split('\n\n').find((block) => block.includes('Biển Đông'))!
    const result = await service.editArticleText({ id: CONSULTATIONS, text: text.replace(`${seaParagraph}\n\n`, '') })
    expect(result.orphaned).toBe(1)
    expect(result.annotations.map((a) => [a.id, a.status])).toEqual([
      [kept.id, 'anchored'],
      [doomed.id, 'orphan'],
    ])
    const orphan = result.annotations[1]!
    expect(orphan.quote).toEqual(doomed.quote)
    expect(orphan.position).toEqual(doomed.position)
    expect(orphan.articleRevision).toBe(1)

    // Durable, and an undo of the edit (putting the paragraph back) brings the highlight back.
    await closeLibrary(service)
    const reopened = (await openLibrary({ dir })).service
    expect((await reopened.getAnnotations({ articleId: CONSULTATIONS })).map((a) => a.status)).toEqual(['anchored', 'orphan'])
    const undone = await reopened.editArticleText({ id: CONSULTATIONS, text })
    expect(undone.annotations.map((a) => [a.id, a.status])).toEqual([
      [kept.id, 'anchored'],
      [doomed.id, 'anchored'],
    ])
    expect(undone.annotations[1]!.position).toEqual(doomed.position)
  })

  it('writes the new text and the re-anchored highlights together, and nothing when the text is unchanged', async () => {
    const { service, dir, changes } = await openLibrary()
    await highlight(service, 'Bitel')
    const text = await textOf(service)
    await service.editArticleText({ id: CONSULTATIONS, text: `Tóm tắt.\n\n${text}` })
    expect(await readdir(dir)).not.toContain('journal.json')
    const articleFile = JSON.parse(await readFile(join(dir, 'articles', `${CONSULTATIONS}.json`), 'utf8'))
    const annotationsFile = JSON.parse(await readFile(join(dir, 'annotations', `${CONSULTATIONS}.json`), 'utf8'))
    // The index on disk is library.json with the changes of library.log since (docs/store.md): read as a read-only open reads it.
    const reader = await LibraryStore.open(dir, { mode: 'read' })
    const index = { articles: [...reader.listArticles()] }
    await reader.close()
    expect(articleFile.article.revision).toBe(2)
    expect(articleFile.article.blocks[0]).toEqual({ kind: 'paragraph', text: 'Tóm tắt.' })
    expect(annotationsFile.annotations[0].articleRevision).toBe(2)
    expect(index.articles.find((a: { id: string }) => a.id === CONSULTATIONS)?.revision).toBe(2)

    const before = changes.length
    const same = await service.editArticleText({ id: CONSULTATIONS, text: `Tóm tắt.\r\n\r\n${text}` })
    expect(same.article.revision).toBe(2)
    expect(changes).toHaveLength(before)
  })

  it('normalises the text: NFC, no invisible characters, one space, blank lines between blocks', async () => {
    const { service } = await openLibrary({ samples: true })
    const original = await service.getArticle({ id: CONSULTATIONS })
    const nfd = bodyText(original.blocks).normalize('NFD').replace('thủ đô Lima'.normalize('NFD'), 'thủ  đô Li\u200Bma'.normalize('NFD')).replace(/\n\n/g, '\n  \n')
    const result = await service.editArticleText({ id: CONSULTATIONS, text: nfd })
    // Only the invisible character and the doubled space differ: after normalising, the same text.
    expect(result.article.revision).toBe(1)
    const withLineBreak = bodyText(original.blocks).replace('thủ đô Lima,', 'thủ đô\nLima,')
    const joined = await service.editArticleText({ id: CONSULTATIONS, text: withLineBreak })
    expect(bodyText(joined.article.blocks)).toBe(bodyText(original.blocks))
  })

  it('refuses an empty text and an unknown article, changing nothing', async () => {
    const { service } = await openLibrary()
    const before = await service.getArticle({ id: CONSULTATIONS })
    await expect(service.editArticleText({ id: CONSULTATIONS, text: ' \n\n \u200B ' })).rejects.toMatchObject({
      code: 'article.emptyText',
      message: `The new text of article ${CONSULTATIONS} is empty: an article needs at least one paragraph.`,
    })
    await expect(service.editArticleText({ id: 'ffffffffffff', text: 'x' })).rejects.toBeInstanceOf(AppError)
    expect(await service.getArticle({ id: CONSULTATIONS })).toEqual(before)
  })

  it('restores a highlight deleted before an edit onto its moved passage (undo after edit)', async () => {
    const { service } = await openLibrary()
    const bitel = await highlight(service, 'Bitel, công ty con của Tập đoàn Viettel')
    const [removed] = await service.deleteAnnotations({ articleId: CONSULTATIONS, ids: [bitel.id] })
    const text = await textOf(service)
    await service.editArticleText({ id: CONSULTATIONS, text: `Bản tin.\n\n${text}` })
    const [restored] = await service.restoreAnnotations({ articleId: CONSULTATIONS, annotations: [removed!] })
    expect(restored).toMatchObject({ id: bitel.id, status: 'anchored', articleRevision: 2 })
    expect(restored!.position.start).toBe(bitel.position.start + 'Bản tin.\n\n'.length)
  })
})
