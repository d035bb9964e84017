import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { Annotation } from '../../src/common/model/annotation'
import { bodyText } from '../../src/common/model/article'
import type { BriefingService } from '../../src/node/service'
import { closeLibrary, CONSULTATIONS, openLibrary } from '../annotations/open-library'

/**
 * Every feature write runs at once with createAnnotation and updateAnnotation, in many
 * interleavings, against the real store on a real folder: nothing acknowledged may be lost or
 * overwritten. Each run starts seven calls at once, each after a number of event-loop turns that
 * fast-check draws (and shrinks), so the store's read-modify-write sections meet in every order.
 */

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

/** Resolves after `n` turns of the event loop (setImmediate: I/O callbacks run in between). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve))
}

interface Library {
  readonly service: BriefingService
  readonly dir: string
  readonly articles: readonly string[]
  readonly texts: ReadonlyMap<string, string>
}

/** What one run of a feature operation does: setup (sequential), the call itself, and what must hold after. */
interface Operation {
  readonly run: () => Promise<unknown>
  readonly check: (result: unknown) => Promise<void>
}

type OperationMaker = (library: Library, run: number) => Promise<Operation>

let counter = 0
const unique = (label: string) => `${label} ${++counter}`

async function highlight(library: Library, articleId: string, note = '', tags: string[] = []): Promise<Annotation> {
  const text = library.texts.get(articleId)!
  const start = (counter * 13) % (text.length - 30)
  counter++
  return library.service.createAnnotation({ articleId, start, end: start + 12, color: 'yellow', note, tags })
}

async function annotationById(service: BriefingService, articleId: string, id: string): Promise<Annotation | undefined> {
  return (await service.getAnnotations({ articleId })).find((annotation) => annotation.id === id)
}

async function tagNamed(service: BriefingService, name: string) {
  return (await service.listTags()).find((tag) => tag.name === name)
}

const operations: Record<string, OperationMaker> = {
  async createTag({ service }) {
    const name = unique('Tạo')
    return { run: () => service.createTag({ name }), check: async () => void expect(await tagNamed(service, name)).toBeDefined() }
  },
  async renameTag({ service }) {
    const { tagId } = await service.createTag({ name: unique('Cũ') })
    const name = unique('Mới')
    return { run: () => service.updateTag({ id: tagId!, name }), check: async () => void expect((await tagNamed(service, name))?.id).toBe(tagId) }
  },
  async mergeTags(library) {
    const { service } = library
    const from = unique('Gộp từ')
    const into = (await service.createTag({ name: unique('Gộp vào') })).tagId!
    const tagged = await highlight(library, library.articles[1]!, '', [from])
    const fromId = (await tagNamed(service, from))!.id
    return {
      run: () => service.mergeTags({ fromId, intoId: into }),
      check: async () => {
        expect(await tagNamed(service, from)).toBeUndefined()
        expect((await annotationById(service, tagged.articleId, tagged.id))?.tagIds).toEqual([into])
      },
    }
  },
  async deleteTag(library) {
    const { service } = library
    const name = unique('Xoá')
    const tagged = await highlight(library, CONSULTATIONS, '', [name])
    const id = (await tagNamed(service, name))!.id
    return {
      run: () => service.deleteTag({ id }),
      check: async () => {
        expect(await tagNamed(service, name)).toBeUndefined()
        expect((await annotationById(service, CONSULTATIONS, tagged.id))?.tagIds).toEqual([])
      },
    }
  },
  async tagAnnotations(library) {
    const { service } = library
    const targets = [await highlight(library, CONSULTATIONS), await highlight(library, library.articles[1]!)]
    const name = unique('Hàng loạt')
    return {
      run: () => service.tagAnnotations({ annotationIds: targets.map((target) => target.id), addTags: [name] }),
      check: async () => {
        const id = (await tagNamed(service, name))!.id
        for (const target of targets) expect((await annotationById(service, target.articleId, target.id))?.tagIds).toContain(id)
      },
    }
  },
  async restoreTagState(library) {
    const { service } = library
    const target = await highlight(library, CONSULTATIONS)
    const name = unique('Hoàn tác')
    const { undo } = await service.tagAnnotations({ annotationIds: [target.id], addTags: [name] })
    return {
      run: () => service.restoreTagState({ undo }),
      check: async () => {
        expect(await tagNamed(service, name)).toBeUndefined()
        expect((await annotationById(service, CONSULTATIONS, target.id))?.tagIds).toEqual([])
      },
    }
  },
  async acceptProposals(library) {
    const { service } = library
    const tagId = (await service.createTag({ name: unique('Đề xuất') })).tagId!
    const articleId = library.articles[1]!
    const text = library.texts.get(articleId)!
    const proposal = { tagId, start: 0, end: 20, quote: text.slice(0, 20), reason: ['test'] }
    return {
      run: () => service.acceptProposals({ articleId, proposals: [proposal] }),
      check: async (result) => {
        const [created] = result as Annotation[]
        expect((await annotationById(service, articleId, created!.id))?.tagIds).toEqual([tagId])
      },
    }
  },
  async importTaxonomy({ service, dir }) {
    await service.createTag({ name: unique('Có sẵn') })
    const file = join(dir, '..', `${dir.split(/[\\/]/).at(-1)}-taxonomy.json`)
    dirs.push(file)
    await service.exportTaxonomyTo(file)
    const exported = JSON.parse(await readFile(file, 'utf8')) as { tags: Array<Record<string, unknown>> }
    const name = unique('Nhập')
    exported.tags.push({ ...exported.tags[0], id: `tg_${String(counter).padStart(16, '0')}`, name, parentId: null, aliases: [], keywords: [] })
    await writeFile(file, JSON.stringify(exported))
    return { run: () => service.importTaxonomyFrom(file), check: async () => void expect(await tagNamed(service, name)).toBeDefined() }
  },
  async importPaste({ service }) {
    const title = unique('Bài dán')
    return {
      run: () => service.importPaste({ text: `${title}\n\nHà Nội, ${title}: đoạn văn bản thử nghiệm đủ dài để được nhập vào thư viện như một bài báo.`, html: null }),
      check: async () => void expect((await service.listArticles()).some((summary) => summary.title.includes(title))).toBe(true),
    }
  },
  async editArticleText({ service }) {
    const before = bodyText((await service.getArticle({ id: CONSULTATIONS })).blocks)
    const added = unique('Câu thêm')
    return {
      run: () => service.editArticleText({ id: CONSULTATIONS, text: `${before}\n\n${added}.` }),
      check: async () => void expect(bodyText((await service.getArticle({ id: CONSULTATIONS })).blocks)).toContain(added),
    }
  },
  async updateArticleMetadata({ service }) {
    const title = unique('Tiêu đề')
    const { source, url, published, language } = await service.getArticle({ id: CONSULTATIONS })
    return {
      run: () => service.updateArticleMetadata({ id: CONSULTATIONS, title, source: source ?? '', url: url ?? '', published: published ?? '', language }),
      check: async () => void expect((await service.getArticle({ id: CONSULTATIONS })).title).toBe(title),
    }
  },
  async deleteAnnotations(library) {
    const doomed = await highlight(library, CONSULTATIONS)
    return {
      run: () => library.service.deleteAnnotations({ articleId: CONSULTATIONS, ids: [doomed.id] }),
      check: async () => void expect(await annotationById(library.service, CONSULTATIONS, doomed.id)).toBeUndefined(),
    }
  },
  async restoreAnnotations(library) {
    const { service } = library
    const record = await highlight(library, CONSULTATIONS, unique('khôi phục'))
    await service.deleteAnnotations({ articleId: CONSULTATIONS, ids: [record.id] })
    return {
      run: () => service.restoreAnnotations({ articleId: CONSULTATIONS, annotations: [record] }),
      check: async () => void expect((await annotationById(service, CONSULTATIONS, record.id))?.note).toBe(record.note),
    }
  },
  async briefEdits({ service }) {
    const created = await service.createBrief({ title: unique('Bản tin') })
    const title = unique('Bản tin sửa')
    return {
      run: () => service.updateBrief({ ...created, title }),
      check: async () => void expect((await service.getBrief({ id: created.id })).brief.title).toBe(title),
    }
  },
}

