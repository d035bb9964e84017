import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { JSDOM } from 'jsdom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Brief } from '../../src/common/model/brief'
import type { BriefingService } from '../../src/node/service'
import { tempDir } from '../helpers'
import { QUOTES, seededTradeAndTelecomBrief } from './seed'

const run = promisify(execFile)

/**
 * Raw HTML a user leaves open in a section's text (a table, a style or textarea element, a
 * comment) used to run on into the rest of the brief, hiding it: each section and each passage
 * is now rendered and sanitised on its own. Each of these bodies is followed by another section
 * and by passages, which must all reach the HTML and PDF exports.
 */
const UNCLOSED = ['<table><tr><td>x', '<style>', '<!--', '<textarea>', '<title>']

let service: BriefingService
let brief: Brief
let outDir: string

beforeAll(async () => {
  const seeded = await seededTradeAndTelecomBrief('Thẻ HTML bỏ ngỏ')
  service = seeded.service
  const created = seeded.created
  const [trade, telecom] = created.sections
  brief = await service.updateBrief({
    ...created,
    sections: [
      { ...trade!, heading: 'Mục bảng', body: UNCLOSED[0]! },
      ...UNCLOSED.slice(1).map((body, index) => ({ id: `sc_00000000000000f${index}`, heading: `Mục ${index + 2}`, body: `Trước thẻ ${index + 2}.\n\n${body}`, items: [] })),
      { ...telecom!, heading: 'Mục cuối', body: 'Văn bản của mục cuối.' },
    ],
  })
  outDir = await tempDir()
})

afterAll(async () => {
  await service.close()
})

const HEADINGS = ['Mục bảng', 'Mục 2', 'Mục 3', 'Mục 4', 'Mục 5', 'Mục cuối']

describe('a section with unclosed raw HTML', () => {
  it('HTML export: every later section is a heading of its own and every passage is shown', async () => {
    const file = join(outDir, 'brief.html')
    await service.exportBriefTo(brief.id, 'html', file, false)
    const { document } = new JSDOM(await readFile(file, 'utf8')).window
    const main = document.querySelector('main.brief')!
    // Direct children of the page's body: none is caught inside the table, a comment or a textarea.
    expect([...main.querySelectorAll(':scope > h2')].map((h2) => h2.textContent)).toEqual([...HEADINGS, 'Số liệu chính', 'Nguồn tham khảo'])
    expect(main.querySelector('table td')?.textContent).toBe('x')
    expect(main.querySelector('table')?.textContent).not.toContain('Mục 2')
    const quotes = [...main.querySelectorAll(':scope > blockquote')].map((quote) => quote.textContent ?? '')
    for (const quote of [QUOTES.total, QUOTES.quarter, QUOTES.bitel]) expect(quotes.some((text) => text.includes(quote))).toBe(true)
    expect(main.textContent).toContain('Văn bản của mục cuối.')
    expect(main.querySelectorAll('style, textarea, title')).toHaveLength(0)
  })

  it('PDF export: pdftotext reads every later heading, section text and passage', async () => {
    const file = join(outDir, 'brief.pdf')
    await service.exportBriefTo(brief.id, 'pdf', file, false)
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'])
    const flat = stdout.normalize('NFC').replace(/\s+/g, ' ')
    for (const heading of HEADINGS) expect(flat).toContain(heading)
    for (const text of ['Trước thẻ 5.', 'Văn bản của mục cuối.', QUOTES.total, QUOTES.quarter, QUOTES.bitel]) expect(flat).toContain(text)
  })
})
