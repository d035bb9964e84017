import { describe, expect, it } from 'vitest'
import { markdownDraft } from '../../src/node/import/read-markdown'
import { htmlFragmentDraft, htmlPageDraft, sniffCharset } from '../../src/node/import/read-html'
import { importText } from '../../src/node/import/import-text'

const now = new Date('2026-01-02T03:04:05Z')

describe('Markdown reader', () => {
  it('strips the syntax, keeps headings, and reads front matter', () => {
    const draft = markdownDraft(
      [
        '---',
        'title: "Hợp tác giáo dục Việt Nam-Peru"',
        'date: 2023-04-25',
        'author: Phóng viên TTXVN',
        'url: https://example.org/giao-duc',
        '---',
        '',
        '# Hợp tác giáo dục Việt Nam-Peru',
        '',
        'Bitel kết nối **4.700 trường học** với',
        'khoảng *một triệu* học sinh &amp; giáo viên.',
        '',
        '## Các con số',
        '',
        '- Hơn 7 triệu thuê bao',
        '- Cáp quang dài `30.000 km`',
        '',
        '| Năm | Sự kiện |',
        '|---|---|',
        '| 2024 | Peru đăng cai APEC |',
        '',
        '```',
        'dòng mã',
        '```',
        '',
        'Một câu có [liên kết](https://example.org) ở giữa.',
        '',
        '[Bài liên quan về APEC](https://example.org/apec)',
      ].join('\n'),
      null,
    )
    expect(draft).toMatchObject({
      format: 'md',
      title: 'Hợp tác giáo dục Việt Nam-Peru',
      published: '2023-04-25',
      byline: 'Phóng viên TTXVN',
      url: 'https://example.org/giao-duc',
    })
    expect(draft.blocks).toEqual([
      { kind: 'heading', text: 'Hợp tác giáo dục Việt Nam-Peru' },
      { kind: 'paragraph', text: 'Bitel kết nối 4.700 trường học với khoảng một triệu học sinh & giáo viên.' },
      { kind: 'heading', text: 'Các con số' },
      { kind: 'paragraph', text: 'Hơn 7 triệu thuê bao' },
      { kind: 'paragraph', text: 'Cáp quang dài 30.000 km' },
      { kind: 'paragraph', text: 'Năm; Sự kiện' },
      { kind: 'paragraph', text: '2024; Peru đăng cai APEC' },
      { kind: 'paragraph', text: 'dòng mã' },
      { kind: 'paragraph', text: 'Một câu có liên kết ở giữa.' },
      { kind: 'link', text: 'Bài liên quan về APEC' },
    ])
  })

  it('keeps agency lines apart where Markdown would join them', () => {
    const draft = markdownDraft(
      ['Đoạn mở đầu của bài.', 'Tiêu đề ảnh 1Học sinh tại lớp học. (Ảnh: TTXVN phát)', '[Bài liên quan]', 'Đoạn tiếp theo', 'nối dòng.'].join('\n'),
      null,
    )
    expect(draft.blocks.map((block) => block.text)).toEqual([
      'Đoạn mở đầu của bài.',
      'Tiêu đề ảnh 1Học sinh tại lớp học. (Ảnh: TTXVN phát)',
      '[Bài liên quan]',
      'Đoạn tiếp theo nối dòng.',
    ])
  })

  it('keeps image alt text as a block of its own', () => {
    const draft = markdownDraft('Trước ảnh.\n\n![Tiêu đề ảnh 1](a.jpg)\n*Chú thích ảnh. (Ảnh: TTXVN)*', null)
    expect(draft.blocks).toEqual([
      { kind: 'paragraph', text: 'Trước ảnh.' },
      { kind: 'image-alt', text: 'Tiêu đề ảnh 1' },
      { kind: 'paragraph', text: 'Chú thích ảnh. (Ảnh: TTXVN)' },
    ])
  })
})

