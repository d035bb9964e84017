import { describe, expect, it } from 'vitest'
import { describe as describeRange } from '../../src/common/anchoring/describe'
import type { Annotation } from '../../src/common/model/annotation'
import { bodyText, type Article } from '../../src/common/model/article'
import { buildArticle } from '../../src/node/library/build-article'
import { LibraryStore } from '../../src/node/store/library-store'
import { tempDir } from '../helpers'

const importedAt = new Date('2026-01-01T00:00:00Z')

describe('LibraryStore.commit with articles', () => {
  it('writes a new revision of an article, its summary and its annotations as one change', async () => {
    const dir = await tempDir()
    const store = await LibraryStore.open(dir)
    const first = buildArticle('Tiêu đề thứ nhất\n\nĐoạn mở đầu của bài viết thứ nhất về hợp tác.', { origin: { kind: 'paste', name: null }, importedAt })!
    const second = buildArticle('Tiêu đề thứ hai\n\nĐoạn mở đầu của bài viết thứ hai về thương mại.', { origin: { kind: 'paste', name: null }, importedAt })!
    await store.addArticles([first, second])
    const revised: Article = { ...first, title: 'Tiêu đề đã sửa', revision: 2, blocks: [{ kind: 'paragraph', text: 'Một đoạn mới.' }, ...first.blocks] }
    const text = bodyText(revised.blocks)
    const described = describeRange(text, text.indexOf('Đoạn mở đầu'), text.indexOf('Đoạn mở đầu') + 11)
    const annotation: Annotation = {
      id: 'an_0000000000000001',
      articleId: first.id,
      articleRevision: 2,
      quote: described.quote,
      position: described.position,
      status: 'anchored',
      color: 'green',
      note: '',
      tagIds: [],
      createdAt: importedAt.toISOString(),
      updatedAt: importedAt.toISOString(),
    }
    await store.commit({ articles: [revised], annotations: new Map([[first.id, [annotation]]]) })
    // In memory: the index keeps its order and shows the new summary.
    expect(store.listArticles().map((summary) => [summary.id, summary.title, summary.revision])).toEqual([
      [first.id, 'Tiêu đề đã sửa', 2],
      [second.id, second.title, 1],
    ])
    await store.close()

    const reopened = await LibraryStore.open(dir, { mode: 'read' })
    expect(await reopened.getArticle(first.id)).toEqual(revised)
    expect(await reopened.getAnnotations(first.id)).toEqual([annotation])
    expect(reopened.listArticles().find((summary) => summary.id === first.id)?.title).toBe('Tiêu đề đã sửa')
    expect(reopened.recoveryEvents).toEqual([])
    await reopened.close()
  })
})
