import { describe, expect, it } from 'vitest'
import { htmlPageDraft } from '../../src/node/import/read-html'

/**
 * The page's metadata is found by one walk over the page (read-html.ts), which must answer as the
 * selector queries it replaced did: `meta`, `script[type="application/ld+json"]`,
 * `link[rel="canonical"]` and `title`, first in document order, `type` and `rel` without case,
 * nothing inside a <template>.
 */
const BODY = `<article><h1>Một tiêu đề</h1>${'<p>Hà Nội và Lima đã ký thỏa thuận hợp tác về viễn thông trong năm nay, theo các nguồn tin chính thức.</p>'.repeat(4)}</article>`

function draftOf(head: string, body = BODY) {
  return htmlPageDraft(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, 'html', null)
}

describe('HTML page metadata', () => {
  it('reads JSON-LD and the canonical link whatever the case of type and rel', () => {
    const draft = draftOf(
      `<title>Tab title</title><link rel="CANONICAL" href="https://example.vn/a"><script type="Application/LD+JSON">{"headline":"Tin chính","datePublished":"2026-03-04T08:00:00+07:00"}</script>`,
    )
    expect(draft.title).toBe('Tin chính')
    expect(draft.published).toBe('2026-03-04')
    expect(draft.url).toBe('https://example.vn/a')
  })

  it('takes the first of each in document order, meta tags in the body included', () => {
    const draft = draftOf(
      `<meta property="og:site_name" content="Báo Một"><link rel="canonical" href="https://example.vn/first"><link rel="canonical" href="https://example.vn/second">`,
      `<meta property="og:title" content="Tiêu đề trong thân trang"><meta property="og:title" content="Thứ hai">${BODY}`,
    )
    expect(draft.title).toBe('Tiêu đề trong thân trang')
    expect(draft.siteName).toBe('Báo Một')
    expect(draft.url).toBe('https://example.vn/first')
  })

  it('ignores the meta and link tags a <template> holds', () => {
    const draft = draftOf(
      `<template><meta property="og:title" content="Mẫu"><link rel="canonical" href="https://example.vn/template"></template><meta property="og:title" content="Thật">`,
    )
    expect(draft.url).toBeNull()
    expect(draft.title).toBe('Thật')
  })
})
