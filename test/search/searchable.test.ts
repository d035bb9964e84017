import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../src/common/model/annotation'
import { bodyText, type Article } from '../../src/common/model/article'
import type { Tag } from '../../src/common/model/tag'
import { search } from '../../src/common/search/search'
import { SearchIndex } from '../../src/common/search/search-index'
import { searchableArticle } from '../../src/common/search/searchable'

const article: Article = {
  id: '87ac6e0b16b8',
  title: 'Viettel và Bitel: mười lăm năm tại Peru',
  source: 'TTXVN',
  url: null,
  published: '2024-10',
  importedAt: '2026-01-01T00:00:00.000Z',
  language: 'vi',
  contentHash: 'a'.repeat(64),
  revision: 3,
  excerpt: 'Bitel có hơn 10 triệu thuê bao.',
  wordCount: 20,
  blocks: [
    { kind: 'paragraph', text: 'Bitel có hơn 10 triệu thuê bao tại Peru.' },
    { kind: 'paragraph', text: 'Mạng lưới cáp quang của Bitel phủ tới các trường học vùng núi.' },
  ],
  captions: [{ text: 'Ảnh: trạm phát sóng của Bitel.', afterBlock: 0 }],
  removed: [],
  origin: { kind: 'paste', name: null },
}

const economy: Tag = { id: 'tg_0000000000000001', name: 'Economy', parentId: null, color: null, aliases: [{ text: 'Kinh tế', lang: 'vi' }], keywords: [] }
const telecom: Tag = { id: 'tg_0000000000000002', name: 'Telecom', parentId: economy.id, color: '#3366cc', aliases: [{ text: 'Viễn thông', lang: 'vi' }], keywords: ['cáp quang'] }

function annotation(id: string, start: number, exact: string, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    articleId: article.id,
    articleRevision: 3,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    status: 'anchored',
    color: 'yellow',
    note: '',
    tagIds: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  }
}

describe('searchableArticle', () => {
  const body = bodyText(article.blocks)
  const later = annotation('an_00000000000000b2', body.indexOf('Mạng lưới'), 'Mạng lưới cáp quang', { tagIds: [telecom.id, 'tg_00000000000000ff'], note: 'Số liệu cho bản tin.' })
  const earlier = annotation('an_00000000000000b1', 0, 'Bitel có hơn 10 triệu thuê bao', { color: 'green' })
  const other = { ...annotation('an_00000000000000b3', 0, 'Bitel'), articleId: 'ffffffffffff' }
  const searchable = searchableArticle(article, [later, other, earlier], [economy, telecom])

  it('takes the body as bodyText, so body offsets are annotation offsets', () => {
    expect(searchable.body).toBe(body)
    expect(searchable).toMatchObject({ id: article.id, stamp: '3', title: article.title, source: 'TTXVN', language: 'vi', published: '2024-10' })
  })

  it('keeps the article’s own annotations, in text order, with tag names, aliases and ancestors', () => {
    expect(searchable.annotations.map((entry) => entry.id)).toEqual(['an_00000000000000b1', 'an_00000000000000b2'])
    expect(searchable.annotations[1]).toEqual({
      id: 'an_00000000000000b2',
      quote: 'Mạng lưới cáp quang',
      note: 'Số liệu cho bản tin.',
      color: 'yellow',
      tags: [{ id: telecom.id, names: ['Telecom', 'Viễn thông'], ancestorNames: ['Economy', 'Kinh tế'] }],
    })
  })

  it('feeds the index: body offsets of hits match the annotation selectors', () => {
    const index = new SearchIndex()
    index.addArticle(searchable)
    const outcome = search(index, 'mang luoi cap quang', { hitsPerArticle: 10 })
    if (!outcome.ok) throw new Error(outcome.error.code)
    const bodyHit = outcome.results[0]!.hits.find((hit) => hit.field === 'body')!
    expect(bodyHit.marks[0]!.start).toBe(later.position.start)
    expect(outcome.results[0]!.hits.some((hit) => hit.field === 'quote' && hit.annotationId === later.id)).toBe(true)
    const tagged = search(index, 'tag:"kinh te"')
    expect(tagged.ok && tagged.results[0]!.hits.map((hit) => hit.annotationId)).toEqual([later.id])
  })
})
