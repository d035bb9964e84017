import { describe, expect, it } from 'vitest'
import { JSDOM } from 'jsdom'
import { renderMarkdownInNode, sanitizeHtmlInNode } from '../../src/node/markdown'

/** Parses the output the way a page would, to look at what actually survives. */
function dom(html: string): Document {
  return new JSDOM(`<body>${html}</body>`).window.document
}

describe('markdownToSafeHtml', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdownInNode('**Việt Nam** và _Peru_\n\n- một\n- hai')
    const doc = dom(html)
    expect(doc.querySelector('strong')?.textContent).toBe('Việt Nam')
    expect(doc.querySelector('em')?.textContent).toBe('Peru')
    expect(doc.querySelectorAll('li')).toHaveLength(2)
  })

  it('drops event handlers and scripts from raw HTML', () => {
    const doc = dom(renderMarkdownInNode('<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> text'))
    expect(doc.querySelector('script')).toBeNull()
    expect(doc.querySelector('[onerror]')).toBeNull()
    expect(doc.body.textContent).toContain('text')
  })

  it('keeps a javascript: link as inert text', () => {
    const doc = dom(renderMarkdownInNode('[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](&#106;avascript:alert(1))'))
    for (const link of doc.querySelectorAll('a')) expect(link.getAttribute('href') ?? '').not.toMatch(/script/i)
    expect(doc.body.textContent).toContain('x')
  })

  it('keeps web links, marked as leaving the app without a referrer', () => {
    const link = dom(renderMarkdownInNode('[TTXVN](https://www.vietnamplus.vn/)')).querySelector('a')
    expect(link?.getAttribute('href')).toBe('https://www.vietnamplus.vn/')
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer')
  })

  it('never lets a remote image be fetched', () => {
    const img = dom(renderMarkdownInNode('![chart](https://example.com/x.png)')).querySelector('img')
    expect(img?.getAttribute('src') ?? null).toBeNull()
    expect(img?.getAttribute('alt')).toBe('chart')
  })

  it('removes forms, frames, styles and SVG', () => {
    const doc = dom(sanitizeHtmlInNode('<form action="https://x"><input></form><iframe src="x"></iframe><style>*{}</style><svg><script>1</script></svg><p style="color:red">ok</p>'))
    expect(doc.querySelector('form, input, iframe, style, svg, script')).toBeNull()
    expect(doc.querySelector('p')?.getAttribute('style')).toBeNull()
  })
})

describe('footnotes', () => {
  it('links each reference to its note and back, as the brief export writes them', () => {
    const doc = dom(renderMarkdownInNode('> Thương mại đạt 600 triệu USD.[^1]\n\nKhác[^2]\n\n[^1]: “Thương mại”, TTXVN, 24 tháng 4, 2023, đoạn 2.\n\n[^2]: *VNA*.\n'))
    const refs = [...doc.querySelectorAll('sup.footnote-ref a')]
    expect(refs.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['1', '#fn-1'], ['2', '#fn-2']])
    expect(doc.querySelector('#fn-1')?.textContent).toContain('“Thương mại”, TTXVN, 24 tháng 4, 2023, đoạn 2.')
    expect(doc.querySelector('#fn-2 em')?.textContent).toBe('VNA')
    expect(doc.body.textContent).not.toContain('[^')
  })

  it('leaves an escaped marker literal', () => {
    const doc = dom(renderMarkdownInNode('a \\[^1] b'))
    expect(doc.querySelector('sup')).toBeNull()
    expect(doc.body.textContent).toContain('[^1]')
  })
})
