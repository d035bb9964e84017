import { describe, expect, it } from 'vitest'
import { parseW3CAnnotations, type W3CParseResult } from '../../src/common/anchoring/parse-w3c'

const CONTEXT = 'http://www.w3.org/ns/anno.jsonld'

/** A minimal annotation of ours, without @context (as inside a collection). */
function item(exact = 'Bitel', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'Annotation',
    id: 'urn:briefing-desk:annotation:an_00000000000000a1',
    target: {
      source: 'urn:briefing-desk:article:87ac6e0b16b8',
      selector: [
        { type: 'TextQuoteSelector', exact, prefix: 'Trong lĩnh vực viễn thông, ', suffix: ', thương hiệu' },
        { type: 'TextPositionSelector', start: 10, end: 15 },
      ],
    },
    ...extra,
  }
}

function errorOf(result: W3CParseResult): string {
  if (result.ok) throw new Error('expected the file to be refused')
  return result.error
}

describe('parseW3CAnnotations: accepted shapes', () => {
  it('reads a single annotation', () => {
    const result = parseW3CAnnotations({ '@context': CONTEXT, ...item() })
    expect(result).toEqual({
      ok: true,
      annotations: [
        {
          id: 'an_00000000000000a1',
          source: 'urn:briefing-desk:article:87ac6e0b16b8',
          articleId: '87ac6e0b16b8',
          quote: { type: 'TextQuoteSelector', exact: 'Bitel', prefix: 'Trong lĩnh vực viễn thông, ', suffix: ', thương hiệu' },
          codePointPosition: { type: 'TextPositionSelector', start: 10, end: 15 },
          color: null,
          note: '',
          tags: [],
          created: null,
          modified: null,
        },
      ],
    })
  })

  it('reads an array, an AnnotationPage, and a collection whose pages are embedded one after another', () => {
    const withContext = { '@context': [CONTEXT, { extra: 'http://example.org/ns#' }], ...item() }
    expect(parseW3CAnnotations([withContext, withContext])).toMatchObject({ ok: true, annotations: [{}, {}] })
    expect(parseW3CAnnotations({ '@context': CONTEXT, type: 'AnnotationPage', items: [item()] })).toMatchObject({ ok: true, annotations: [{}] })
    const collection = {
      '@context': CONTEXT,
      type: 'AnnotationCollection',
      total: 3,
      first: { type: 'AnnotationPage', items: [item('một')], next: { type: 'AnnotationPage', items: [item('hai'), item('ba')] } },
    }
    const result = parseW3CAnnotations(collection)
    expect(result.ok && result.annotations.map((annotation) => annotation.quote.exact)).toEqual(['một', 'hai', 'ba'])
    expect(parseW3CAnnotations({ '@context': CONTEXT, type: 'AnnotationCollection', total: 0 })).toEqual({ ok: true, annotations: [] })
  })

  it('reads another tool’s annotation: web source, extra selectors, a note body without purpose, tags, bodyValue', () => {
    const foreign = {
      '@context': 'https://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/Xy12Ab',
      created: '2025-11-02T10:00:00Z',
      bodyValue: 'Ghi chú ngắn',
      body: [
        { type: 'TextualBody', value: 'Cần *kiểm tra* số liệu', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: '  Thương mại ' },
        { type: 'TextualBody', purpose: ['tagging'], value: 'Thương mại' },
        { type: 'TextualBody', purpose: 'linking', value: 'không phải ghi chú' },
        'http://example.org/image.png',
        { type: 'Image', id: 'http://example.org/chart.png' },
      ],
      target: [
        {
          source: 'https://example.org/tin-tuc/viet-nam-peru',
          styleClass: ['nổi-bật', 'highlight-pink'],
          selector: [
            { type: 'RangeSelector', startSelector: { type: 'XPathSelector', value: '/p[2]' } },
            { type: 'TextQuoteSelector', exact: 'Việt Nam', prefix: 'Quan hệ ' },
          ],
        },
      ],
    }
    const result = parseW3CAnnotations(foreign)
    expect(result).toEqual({
      ok: true,
      annotations: [
        {
          id: null,
          source: 'https://example.org/tin-tuc/viet-nam-peru',
          articleId: null,
          quote: { type: 'TextQuoteSelector', exact: 'Việt Nam', prefix: 'Quan hệ ', suffix: '' },
          codePointPosition: null,
          color: 'pink',
          note: 'Ghi chú ngắn\n\nCần *kiểm tra* số liệu',
          tags: ['Thương mại'],
          created: '2025-11-02T10:00:00Z',
          modified: null,
        },
      ],
    })
  })
})

