import * as v from 'valibot'
import { describe as suite, expect, it } from 'vitest'
import { toUtf16Position } from '../../src/common/anchoring/code-points'
import { describe } from '../../src/common/anchoring/describe'
import { UnknownTagError } from '../../src/common/anchoring/errors'
import { parseW3CAnnotations } from '../../src/common/anchoring/parse-w3c'
import { reanchor } from '../../src/common/anchoring/reanchor'
import { toW3CAnnotation, toW3CCollection, W3C_ANNOTATION_CONTEXT, type W3CExportContext } from '../../src/common/anchoring/w3c'
import { AnnotationSchema, type Annotation, type HighlightColor } from '../../src/common/model/annotation'
import { fixtureText, nth } from './fixtures'

const articles = {
  '87ac6e0b16b8': fixtureText('viet-nam-peru.vi.txt'),
  '5d41402abc4b': fixtureText('viet-nam-peru.en.txt'),
} as const
type ArticleId = keyof typeof articles

const tags = new Map([
  ['tg_0000000000000001', 'Viễn thông'],
  ['tg_0000000000000002', 'Thương mại'],
  ['tg_0000000000000003', 'APEC'],
])

const context: W3CExportContext = { bodyText: (id) => articles[id as ArticleId], tagNames: tags }

let serial = 0
function annotation(articleId: ArticleId, quote: string, fields: { color?: HighlightColor; note?: string; tagIds?: string[]; orphan?: boolean } = {}): Annotation {
  const text = articles[articleId]
  const { start, end } = nth(text, quote, 1)
  serial++
  return v.parse(AnnotationSchema, {
    id: `an_${serial.toString(16).padStart(16, '0')}`,
    articleId,
    articleRevision: 1,
    ...describe(text, start, end),
    status: fields.orphan ? 'orphan' : 'anchored',
    color: fields.color ?? 'yellow',
    note: fields.note ?? '',
    tagIds: fields.tagIds ?? [],
    createdAt: '2026-03-12T08:30:00.000Z',
    updatedAt: '2026-03-12T09:15:00.000Z',
  })
}

suite('toW3CAnnotation', () => {
  it('writes a W3C annotation: context, IRIs, note and tag bodies, colour as a style class, both selectors', () => {
    const record = annotation('87ac6e0b16b8', 'Bitel đã kết nối Internet miễn phí cho hàng nghìn trường học', {
      color: 'green',
      note: 'Dẫn chứng cho **hợp tác giáo dục**.',
      tagIds: ['tg_0000000000000001', 'tg_0000000000000003'],
    })
    expect(toW3CAnnotation(record, context)).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `urn:briefing-desk:annotation:${record.id}`,
      type: 'Annotation',
      motivation: 'highlighting',
      created: '2026-03-12T08:30:00.000Z',
      modified: '2026-03-12T09:15:00.000Z',
      stylesheet: { type: 'CssStylesheet', value: '.highlight-green { background-color: #86efac; }' },
      body: [
        { type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: 'Dẫn chứng cho **hợp tác giáo dục**.' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Viễn thông' },
        { type: 'TextualBody', purpose: 'tagging', value: 'APEC' },
      ],
      target: {
        source: 'urn:briefing-desk:article:87ac6e0b16b8',
        styleClass: 'highlight-green',
        // Vietnamese NFC text has no astral characters: code points equal code units here.
        selector: [record.quote, record.position],
      },
    })
  })

  it('counts positions in code points after emoji', () => {
    const text = articles['5d41402abc4b']
    const record = annotation('5d41402abc4b', 'free of charge')
    const [, position] = toW3CAnnotation(record, context).target.selector
    // 🤝, 📈 and 🏔 come before the passage: two code units each, one code point each.
    expect(position).toEqual({ type: 'TextPositionSelector', start: record.position.start - 3, end: record.position.end - 3 })
    expect([...text].slice(position!.start, position!.end).join('')).toBe('free of charge')
  })

  it('leaves out an empty note, and the body altogether when there is nothing to say', () => {
    const plain = toW3CAnnotation(annotation('87ac6e0b16b8', 'APEC 2027', { note: '  \n' }), context)
    expect(plain).not.toHaveProperty('body')
  })

  it('exports an orphan with its quote only: its old position does not describe the current text', () => {
    const orphan = annotation('87ac6e0b16b8', 'Bitel', { orphan: true })
    expect(toW3CAnnotation(orphan, context).target.selector).toEqual([orphan.quote])
  })

  it('throws UnknownTagError when a tag has no name, and also takes a lookup function', () => {
    const record = annotation('87ac6e0b16b8', 'Bitel', { tagIds: ['tg_00000000000000ff'] })
    expect(() => toW3CAnnotation(record, context)).toThrow(UnknownTagError)
    const named = toW3CAnnotation(record, { ...context, tagNames: (id) => (id === 'tg_00000000000000ff' ? 'Viettel' : undefined) })
    expect(named.body).toEqual([{ type: 'TextualBody', purpose: 'tagging', value: 'Viettel' }])
  })
})

