import * as v from 'valibot'
import { AnnotationSchema, type Annotation } from '../../src/common/model/annotation'
import { ArticleSchema, bodyText, type Article, type PartialDate } from '../../src/common/model/article'
import { BriefSchema, PassageItemSchema, type Brief, type Citation, type PassageItem, type Section } from '../../src/common/model/brief'
import { TagSchema, type Tag } from '../../src/common/model/tag'

/** Test records built through the model's schemas, so that they are as valid as stored ones. */
export function articleWith(fields: {
  id: string
  title: string
  source: string | null
  published: PartialDate | null
  paragraphs: readonly string[]
}): Article {
  return v.parse(ArticleSchema, {
    id: fields.id,
    title: fields.title,
    source: fields.source,
    url: null,
    published: fields.published,
    importedAt: '2024-11-01T00:00:00.000Z',
    language: 'vi',
    contentHash: '0'.repeat(64),
    revision: 1,
    excerpt: fields.paragraphs[0] ?? '',
    wordCount: 0,
    blocks: fields.paragraphs.map((text) => ({ kind: 'paragraph', text })),
    captions: [],
    removed: [],
    origin: { kind: 'file', name: null },
  })
}

/** An annotation on the first occurrence of `exact` in the article's body text. */
export function annotationOn(article: Article, exact: string, options: { id: string; tags: readonly string[]; status?: 'anchored' | 'orphan' }): Annotation {
  const text = bodyText(article.blocks)
  const start = text.indexOf(exact)
  if (start < 0) throw new Error(`“${exact}” is not in article ${article.id}`)
  return v.parse(AnnotationSchema, {
    id: options.id,
    articleId: article.id,
    articleRevision: 1,
    quote: { type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + exact.length, start + exact.length + 32) },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    status: options.status ?? 'anchored',
    color: 'yellow',
    note: '',
    tagIds: [...options.tags],
    createdAt: '2024-11-02T00:00:00.000Z',
    updatedAt: '2024-11-02T00:00:00.000Z',
  })
}

export function tag(id: string, name: string, vi: string, parentId: string | null = null): Tag {
  return v.parse(TagSchema, { id, name, parentId, color: null, aliases: [{ text: vi, lang: 'vi' }], keywords: [] })
}

/** Ids from a counter: "it_0000000000000001", … */
export function counterIds(): (kind: 'brief' | 'section' | 'item') => string {
  const prefixes = { brief: 'br', section: 'sc', item: 'it' } as const
  let next = 0
  return (kind) => `${prefixes[kind]}_${(++next).toString(16).padStart(16, '0')}`
}

/** A brief with empty details (no occasion, date, audience, marking or template) around its sections. */
export function briefWith(fields: { id: string; title: string; sections: readonly Section[]; at: string } & Partial<Omit<Brief, 'sections'>>): Brief {
  const { at, ...rest } = fields
  return v.parse(BriefSchema, {
    occasion: '',
    date: null,
    audience: '',
    marking: '',
    templateId: null,
    createdAt: at,
    updatedAt: at,
    ...rest,
  })
}

/** A passage that quotes its highlight verbatim (no paraphrase). */
export function quotedPassage(fields: { id: string; annotationId: string; quote: string; citation: Citation }): PassageItem {
  return v.parse(PassageItemSchema, { mode: 'quote', paraphrase: '', ...fields })
}
