import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Brief } from '../../src/common/model/brief'
import { chromiumPath, chromiumPdfPort } from '../../src/node/briefs/chromium-pdf'
import { exportBriefContent } from '../../src/node/briefs/export-brief'
import { renderBriefHtml } from '../../src/node/briefs/render-brief-html'
import { briefWith, quotedPassage } from '../brief/records'
import { tempDir } from '../helpers'

const run = promisify(execFile)

/**
 * Where the handling marking goes in the HTML and PDF exports: styled by its own class (the rule
 * for it once matched the last paragraph of the page, a footnote when there is no marking), in the
 * brief's language, and printed once per PDF page (the page header), not also at the top and
 * bottom of the text.
 */
const BRIEF: Brief = briefWith({
  id: 'br_00000000000000e1',
  title: 'Việt Nam – Peru',
  sections: [
    {
      id: 'sc_00000000000000e1',
      heading: 'Thương mại',
      body: '',
      items: [
        quotedPassage({
          id: 'it_00000000000000e1',
          annotationId: 'an_00000000000000e1',
          quote: 'Kim ngạch thương mại song phương đạt 600 triệu USD.',
          citation: { articleId: '00000000000000e1', articleTitle: 'Thương mại Việt Nam – Peru', source: 'TTXVN', published: '2024-11-10', paragraph: 3 },
        }),
      ],
    },
  ],
  at: '2024-11-10T08:00:00.000Z',
})

const OPTIONS = { generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: new Set<string>() }

let browser: Browser

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--host-resolver-rules=MAP * ~NOTFOUND'] })
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

/** How Chromium lays out the page's paragraphs: text, alignment and letter spacing. */
async function paragraphStyles(html: string): Promise<{ text: string; align: string; spacing: string }[]> {
  const page = await browser.newPage()
  try {
    await page.setContent(html)
    return await page.$$eval('.brief p', (paragraphs) =>
      paragraphs.map((paragraph) => ({ text: paragraph.textContent ?? '', align: getComputedStyle(paragraph).textAlign, spacing: getComputedStyle(paragraph).letterSpacing })),
    )
  } finally {
    await page.close()
  }
}

describe('the marking in the HTML export', () => {
  it('without a marking, the last footnote is an ordinary paragraph, neither centred nor letter-spaced', async () => {
    const html = await renderBriefHtml(BRIEF, { ...OPTIONS, locale: 'vi' })
    expect(html).not.toContain('class="brief-marking"')
    const paragraphs = await paragraphStyles(html)
    const last = paragraphs.at(-1)!
    expect(last.text).toContain('đoạn 3')
    expect(last.align).not.toBe('center')
    expect(last.spacing).toBe('normal')
  })

  it('with a marking, only the two marking lines are centred, and a built-in marking speaks the brief’s language', async () => {
    const html = await renderBriefHtml({ ...BRIEF, marking: 'Internal' }, { ...OPTIONS, locale: 'vi' })
    expect(html.match(/<div class="brief-marking">/g)).toHaveLength(2)
    const paragraphs = await paragraphStyles(html)
    const centred = paragraphs.filter((paragraph) => paragraph.align === 'center').map((paragraph) => paragraph.text)
    expect(centred).toEqual(['Phạm vi lưu hành: Nội bộ', 'Phạm vi lưu hành: Nội bộ'])
    expect(html).not.toContain('Internal')
  })
})

describe('the marking in the PDF export', () => {
  it('a one-page PDF prints the marking once, in its page header', { timeout: 90_000 }, async () => {
    const pdf = chromiumPdfPort(chromiumPath(), { spare: false })
    try {
      const content = await exportBriefContent({ ...BRIEF, marking: 'Internal' }, 'pdf', { ...OPTIONS, locale: 'en', keyFigures: true, pdf })
      const file = join(await tempDir(), 'one-page.pdf')
      await writeFile(file, content)
      const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'])
      const pages = stdout.split('\f').filter((page) => page.trim() !== '')
      expect(pages).toHaveLength(1)
      expect(stdout.match(/Marking: Internal/g)).toHaveLength(1)
      expect(pages[0]!.trim().split('\n')[0]).toBe('Marking: Internal')
      expect(stdout.replace(/\s+/g, ' ')).toMatch(/1 ?\/ ?1/)
    } finally {
      await pdf.close()
    }
  })
})
