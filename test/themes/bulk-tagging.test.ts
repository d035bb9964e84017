import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Annotation } from '../../src/common/model/annotation'
import { createDispatcher } from '../../src/node/dispatch'
import type { LibraryChange } from '../../src/common/model/library-change'
import type { BriefingService } from '../../src/node/service'
import { HIGHLIGHTS, openService, seededLibrary } from './library'

/** Bulk tagging (issue 6): tagAnnotations on the real store, in real temp folders. */

const services: BriefingService[] = []
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()))
})

async function open(dir: string): Promise<BriefingService> {
  const service = await openService(dir)
  services.push(service)
  return service
}

/** The tags file and every annotations file, as stored on disk. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = { 'tags.json': JSON.stringify(JSON.parse(await readFile(join(dir, 'tags.json'), 'utf8')).tags) }
  for (const name of (await readdir(join(dir, 'annotations'))).filter((file) => file.endsWith('.json')).sort()) {
    files[name] = JSON.stringify(JSON.parse(await readFile(join(dir, 'annotations', name), 'utf8')).annotations)
  }
  return files
}

async function allAnnotations(service: BriefingService): Promise<Annotation[]> {
  return (await Promise.all((await service.listArticles()).map((article) => service.getAnnotations({ articleId: article.id })))).flat()
}

async function tagId(service: BriefingService, name: string): Promise<string> {
  const tag = (await service.listTags()).find((candidate) => candidate.name === name)
  if (tag === undefined) throw new Error(`no tag ${name}`)
  return tag.id
}

describe('bulk tagging', () => {
  it('adds a tag to highlights of two articles in one change, and undo restores the files exactly', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const service = await open(dir)
    const before = await snapshot(dir)
    const changes: LibraryChange[] = []
    service.onLibraryChange((change) => changes.push(change))
    const all = await allAnnotations(service)
    const trade = await tagId(service, 'Trade')
    // Typed without case or accents, as in the tag box: it finds the existing theme.
    const result = await service.tagAnnotations({ annotationIds: all.map((annotation) => annotation.id), addTags: ['trade'] })
    expect(result.tagId).toBe(trade)
    expect(result.annotationsChanged).toBe(3) // one highlight had Trade already
    expect(changes).toHaveLength(1)
    expect(new Set(changes[0]!.annotations)).toEqual(new Set(all.map((annotation) => annotation.articleId)))
    const after = await allAnnotations(service)
    expect(after.every((annotation) => annotation.tagIds.filter((id) => id === trade).length === 1)).toBe(true)
    // The highlight that had Trade already is untouched, down to its updatedAt.
    const had = all.find((annotation) => annotation.tagIds.includes(trade))!
    expect(after.find((annotation) => annotation.id === had.id)).toEqual(had)

    await service.restoreTagState({ undo: result.undo })
    expect(await snapshot(dir)).toEqual(before)
  })

  it('creates a tag that does not exist yet, and undo removes it again', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const service = await open(dir)
    const before = await snapshot(dir)
    const ids = (await allAnnotations(service)).slice(0, 2).map((annotation) => annotation.id)
    const result = await service.tagAnnotations({ annotationIds: ids, addTags: ['Hợp tác năng lượng'] })
    const created = result.tags.find((tag) => tag.name === 'Hợp tác năng lượng')
    expect(created).toMatchObject({ id: result.tagId, parentId: null })
    expect((await allAnnotations(service)).filter((annotation) => annotation.tagIds.includes(created!.id)).map((annotation) => annotation.id).sort()).toEqual([...ids].sort())
    const restored = await service.restoreTagState({ undo: result.undo })
    expect(restored.some((tag) => tag.id === created!.id)).toBe(false)
    expect(await snapshot(dir)).toEqual(before)
  })

  it('removes and adds in the same change', async () => {
    const service = await open(await seededLibrary(HIGHLIGHTS))
    const [telecom, investment, trade] = await Promise.all(['Telecommunications', 'Investment', 'Trade'].map((name) => tagId(service, name)))
    const bitel = (await allAnnotations(service)).find((annotation) => annotation.quote.exact.startsWith('Bitel'))!
    const result = await service.tagAnnotations({ annotationIds: [bitel.id], addTags: ['Trade'], removeTagIds: [investment!] })
    expect(result.annotationsChanged).toBe(1)
    expect((await service.getAnnotations({ articleId: bitel.articleId })).find((annotation) => annotation.id === bitel.id)?.tagIds).toEqual([telecom, trade])
  })

  it('refuses unknown highlight ids, naming them, and changes nothing', async () => {
    const dir = await seededLibrary(HIGHLIGHTS)
    const service = await open(dir)
    const before = await snapshot(dir)
    const ids = (await allAnnotations(service)).map((annotation) => annotation.id)
    await expect(service.tagAnnotations({ annotationIds: [...ids, 'an_ffffffffffffffff'], addTags: ['Một thẻ mới'] })).rejects.toMatchObject({
      code: 'tag.unknownAnnotations',
      message: 'No highlight has the id “an_ffffffffffffffff”; nothing was changed.',
    })
    await expect(service.tagAnnotations({ annotationIds: ids, removeTagIds: ['tg_ffffffffffffffff'] })).rejects.toMatchObject({ code: 'tag.notFound' })
    const trade = await tagId(service, 'Trade')
    await expect(service.tagAnnotations({ annotationIds: ids, addTags: ['Trade'], removeTagIds: [trade] })).rejects.toMatchObject({ code: 'tag.addAndRemove', params: { name: 'Trade' } })
    await expect(service.tagAnnotations({ annotationIds: ids })).rejects.toMatchObject({ code: 'tag.nothingToChange' })
    expect(await snapshot(dir)).toEqual(before)
    expect((await service.listTags()).some((tag) => tag.name === 'Một thẻ mới')).toBe(false)
  })

  it('undo keeps a tag it created when another highlight has carried it since', async () => {
    const service = await open(await seededLibrary(HIGHLIGHTS))
    const all = await allAnnotations(service)
    const apec = all.find((annotation) => annotation.quote.exact.includes('APEC'))!
    const others = all.filter((annotation) => annotation.articleId !== apec.articleId)
    const result = await service.tagAnnotations({ annotationIds: others.map((annotation) => annotation.id), addTags: ['Năng lượng'] })
    // Later, in another article, the single-highlight tag box uses the new tag.
    await service.updateAnnotation({ articleId: apec.articleId, id: apec.id, tags: ['Năng lượng'] })
    const restored = await service.restoreTagState({ undo: result.undo })
    expect(restored.find((tag) => tag.id === result.tagId)?.name).toBe('Năng lượng')
    const after = await allAnnotations(service)
    expect(after.filter((annotation) => annotation.tagIds.includes(result.tagId!)).map((annotation) => annotation.id)).toEqual([apec.id])
  })

  it('undo puts back only the tags it changed: a highlight added or noted since stays as it is now', async () => {
    const service = await open(await seededLibrary(HIGHLIGHTS))
    const all = await allAnnotations(service)
    const first = all[0]!
    const result = await service.tagAnnotations({ annotationIds: all.map((annotation) => annotation.id), addTags: ['Năng lượng'] })
    // Before the toast's Undo is pressed: a new highlight in the same article, a note on a tagged one.
    const added = await service.createAnnotation({ articleId: first.articleId, start: 0, end: 5, color: 'green' })
    await service.updateAnnotation({ articleId: first.articleId, id: first.id, note: 'Ghi chú viết sau' })
    await service.restoreTagState({ undo: result.undo })
    const after = await allAnnotations(service)
    expect(after.find((annotation) => annotation.id === added.id)).toMatchObject({ color: 'green' })
    expect(after.find((annotation) => annotation.id === first.id)).toMatchObject({ note: 'Ghi chú viết sau', tagIds: first.tagIds })
    for (const annotation of all) expect(after.find((candidate) => candidate.id === annotation.id)?.tagIds).toEqual(annotation.tagIds)
  })

  it('is refused at the boundary with extra fields or too many ids', async () => {
    const service = await open(await seededLibrary([]))
    const dispatch = createDispatcher(service)
    const extra = await dispatch('tagAnnotations', { annotationIds: ['an_0000000000000001'], addTags: ['x'], mode: 'add' })
    expect(extra).toMatchObject({ ok: false })
    const many = await dispatch('tagAnnotations', { annotationIds: Array.from({ length: 2001 }, (_, i) => `an_${i.toString(16).padStart(16, '0')}`), addTags: ['x'] })
    expect(many).toMatchObject({ ok: false })
  })
})
