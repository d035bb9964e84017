import type { Annotation } from '../src/common/model/annotation'
import type { Article } from '../src/common/model/article'
import { formatId } from '../src/common/model/ids'

/** What single-file lowdb holds in the store benchmark: everything in one JSON document. */
export interface SingleFileLibrary {
  articles: Article[]
  annotations: Annotation[]
}

/** A plausible annotation on `text` (an article's first paragraph or excerpt), numbered `n`. */
export function syntheticAnnotation(articleId: string, text: string, n: number): Annotation {
  const start = (n * 7) % Math.max(1, text.length - 60)
  const end = Math.min(text.length, start + 40)
  return {
    id: formatId('annotation', (n + 1).toString(16).padStart(16, '0')),
    articleId,
    articleRevision: 1,
    quote: { type: 'TextQuoteSelector', exact: text.slice(start, end) || 'x', prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
    position: { type: 'TextPositionSelector', start, end: Math.max(end, start + 1) },
    status: 'anchored',
    color: (['yellow', 'green', 'blue', 'pink', 'purple'] as const)[n % 5]!,
    note: n % 3 === 0 ? 'Cần đối chiếu số liệu với báo cáo của Đại sứ quán.' : '',
    tagIds: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }
}
