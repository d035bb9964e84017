import { randomBytes } from 'node:crypto'
import type { Annotation } from '../../src/common/model/annotation'
import type { Article } from '../../src/common/model/article'
import type { Brief } from '../../src/common/model/brief'
import { formatId } from '../../src/common/model/ids'
import type { Tag } from '../../src/common/model/tag'
import { buildArticle } from '../../src/node/library/build-article'

/** Small, valid records for store tests, written for this project. */
export function article(n = 1): Article {
  const built = buildArticle(
    `date 2024-10-0${(n % 9) + 1}\nBài thử số ${n}: hợp tác viễn thông Việt Nam-Peru\n\nĐoạn thứ nhất của bài ${n} nói về Bitel và 7,1 triệu thuê bao.\n\nĐoạn thứ hai của bài ${n} nói về kim ngạch 600 triệu USD./.`,
    { origin: { kind: 'paste', name: null }, importedAt: new Date('2026-01-02T03:04:05Z') },
  )
  if (built === null) throw new Error('fixture article has no body')
  return built
}

export function annotation(articleId: string, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: formatId('annotation', randomBytes(8).toString('hex')),
    articleId,
    articleRevision: 1,
    quote: { type: 'TextQuoteSelector', exact: 'Bitel', prefix: 'nói về ', suffix: ' và 7,1' },
    position: { type: 'TextPositionSelector', start: 30, end: 35 },
    status: 'anchored',
    color: 'yellow',
    note: '',
    tagIds: [],
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    ...overrides,
  }
}

export function tag(name: string, overrides: Partial<Tag> = {}): Tag {
  return { id: formatId('tag', randomBytes(8).toString('hex')), name, parentId: null, color: '#1d4e89', aliases: [], keywords: [], ...overrides }
}

export function sampleBrief(title: string): Brief {
  return {
    id: formatId('brief', randomBytes(8).toString('hex')),
    title,
    occasion: 'Tham vấn chính trị lần thứ 6',
    date: '2026-03-01',
    audience: 'Vụ châu Mỹ',
    marking: 'Internal',
    templateId: null,
    sections: [],
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
  }
}