describe('HTML reader', () => {
  const page = (head: string, body: string) => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`
  const paragraphs = Array.from(
    { length: 6 },
    (_, i) => `<p>Đoạn ${i + 1}: hai nước nhất trí thúc đẩy hợp tác trong các lĩnh vực viễn thông, nông nghiệp, giáo dục và du lịch trong thời gian tới.</p>`,
  ).join('')

  it('reads metadata from JSON-LD and link tags when meta tags are missing', () => {
    const draft = htmlPageDraft(
      page(
        '<title>Trang tin</title><link rel="canonical" href="https://example.org/bai-viet"><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","headline":"Hợp tác viễn thông","datePublished":"2024-10-03T10:00:00+07:00"}]}</script>',
        `<article><h1>Hợp tác viễn thông</h1>${paragraphs}</article>`,
      ),
      'html',
      null,
    )
    expect(draft).toMatchObject({ title: 'Hợp tác viễn thông', published: '2024-10-03', url: 'https://example.org/bai-viet' })
    expect(draft.blocks.filter((block) => block.kind === 'paragraph')).toHaveLength(6)
  })

  it('drops scripts, styles, navigation, forms and footers, even on a page too thin to be an article', () => {
    const draft = htmlPageDraft(
      page(
        '<style>p{color:red}</style><script>alert("x")</script>',
        '<nav><a href="/">Trang chủ</a></nav><form><input><button>Tìm</button></form><p>Một đoạn ngắn.</p><footer>Bản quyền</footer>',
      ),
      'html',
      null,
    )
    expect(draft.blocks).toEqual([{ kind: 'paragraph', text: 'Một đoạn ngắn.' }])
  })

  it('splits lines at <br> and marks captions and link-only paragraphs', () => {
    const draft = htmlFragmentDraft(
      '<html><body><!--StartFragment--><p>Dòng một<br>Dòng hai</p><figure><img alt="Tiêu đề ảnh 1"><figcaption>Chú thích</figcaption></figure><p><a href="/x">Tin liên quan</a></p><script>x()</script><!--EndFragment--></body></html>',
    )
    expect(draft.blocks).toEqual([
      { kind: 'paragraph', text: 'Dòng một' },
      { kind: 'paragraph', text: 'Dòng hai' },
      { kind: 'image-alt', text: 'Tiêu đề ảnh 1' },
      { kind: 'caption', text: 'Chú thích' },
      { kind: 'link', text: 'Tin liên quan' },
    ])
  })

  it('finds a declared charset in the first bytes', () => {
    expect(sniffCharset(new TextEncoder().encode('<html><head><meta charset="windows-1258">'))).toBe('windows-1258')
    expect(sniffCharset(new TextEncoder().encode('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'))).toBe('ISO-8859-1')
    expect(sniffCharset(new TextEncoder().encode('<p>no charset</p>'))).toBeNull()
  })
})

describe('importText (paste)', () => {
  const text = 'Việt Nam và Peru hợp tác viễn thông\n\nHai nước nhất trí mở rộng hợp tác trong lĩnh vực viễn thông và giáo dục./.\n\n(TTXVN)'

  it('imports plain text like a .txt file', () => {
    const outcome = importText(text, { now })
    expect(outcome).toMatchObject({ ok: true, file: null, format: 'paste-text', encoding: null, titleFrom: 'line' })
    if (outcome.ok) {
      expect(outcome.article.origin).toEqual({ kind: 'paste', name: null })
      expect(outcome.article.source).toBe('TTXVN')
      expect(outcome.article.importedAt).toBe('2026-01-02T03:04:05.000Z')
    }
  })

  it('prefers the HTML flavour for its structure, with the same body', () => {
    const html =
      '<meta charset="utf-8"><h1>Việt Nam và Peru hợp tác viễn thông</h1><p>Hai nước nhất trí mở rộng hợp tác trong lĩnh vực viễn thông và giáo dục./.</p><p>(TTXVN)</p>'
    const fromHtml = importText(text, { html, now })
    const fromText = importText(text, { now })
    expect(fromHtml).toMatchObject({ ok: true, format: 'paste-html', titleFrom: 'heading' })
    if (fromHtml.ok && fromText.ok) expect(fromHtml.article.contentHash).toBe(fromText.article.contentHash)
  })

  it('falls back to the plain text when the HTML holds much less', () => {
    expect(importText(text, { html: '<p>Việt Nam</p>', now })).toMatchObject({ ok: true, format: 'paste-text' })
    expect(importText('', { html: `<p>${'Hai nước hợp tác. '.repeat(5)}</p>`, now })).toMatchObject({ ok: true, format: 'paste-html' })
  })

  it('refuses an empty paste', () => {
    const outcome = importText(' \n\t', { html: '<p> </p><script>x</script>', now })
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect(outcome.error.message).toBe('The pasted content holds no article text.')
    expect(importText('Chỉ một tiêu đề', { now }).ok).toBe(false)
  })
})
