import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Brief } from '../../src/common/model/brief'
import { chromiumPath } from '../../src/node/briefs/chromium-pdf'
import type { BriefingService } from '../../src/node/service'
import { nodeTypes, parseCommonMark, textOf } from '../brief/commonmark-text'
import { tempDir } from '../helpers'
import { QUOTES, seededTradeAndTelecomBrief } from './seed'

const run = promisify(execFile)

/** Markdown-looking and HTML-looking text a user might type or an article might hold. */
const HOSTILE_PARAPHRASE = '*Không* in đậm _ # 1. <script>window.pwned = 1</script> [liên kết](javascript:alert(1)) ụ ị ọ'
const HOSTILE_BODY = 'Bối cảnh **chung**.\n\n<img src="https://example.com/x.png" onerror="window.pwned = 1"><script>window.pwned = 2</script>'

let service: BriefingService
let brief: Brief
let outDir: string

beforeAll(async () => {
  const seeded = await seededTradeAndTelecomBrief('Quan hệ Việt Nam – Peru')
  service = seeded.service
  const created = seeded.created
  const [trade, telecom] = created.sections
  // Enough body text for several pages, so that the marking and page numbers can be checked per page.
  const filler = Array.from({ length: 40 }, (_, n) => `Đoạn bối cảnh ${n + 1}: hợp tác kinh tế, thương mại và đầu tư giữa hai nước tiếp tục được thúc đẩy.`).join('\n\n')
  brief = await service.updateBrief({
    ...created,
    marking: 'Nội bộ',
    occasion: 'Tham vấn chính trị',
    sections: [
      { ...trade!, body: HOSTILE_BODY, items: trade!.items.map((item, index) => (index === 0 ? { ...item, mode: 'paraphrase', paraphrase: HOSTILE_PARAPHRASE } : item)) },
      { ...telecom!, body: filler },
    ],
  })
  outDir = await tempDir()
})

afterAll(async () => {
  await service.close()
})

describe('brief exports', () => {
  it('Markdown: an independent CommonMark parser reads every passage literally, no HTML from the brief’s text', async () => {
    const file = join(outDir, 'brief.md')
    await service.exportBriefTo(brief.id, 'md', file, false)
    const markdown = await readFile(file, 'utf8')
    expect(markdown.startsWith('---\n')).toBe(true)
    expect(markdown).toMatch(/^marking: "?Nội bộ"?$/m)
    const document = parseCommonMark(markdown)
    const text = textOf(document)
    expect(text).toContain(HOSTILE_PARAPHRASE)
    for (const quote of [QUOTES.total, QUOTES.quarter, QUOTES.bitel]) expect(text).toContain(quote)
    // The only raw HTML may come from the user's own section body, which the HTML export sanitises.
    const htmlNodes: string[] = []
    const walker = document.walker()
    for (let event = walker.next(); event !== null; event = walker.next()) {
      if (event.entering && (event.node.type === 'html_inline' || event.node.type === 'html_block')) htmlNodes.push(event.node.literal ?? '')
    }
    expect(htmlNodes.join('')).not.toContain('pwned = 1</script>')
    expect(nodeTypes(document).has('block_quote')).toBe(true)
    expect(nodeTypes(document).has('link')).toBe(false)
  })

  it('refuses to overwrite an existing file unless told to, and leaves it intact', async () => {
    const file = join(outDir, 'existing.md')
    await writeFile(file, 'keep me')
    await expect(service.exportBriefTo(brief.id, 'md', file, false)).rejects.toMatchObject({ code: 'export.fileExists' })
    expect(await readFile(file, 'utf8')).toBe('keep me')
    await service.exportBriefTo(brief.id, 'md', file, true)
    expect(await readFile(file, 'utf8')).toContain('# Quan hệ Việt Nam – Peru')
  })

  it('HTML: a standalone page that renders in Chromium with no script, no request, and the embedded fonts', async () => {
    const file = join(outDir, 'brief.html')
    await service.exportBriefTo(brief.id, 'html', file, false)
    const html = await readFile(file, 'utf8')
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`)
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).not.toMatch(/<script|\sonerror=|href="javascript:/i)
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--host-resolver-rules=MAP * ~NOTFOUND'] })
    try {
      const page = await browser.newPage()
      const requests: string[] = []
      page.on('request', (request) => requests.push(request.url()))
      await page.goto(`file://${file}`)
      await page.evaluate(() => document.fonts.ready)
      const seen = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        pwned: (window as unknown as { pwned?: number }).pwned ?? null,
        images: document.querySelectorAll('img').length,
        text: document.body.innerText,
        serif: document.fonts.check('16px "Noto Serif"', 'ụ ị ọ'),
        loadedFaces: [...document.fonts].filter((face) => face.status === 'loaded').length,
      }))
      expect(seen.scripts).toBe(0)
      expect(seen.pwned).toBeNull()
      expect(seen.text).toContain(HOSTILE_PARAPHRASE)
      expect(seen.text).toContain(QUOTES.quarter)
      expect(seen.text.trim().startsWith('Phạm vi lưu hành: Nội bộ')).toBe(true)
      expect(seen.text.trim().endsWith('Phạm vi lưu hành: Nội bộ')).toBe(true)
      expect(seen.serif).toBe(true)
      expect(seen.loadedFaces).toBeGreaterThan(0)
      expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('PDF: pdftotext reads the Vietnamese passages exactly, the marking once at the top of every page, page numbers', async () => {
    const file = join(outDir, 'brief.pdf')
    await service.exportBriefTo(brief.id, 'pdf', file, false)
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'])
    const pages = stdout.split('\f').filter((page) => page.trim() !== '')
    expect(pages.length).toBeGreaterThanOrEqual(3)
    const flat = stdout.normalize('NFC').replace(/\s+/g, ' ')
    expect(flat).not.toContain('\u0000')
    // The CPTPP passage is paraphrased: its paraphrase prints instead of its quote.
    expect(flat).not.toContain(QUOTES.cptpp)
    for (const sentence of [QUOTES.total, QUOTES.quarter, QUOTES.bitel, HOSTILE_PARAPHRASE]) expect(flat).toContain(sentence)
    expect(flat).toContain('Quan hệ Việt Nam – Peru')
    const marking = 'Phạm vi lưu hành: Nội bộ'
    pages.forEach((page, index) => {
      const lines = page.normalize('NFC').split('\n').map((line) => line.trim()).filter((line) => line !== '')
      expect(lines[0], `page ${index + 1} header`).toBe(marking)
      // Once per page: the text's own first and last marking lines give way to the page header in print.
      expect(lines.filter((line) => line.includes(marking)), `page ${index + 1} markings`).toHaveLength(1)
      expect(lines.slice(-3).join(' '), `page ${index + 1} number`).toMatch(new RegExp(`(^| )${index + 1} ?/ ?${pages.length}( |$)`))
    })
    const { stdout: fonts } = await run('pdffonts', [file])
    expect(fonts).toMatch(/NotoSerif-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/)
    expect(fonts).not.toMatch(/DejaVu|Liberation/)
  })
})
