import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Brief } from '../../src/common/model/brief'
import { chromiumPath } from '../../src/node/briefs/chromium-pdf'
import { EMBEDDED_FACES } from '../../src/node/briefs/embedded-fonts'
import { renderBriefHtml } from '../../src/node/briefs/render-brief-html'

/**
 * The page the PDF export prints hides the brief from the screen (so that Chromium lays it out only
 * to print it) yet must have loaded, before printing, every font file its text needs in every face.
 * Checked in real Chromium, on screen and in print media.
 */
const QUOTE = 'Kim ngạch thương mại song phương đạt 600 triệu USD, tăng 2,5% so với cùng kỳ.'
const BRIEF: Brief = {
  id: 'br_00000000000000a1',
  title: 'Quan hệ Việt Nam – Peru',
  occasion: 'Tham vấn chính trị',
  date: '2024-11-14',
  audience: 'Lãnh đạo Bộ',
  marking: 'Nội bộ',
  templateId: 'background-brief',
  sections: [
    {
      id: 'sc_00000000000000a1',
      heading: 'Bối cảnh',
      body: 'Ghi chú **in đậm** và *in nghiêng* của người soạn.',
      items: [
        {
          id: 'it_00000000000000a1',
          annotationId: 'an_00000000000000a1',
          mode: 'quote',
          paraphrase: '',
          quote: QUOTE,
          citation: { articleId: '00000000000000a1', articleTitle: 'Thương mại Việt Nam – Peru', source: 'TTXVN', published: '2024-11-10', paragraph: 3 },
        },
      ],
    },
  ],
  createdAt: '2024-11-10T08:00:00.000Z',
  updatedAt: '2024-11-10T08:00:00.000Z',
}

let browser: Browser

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--host-resolver-rules=MAP * ~NOTFOUND'] })
})

afterAll(async () => {
  await browser.close()
})

describe('the page made to be printed', () => {
  it('hides the brief from the screen, shows it in print, and loads the Vietnamese font file of every embedded face first', async () => {
    const html = await renderBriefHtml(BRIEF, { locale: 'vi', generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: new Set(), printOnly: true })
    const context = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await page.setContent(html, { waitUntil: 'load' })
      await page.evaluate('void document.body.offsetHeight, document.fonts.ready.then(() => undefined)')
      const onScreen = await page.evaluate(() => ({
        brief: getComputedStyle(document.querySelector('.brief')!).display,
        // Each face's font files that finished loading, by the first range of their unicode-range.
        loaded: [...document.fonts].filter((face) => face.status === 'loaded').map((face) => `${face.family.replaceAll(/["']/g, '')} ${face.weight} ${face.style} ${face.unicodeRange.split(',')[0]}`),
      }))
      expect(onScreen.brief).toBe('none')
      for (const face of EMBEDDED_FACES) {
        // U+0000-00FF is the latin file, U+0102-0103 (ă) the Vietnamese one.
        expect(onScreen.loaded).toContain(`${face.family} ${face.weight} ${face.style} U+0-FF`)
        expect(onScreen.loaded).toContain(`${face.family} ${face.weight} ${face.style} U+102-103`)
      }
      await page.emulateMedia({ media: 'print' })
      const inPrint = await page.evaluate(() => ({
        brief: getComputedStyle(document.querySelector('.brief')!).display,
        warmup: getComputedStyle(document.querySelector('.font-warmup')!).display,
        text: (document.querySelector('.brief') as HTMLElement).innerText,
      }))
      expect(inPrint.brief).toBe('block')
      expect(inPrint.warmup).toBe('none')
      expect(inPrint.text).toContain(QUOTE)
    } finally {
      await context.close()
    }
  })

  it('embeds and loads a latin-ext file only for a brief whose text needs one', async () => {
    const vietnamese = await renderBriefHtml(BRIEF, { locale: 'vi', generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: new Set(), printOnly: true })
    expect(vietnamese).not.toContain('U+1E00-1E9F')
    const polishQuote = 'Đoàn doanh nghiệp từ Łódź và Gdańsk dự hội chợ tại Hà Nội.'
    const withPolish: Brief = { ...BRIEF, sections: BRIEF.sections.map((section) => ({ ...section, items: section.items.map((item) => ({ ...item, quote: polishQuote })) })) }
    const html = await renderBriefHtml(withPolish, { locale: 'vi', generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: new Set(), printOnly: true })
    const context = await browser.newContext({ javaScriptEnabled: false })
    try {
      const page = await context.newPage()
      await page.setContent(html, { waitUntil: 'load' })
      await page.evaluate('void document.body.offsetHeight, document.fonts.ready.then(() => undefined)')
      const loaded = await page.evaluate(() => [...document.fonts].filter((face) => face.status === 'loaded').map((face) => `${face.family.replaceAll(/["']/g, '')} ${face.weight} ${face.style} ${face.unicodeRange.split(',')[0]}`))
      for (const face of EMBEDDED_FACES) {
        // U+0100-0101 is the first range of the latin-ext file (ł, ź, ń), U+0102-0103 the Vietnamese one.
        expect(loaded).toContain(`${face.family} ${face.weight} ${face.style} U+100-101`)
        expect(loaded).toContain(`${face.family} ${face.weight} ${face.style} U+102-103`)
      }
      await page.emulateMedia({ media: 'print' })
      expect(await page.evaluate(() => (document.querySelector('.brief') as HTMLElement).innerText)).toContain(polishQuote)
    } finally {
      await context.close()
    }
  })

  it('is only for printing: the HTML export shows the brief on screen and has no font lines', async () => {
    const html = await renderBriefHtml(BRIEF, { locale: 'vi', generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: new Set() })
    expect(html).not.toContain('font-warmup')
    expect(html).toContain(QUOTE)
  })
})
