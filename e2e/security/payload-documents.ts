import { chromium } from '@playwright/test'
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx'
import { CHROMIUM_ARGS, chromiumExecutable } from '../../src/node/browser-shell/browser-host'
import type { Payload } from '../../test/fixtures/security/payloads'

/**
 * One article per payload, in the shape of the agency reports users import: a title, a lead, the
 * payload where an attacker would put it (in the body), and a closing paragraph long enough for
 * Readability to accept the page as an article.
 */
export function payloadTitle(payload: Payload): string {
  return `Vector ${payload.n}: ${payload.id}`
}

const LEAD = 'Hà Nội (TTXVN) – Bản tin thử nghiệm an ninh: đoạn dưới đây chứa mã độc và phải hiện ra như văn bản thuần, không bao giờ được chạy.'
const CLOSING =
  'Theo các chuyên gia, nội dung nhập từ Internet có thể chứa mã độc được giấu trong thẻ HTML, đường dẫn hoặc cú pháp Markdown. ' +
  'Ứng dụng phải hiển thị bài viết mà không thực thi mã, không tải tài nguyên từ mạng và không đọc tệp trên máy của người dùng.'

export function payloadHtml(payload: Payload): string {
  const title = escapeHtml(payloadTitle(payload))
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${LEAD}</p>\n${payload.source}\n<p>${CLOSING}</p></article></body></html>\n`
}

export function payloadMarkdown(payload: Payload): string {
  return `# ${payloadTitle(payload)}\n\n${LEAD}\n\n${payload.source}\n\n${CLOSING}\n`
}

export function payloadText(payload: Payload): string {
  return `${payloadTitle(payload)}\n\n${LEAD}\n\n${payload.source}\n\n${CLOSING}\n`
}

/** A Word document: the payload is a paragraph of text (Word has no HTML to smuggle it in). */
export function payloadDocx(payload: Payload): Promise<Buffer> {
  const paragraphs = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(payloadTitle(payload))] }),
    new Paragraph({ children: [new TextRun(LEAD)] }),
    ...payload.source.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })),
    new Paragraph({ children: [new TextRun(CLOSING)] }),
  ]
  return Packer.toBuffer(new Document({ title: payloadTitle(payload), sections: [{ children: paragraphs }] }))
}

/**
 * PDFs printed by Chromium from a page that shows the payload as text (a PDF has no HTML to hide
 * it in: the reader takes its text layer). One browser for the whole batch, JavaScript off.
 */
export async function payloadPdfs(payloads: readonly Payload[]): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: CHROMIUM_ARGS })
  try {
    const page = await (await browser.newContext({ javaScriptEnabled: false, offline: true })).newPage()
    const pdfs = new Map<number, Buffer>()
    for (const payload of payloads) {
      const title = escapeHtml(payloadTitle(payload))
      await page.setContent(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${LEAD}</p><pre style="white-space:pre-wrap">${escapeHtml(payload.source)}</pre><p>${CLOSING}</p></body></html>`)
      pdfs.set(payload.n, await page.pdf({ format: 'A4' }))
    }
    return pdfs
  } finally {
    await browser.close()
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
