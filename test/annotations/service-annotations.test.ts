import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/common/errors'
import { bodyText } from '../../src/common/model/article'
import type { BriefingService } from '../../src/node/service'
import { closeLibrary, CONSULTATIONS, openLibrary } from './open-library'

async function textOf(service: BriefingService, id = CONSULTATIONS): Promise<string> {
  return bodyText((await service.getArticle({ id })).blocks)
}

/** The offsets of the `n`-th (from 1) occurrence of `quote` in `text`. */
function rangeOf(text: string, quote: string, n = 1): { start: number; end: number } {
  let at = -1
  for (let i = 0; i < n; i++) at = text.indexOf(quote, at + 1)
  if (at === -1) throw new Error(`test text lacks “${quote}”`)
  return { start: at, end: at + quote.length }
}

async function expectAppError(promise: Promise<unknown>, code: string, params: Record<string, unknown> = {}): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(AppError)
  expect(error).toMatchObject({ code, params: expect.objectContaining(params) })
  return error as AppError
}

describe('annotations through the service', () => {
  it('creates a highlight with both selectors, a note and tags created on the fly, durably', async () => {
    const { service, dir, changes } = await openLibrary()
    const text = await textOf(service)
    const created = await service.createAnnotation({
      articleId: CONSULTATIONS,
      ...rangeOf(text, 'viễn thông'),
      color: 'green',
      note: 'Bitel: **Viettel** in Peru',
      tags: ['Viễn thông', 'Peru'],
    })
    expect(created).toMatchObject({
      articleId: CONSULTATIONS,
      articleRevision: 1,
      status: 'anchored',
      color: 'green',
      note: 'Bitel: **Viettel** in Peru',
      quote: { type: 'TextQuoteSelector', exact: 'viễn thông', prefix: text.slice(created.position.start - 32, created.position.start) },
      position: { type: 'TextPositionSelector', ...rangeOf(text, 'viễn thông') },
    })
    const tags = await service.listTags()
    expect(tags.map((tag) => [tag.name, tag.color, tag.parentId])).toEqual([
      ['Viễn thông', null, null],
      ['Peru', null, null],
    ])
    expect(created.tagIds).toEqual(tags.map((tag) => tag.id))
    expect(changes).toEqual([expect.objectContaining({ articles: [], annotations: [CONSULTATIONS], tags: true })])

    // Reopened from disk: the same record.
    await closeLibrary(service)
    const reopened = await openLibrary({ dir })
    expect(await reopened.service.getAnnotations({ articleId: CONSULTATIONS })).toEqual([created])
    expect(await readdir(join(dir, 'annotations'))).toEqual([`${CONSULTATIONS}.json`])
  })

  it('matches tag names ignoring case, diacritics and spacing, names and aliases alike, and creates no duplicates', async () => {
    const { service } = await openLibrary()
    const text = await textOf(service)
    const first = await service.createAnnotation({ articleId: CONSULTATIONS, ...rangeOf(text, 'APEC'), color: 'yellow', tags: ['Hợp tác kinh tế'] })
    const second = await service.createAnnotation({
      articleId: CONSULTATIONS,
      ...rangeOf(text, 'CPTPP'),
      color: 'blue',
      tags: ['hop  tac KINH te', 'HỢP TÁC KINH TẾ', 'CPTPP'],
    })
    expect(second.tagIds).toHaveLength(2)
    expect(second.tagIds[0]).toBe(first.tagIds[0])
    expect((await service.listTags()).map((tag) => tag.name)).toEqual(['Hợp tác kinh tế', 'CPTPP'])
  })

  it('updates colour, note and tags, and undoes the update by restoring the old record', async () => {
    const { service, changes } = await openLibrary()
    const text = await textOf(service)
    const original = await service.createAnnotation({ articleId: CONSULTATIONS, ...rangeOf(text, 'Biển Đông'), color: 'yellow', note: 'first', tags: ['maritime'] })
    const updated = await service.updateAnnotation({ articleId: CONSULTATIONS, id: original.id, color: 'pink', note: 'second', tags: [] })
    expect(updated).toMatchObject({ id: original.id, color: 'pink', note: 'second', tagIds: [], quote: original.quote, position: original.position })
    const onlyColour = await service.updateAnnotation({ articleId: CONSULTATIONS, id: original.id, color: 'purple' })
    expect(onlyColour).toMatchObject({ color: 'purple', note: 'second' })

    expect(await service.restoreAnnotations({ articleId: CONSULTATIONS, annotations: [original] })).toEqual([original])
    expect(await service.getAnnotations({ articleId: CONSULTATIONS })).toEqual([original])
    expect(changes).toHaveLength(4)
  })

  it('deletes highlights, returns them, and restores them exactly (undo)', async () => {
    const { service } = await openLibrary()
    const text = await textOf(service)
    const a = await service.createAnnotation({ articleId: CONSULTATIONS, ...rangeOf(text, 'Lima'), color: 'yellow' })
    const b = await service.createAnnotation({ articleId: CONSULTATIONS, ...rangeOf(text, 'Bitel'), color: 'blue', note: 'telecom' })
    const c = await service.createAnnotation({ articleId: CONSULTATIONS, ...rangeOf(text, 'ASEAN'), color: 'green' })
    const removed = await service.deleteAnnotations({ articleId: CONSULTATIONS, ids: [a.id, c.id] })
    expect(removed.map((x) => x.id).sort()).toEqual([a.id, c.id].sort())
    expect(await service.getAnnotations({ articleId: CONSULTATIONS })).toEqual([b])
    await service.restoreAnnotations({ articleId: CONSULTATIONS, annotations: removed })
    expect(await service.getAnnotations({ articleId: CONSULTATIONS })).toEqual([a, c, b].sort((x, y) => x.position.start - y.position.start))
  })

  it('lets highlights overlap and nest', async () => {
    const { service } = await openLibrary()
    const text = await textOf(service)
    const outer = rangeOf(text, 'Diễn đàn Hợp tác Kinh tế châu Á-Thái Bình Dương (APEC)')
    const inner = rangeOf(text, 'Hợp tác Kinh tế')
    await service.createAnnotation({ articleId: CONSULTATIONS, ...outer, color: 'yellow' })
    await service.createAnnotation({ articleId: CONSULTATIONS, ...inner, color: 'pink' })
    await service.createAnnotation({ articleId: CONSULTATIONS, start: outer.start - 5, end: outer.start + 8, color: 'blue' })
    const listed = await service.getAnnotations({ articleId: CONSULTATIONS })
    expect(listed.map((x) => x.color)).toEqual(['blue', 'yellow', 'pink'])
  })

  it.each([
    ['an empty range', { start: 10, end: 10 }, 'annotation.emptyRange'],
    ['a reversed range', { start: 20, end: 10 }, 'annotation.emptyRange'],
    ['a range past the end', { start: 10, end: 1_000_000 }, 'annotation.outsideText'],
  ])('refuses %s with a clear message and writes nothing', async (_label, range, code) => {
    const { service, dir, changes } = await openLibrary()
    await expectAppError(service.createAnnotation({ articleId: CONSULTATIONS, ...range, color: 'yellow', tags: ['never created'] }), code)
    expect(await service.listTags()).toEqual([])
    expect(await readdir(join(dir, 'annotations'))).toEqual([])
    expect(changes).toEqual([])
  })

  it('refuses a range that cuts an emoji in half', async () => {
    const { service } = await openLibrary()
    const edited = `${await textOf(service)}\n\nKết thúc 🇻🇳 hết.`
    await service.editArticleText({ id: CONSULTATIONS, text: edited })
    const text = await textOf(service)
    const flag = text.indexOf('🇻🇳')
    const error = await expectAppError(service.createAnnotation({ articleId: CONSULTATIONS, start: flag + 1, end: flag + 4, color: 'yellow' }), 'annotation.splitsCharacter')
    expect(error.message).toBe(`The selection ${flag + 1}–${flag + 4} cuts a character (such as an emoji) in half.`)
    const whole = await service.createAnnotation({ articleId: CONSULTATIONS, start: flag, end: flag + 4, color: 'yellow' })
    expect(whole.quote.exact).toBe('🇻🇳')
  })

  it('names the unknown article or highlight', async () => {
    const { service } = await openLibrary()
    await expectAppError(service.createAnnotation({ articleId: 'ffffffffffff', start: 0, end: 3, color: 'yellow' }), 'article.notFound', { id: 'ffffffffffff' })
    await expectAppError(service.updateAnnotation({ articleId: CONSULTATIONS, id: 'an_0000000000000000', note: 'x' }), 'annotation.notFound', { id: 'an_0000000000000000' })
    await expectAppError(service.deleteAnnotations({ articleId: CONSULTATIONS, ids: ['an_0000000000000000'] }), 'annotation.notFound')
  })

  it('refuses to restore records of another article, twice the same id, or with unknown tags, changing nothing', async () => {
    const { service } = await openLibrary()
    const text = await textOf(service)
    const record = await service.createAnnotation({ articleId: CONSULTATIONS, ...rangeOf(text, 'Lima'), color: 'yellow' })
    const other = 'c3c0090a9111'
    await expectAppError(service.restoreAnnotations({ articleId: other, annotations: [record] }), 'annotation.wrongArticle', { owner: CONSULTATIONS })
    await expectAppError(service.restoreAnnotations({ articleId: CONSULTATIONS, annotations: [record, record] }), 'annotation.duplicateId')
    await expectAppError(
      service.restoreAnnotations({ articleId: CONSULTATIONS, annotations: [{ ...record, note: 'changed', tagIds: ['tg_0123456789abcdef'] }] }),
      'annotation.unknownTag',
      { tagId: 'tg_0123456789abcdef' },
    )
    expect(await service.getAnnotations({ articleId: CONSULTATIONS })).toEqual([record])
    expect(await service.getAnnotations({ articleId: other })).toEqual([])
  })

  it('serialises concurrent writes: no highlight is lost when many are created at once', async () => {
    const { service } = await openLibrary()
    const text = await textOf(service)
    const words = ['Lima', 'Peru', 'APEC', 'CPTPP', 'ASEAN', 'Bitel', 'Viettel', 'Brazil']
    await Promise.all(words.map((word, i) => service.createAnnotation({ articleId: CONSULTATIONS, ...rangeOf(text, word), color: 'yellow', tags: [`t${i % 3}`] })))
    expect(await service.getAnnotations({ articleId: CONSULTATIONS })).toHaveLength(words.length)
    expect(await service.listTags()).toHaveLength(3)
  })
})