suite('W3C round trip', () => {
  const records = [
    annotation('87ac6e0b16b8', 'kim ngạch thương mại hai chiều đạt khoảng 600 triệu USD', { color: 'blue', tagIds: ['tg_0000000000000002'] }),
    annotation('87ac6e0b16b8', 'Peru đã đăng cai Năm APEC 2024 tại Lima', {
      color: 'purple',
      note: 'Lưu ý: Việt Nam đăng cai **APEC 2027**.\n\n- xem thêm biên bản',
      tagIds: ['tg_0000000000000003', 'tg_0000000000000002'],
    }),
    annotation('5d41402abc4b', 'the Andes 🏔️ and the Amazon basin', { color: 'pink', note: 'Coverage 📶' }),
    annotation('87ac6e0b16b8', 'Hai bên cũng đang trao đổi về chương trình học bổng', { orphan: true, tagIds: ['tg_0000000000000001'] }),
  ]
  const file = JSON.parse(JSON.stringify(toW3CCollection(records, context, { id: 'urn:uuid:3b0e6f3c-1d7a-4d8e-9a55-0f6c2a8b7e10', label: 'Peru' })))

  it('writes a collection with one embedded page', () => {
    expect(file).toMatchObject({
      '@context': W3C_ANNOTATION_CONTEXT,
      type: 'AnnotationCollection',
      label: 'Peru',
      total: 4,
      first: { type: 'AnnotationPage', id: 'urn:uuid:3b0e6f3c-1d7a-4d8e-9a55-0f6c2a8b7e10#page-1', startIndex: 0 },
    })
    expect(file.first.items[0]).not.toHaveProperty('@context')
  })

  it('reads back ids, articles, selectors, note, tags, colour and dates', () => {
    const parsed = parseW3CAnnotations(file)
    if (!parsed.ok) throw new Error(parsed.error)
    expect(parsed.annotations).toHaveLength(records.length)
    parsed.annotations.forEach((imported, i) => {
      const record = records[i]!
      const text = articles[record.articleId as ArticleId]
      expect(imported).toMatchObject({
        id: record.id,
        articleId: record.articleId,
        quote: record.quote,
        color: record.color,
        note: record.note,
        tags: record.tagIds.map((id) => tags.get(id)),
        created: record.createdAt,
        modified: record.updatedAt,
      })
      if (record.status === 'orphan') {
        expect(imported.codePointPosition).toBeNull()
      } else {
        expect(toUtf16Position(text, imported.codePointPosition!)).toEqual(record.position)
      }
    })
  })

  it('reproduces every highlight when re-anchored in the same articles', () => {
    const parsed = parseW3CAnnotations(file)
    if (!parsed.ok) throw new Error(parsed.error)
    const anchors = parsed.annotations.map((imported) => {
      const text = articles[imported.articleId as ArticleId]
      const position = imported.codePointPosition && toUtf16Position(text, imported.codePointPosition)
      return reanchor({ quote: imported.quote, position }, text)
    })
    expect(anchors.slice(0, 3)).toEqual(records.slice(0, 3).map((record) => ({ status: 'anchored', ...startEnd(record), method: 'position' })))
    // The orphan's text is still in this copy of the article: its quote alone finds it again.
    expect(anchors[3]).toEqual({ status: 'anchored', ...startEnd(records[3]!), method: 'quote' })
  })
})

function startEnd(record: Annotation): { start: number; end: number } {
  return { start: record.position.start, end: record.position.end }
}
