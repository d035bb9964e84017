import { describe, expect, it } from 'vitest'
import { renderBriefBodyHtml } from '../../src/common/brief/render-body-html'
import { escapedMarkdownToSafeHtml, type Sanitizer } from '../../src/common/markdown/safe-html'
import type { Brief } from '../../src/common/model/brief'
import { nodeSanitizer } from '../../src/node/markdown'
import { PAYLOADS } from '../fixtures/security/payloads'
import { unsafeParts } from './unsafe-parts'

/**
 * The preview and the HTML and PDF exports send only the user's own Markdown through DOMPurify;
 * the blocks built from escaped text (title, fields, headings, passages, citations) skip it when
 * marked's tokens show no markup (safe-html.ts). Both halves of that argument are tested here:
 * the escaping leaves no markup for any vector of the corpus, even with a sanitiser that does
 * nothing; and a block that does hold markup goes through the sanitiser after all.
 */
function doNothing(): Sanitizer & { calls: number } {
  return {
    calls: 0,
    sanitize(dirty) {
      this.calls++
      return dirty
    },
    addHook() {},
  }
}

/** A brief holding the vector in every field that the export escapes, and no section text. */
function briefHolding(text: string): Brief {
  const citation = { articleId: '0123456789abcdef', articleTitle: text, source: text, published: '2024-02-29', paragraph: 3 }
  return {
    id: 'br_00000000000000c1',
    title: text,
    occasion: text,
    date: '2024-11-14',
    audience: text,
    marking: text,
    templateId: null,
    createdAt: '2024-11-10T08:00:00.000Z',
    updatedAt: '2024-11-10T08:00:00.000Z',
    sections: [
      {
        id: 'sc_00000000000000c1',
        heading: text,
        body: '',
        items: [
          { id: 'it_00000000000000c1', annotationId: 'an_00000000000000c1', mode: 'quote', paraphrase: '', quote: `${text} 600 triệu USD`, citation },
          { id: 'it_00000000000000c2', annotationId: 'an_00000000000000c2', mode: 'paraphrase', paraphrase: text, quote: 'quote', citation },
        ],
      },
    ],
  }
}

describe('blocks built from escaped text', () => {
  it.each(PAYLOADS.map((payload) => [payload.id, payload] as const))('carry nothing that runs or fetches without the sanitiser: %s', (_id, payload) => {
    const html = renderBriefBodyHtml(briefHolding(payload.source), { locale: 'en', generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: new Set(['an_00000000000000c1']) }, doNothing())
    expect(unsafeParts(html)).toEqual([])
  })

  it.each([
    ['raw HTML', '<img src=x onerror=alert(1)> and <script>alert(2)</script>'],
    ['a script link', '[x](javascript:alert(1))'],
    ['an image', '![x](https://example.org/x.png)'],
    ['a bare e-mail address', 'write to someone@example.org'],
  ])('go through the sanitiser when they hold %s', (_kind, markdown) => {
    const purify = doNothing()
    escapedMarkdownToSafeHtml(markdown, purify)
    expect(purify.calls).toBe(1)
    expect(unsafeParts(escapedMarkdownToSafeHtml(markdown, nodeSanitizer()))).toEqual([])
  })

  it('skip the sanitiser when they are escaped text, and render it as marked does', () => {
    const purify = doNothing()
    const html = escapedMarkdownToSafeHtml('## Quan hệ\n\n> kim ngạch \\<b\\> đạt **600 triệu USD**[^1]\n\n| a | b |\n| --- | --- |\n| 1 | 2 |', purify)
    expect(purify.calls).toBe(0)
    expect(html).toContain('<blockquote>')
    expect(html).toContain('&lt;b&gt;')
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>')
    expect(html).toContain('<td>2</td>')
  })
})