describe('writes at once: nothing acknowledged is lost or overwritten', () => {
  for (const [name, make] of Object.entries(operations)) {
    it(`${name} with createAnnotation and updateAnnotation, in many interleavings`, { timeout: 240_000 }, async () => {
      const { service, dir } = await openLibrary()
      dirs.push(dir)
      const articles = (await service.listArticles()).map((summary) => summary.id).sort((a, b) => Number(b === CONSULTATIONS) - Number(a === CONSULTATIONS))
      const texts = new Map(await Promise.all(articles.map(async (id) => [id, bodyText((await service.getArticle({ id })).blocks)] as const)))
      const library: Library = { service, dir, articles, texts }

      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat({ max: 8 }), { minLength: 7, maxLength: 7 }), async (delays) => {
          const operation = await make(library, counter)
          // Highlights that the concurrent updates change: one in each of two articles.
          const victims = [await highlight(library, CONSULTATIONS), await highlight(library, articles[1]!)]
          const everyBefore = new Map((await Promise.all(articles.map((id) => service.getAnnotations({ articleId: id })))).flat().map((a) => [a.id, a]))
          const notes = victims.map(() => unique('ghi chú'))
          const creates = [CONSULTATIONS, articles[1]!, CONSULTATIONS].map((articleId) => ({ articleId, note: unique('mới') }))
          const calls: Array<() => Promise<unknown>> = [
            operation.run,
            ...creates.map((create) => () => highlight(library, create.articleId, create.note)),
            ...victims.map((victim, i) => () => service.updateAnnotation({ articleId: victim.articleId, id: victim.id, note: notes[i]! })),
          ]
          const results = await Promise.all(calls.map(async (call, i) => (await turns(delays[i]!), call())))

          await operation.check(results[0])
          for (const [i, created] of (results.slice(1, 4) as Annotation[]).entries()) {
            expect((await annotationById(service, created.articleId, created.id))?.note).toBe(creates[i]!.note)
          }
          for (const [i, victim] of victims.entries()) expect((await annotationById(service, victim.articleId, victim.id))?.note).toBe(notes[i])
          // Nothing that existed before the run went missing, except what the operation deleted.
          const after = new Set((await Promise.all(articles.map((id) => service.getAnnotations({ articleId: id })))).flat().map((a) => a.id))
          const deleted = name === 'deleteAnnotations' ? 1 : 0
          expect([...everyBefore.keys()].filter((id) => !after.has(id))).toHaveLength(deleted)
        }),
        { numRuns: 6 },
      )

      // And on disk, as a fresh process reads it.
      const inMemory = await Promise.all(articles.map((id) => service.getAnnotations({ articleId: id })))
      await closeLibrary(service)
      const { service: reopened } = await openLibrary({ dir })
      expect(await Promise.all(articles.map((id) => reopened.getAnnotations({ articleId: id })))).toEqual(inMemory)
    })
  }
})