describe('parseW3CAnnotations: refused files name the problem', () => {
  it.each([
    ['not an annotation at all', 'hello', /^expected a W3C annotation, an array of them/],
    ['a library file', { schemaVersion: 1, articles: [] }, /^type: expected “Annotation”/],
    ['a missing @context', item(), /^@context: must be, or list, http:\/\/www\.w3\.org\/ns\/anno\.jsonld/],
    ['a missing @context in an array', [{ '@context': CONTEXT, ...item() }, item()], /^\[1\]\.@context: /],
    [
      'a collection whose annotations are elsewhere',
      { '@context': CONTEXT, type: 'AnnotationCollection', first: 'https://example.org/page1' },
      /^first: the annotations are at https:\/\/example\.org\/page1, which cannot be fetched offline/,
    ],
    [
      'a page that links to the next',
      { '@context': CONTEXT, type: 'AnnotationPage', items: [], next: 'https://example.org/page2' },
      /^next: the rest is at https:\/\/example\.org\/page2/,
    ],
    [
      'a truncated collection',
      { '@context': CONTEXT, type: 'AnnotationCollection', total: 2, first: { type: 'AnnotationPage', items: [item()] } },
      /^total: the collection says it holds 2 annotations but the file contains 1/,
    ],
    [
      'a page without items',
      { '@context': CONTEXT, type: 'AnnotationCollection', first: { type: 'AnnotationPage' } },
      /^first\.items: must be a list of annotations/,
    ],
    ['no target', { '@context': CONTEXT, type: 'Annotation' }, /^target: is missing/],
    ['a target without source', { '@context': CONTEXT, ...item(), target: { selector: { type: 'TextQuoteSelector', exact: 'Bitel' } } }, /^target\.source: is missing/],
    [
      'a target that only names a document',
      { '@context': CONTEXT, ...item(), target: 'urn:briefing-desk:article:87ac6e0b16b8' },
      /^target: must describe the passage with selectors/,
    ],
    [
      'several targets',
      { '@context': CONTEXT, ...item(), target: [item().target, item().target] },
      /^target: must be a single target/,
    ],
    [
      'no quote selector',
      { '@context': CONTEXT, ...item(), target: { source: 'urn:x', selector: { type: 'TextPositionSelector', start: 1, end: 2 } } },
      /^target\.selector: needs a TextQuoteSelector/,
    ],
    ['an empty quote', { '@context': CONTEXT, ...item('') }, /^target\.selector\[0\]\.exact: the quote in “exact” is empty/],
    [
      'a backwards position',
      { '@context': CONTEXT, ...item(), target: { source: 'urn:x', selector: [{ type: 'TextPositionSelector', start: 9, end: 3 }] } },
      /^target\.selector\[0\]: a TextPositionSelector must end after it starts/,
    ],
    [
      'a negative offset',
      { '@context': CONTEXT, ...item(), target: { source: 'urn:x', selector: [{ type: 'TextQuoteSelector', exact: 'a' }, { type: 'TextPositionSelector', start: -1, end: 3 }] } },
      /^target\.selector\[1\]\.start: “start” must not be negative/,
    ],
    ['a bad date', { '@context': CONTEXT, ...item(), created: 'hôm qua' }, /^created: “created” must be a date and time/],
    [
      'a TextualBody without text',
      { '@context': CONTEXT, ...item(), body: [{ type: 'TextualBody', purpose: 'commenting', value: 'ok' }, { type: 'TextualBody', purpose: 'tagging' }] },
      /^body\[1\]\.value: a TextualBody needs its text in “value”/,
    ],
    [
      'an empty tag',
      { '@context': CONTEXT, ...item(), body: { type: 'TextualBody', purpose: 'tagging', value: '   ' } },
      /^body\[0\]\.value: a tag name must be 1 to 120 characters/,
    ],
    [
      'a note too long to keep',
      { '@context': CONTEXT, ...item(), bodyValue: 'x'.repeat(20_001) },
      /^body: the note is longer than 20000 characters/,
    ],
    [
      'a bad item deep in a collection',
      { '@context': CONTEXT, type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [item(), item(), item('')] } },
      /^first\.items\[2\]\.target\.selector\[0\]\.exact: /,
    ],
  ])('%s', (_what, json, message) => {
    expect(errorOf(parseW3CAnnotations(json))).toMatch(message)
  })
})
