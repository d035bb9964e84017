import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { formatBriefDate, formatBriefRange } from '../../src/common/brief/brief-dates'
import { formatCitation } from '../../src/common/brief/citations'
import { formatEventDate } from '../../src/common/brief/dossier-dates'
import { renderBriefMarkdown } from '../../src/common/brief/render-markdown'
import type { EventRow } from '../../src/common/model/brief'
import { renderBriefHtml } from '../../src/node/briefs/render-brief-html'
import { FIXTURES_DIR, GENERATED_AT, loadBrief } from './fixtures'

/**
 * The dossier sections in the exports: golden Markdown in both languages (Who's who and
 * Chronology as tables, What's new as a list, every row with its footnote), and the HTML export
 * of the same brief, whose row text (a hostile name included) is shown as text, never as markup.
 */
describe('dossier sections: golden Markdown', () => {
  it.each(['en', 'vi'] as const)('dossier brief in %s matches its golden file', (locale) => {
    const markdown = renderBriefMarkdown(loadBrief('dossier'), { locale, generatedAt: GENERATED_AT })
    const golden = join(FIXTURES_DIR, `dossier.${locale}.md`)
    // UPDATE_GOLDEN=1 rewrites the files; review the diff before committing it.
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, markdown)
    expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true)
    expect(markdown).toBe(readFileSync(golden, 'utf8'))
  })

  it('cites every row with a footnote that exists', () => {
    const markdown = renderBriefMarkdown(loadBrief('dossier'), { locale: 'en', generatedAt: GENERATED_AT })
    const tableRows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---') && !/^\| (Name|Date) \|/.test(line))
    expect(tableRows.length).toBeGreaterThan(5)
    for (const line of tableRows) {
      const note = /\[\^(\d+)\] \|$/.exec(line)?.[1]
      expect(note, line).toBeDefined()
      expect(markdown).toContain(`\n[^${note}]: `)
    }
  })
})

describe('dossier sections: HTML export', () => {
  it('renders the tables with the row text as text, the hostile name inert', async () => {
    const html = await renderBriefHtml(loadBrief('dossier'), { locale: 'en', generatedAt: GENERATED_AT, orphanedAnnotationIds: new Set() })
    const document = new JSDOM(html).window.document
    expect(document.querySelectorAll('table').length).toBeGreaterThanOrEqual(2)
    expect(document.querySelector('script')).toBeNull()
    const cells = [...document.querySelectorAll('td')].map((cell) => cell.textContent)
    expect(cells).toContain('Bùi <script>alert(1)</script> | Nghị')
    expect(cells).toContain('Tập đoàn **Viettel**')
    expect(cells).toContain('17–21 April 2023')
    expect(document.body.textContent).toContain('Since the version exported on 1 November 2024:')
  })
})

describe('dossier dates in the brief’s language', () => {
  const row = (fields: Partial<EventRow>): EventRow => ({
    kind: 'event',
    key: 'k',
    from: null,
    to: null,
    precision: 'day',
    future: false,
    dateText: '',
    text: '',
    citation: { articleId: '87ac6e0b16b8', articleTitle: 'T', source: null, published: '2024-10-04', paragraph: 1 },
    ...fields,
  })
  it.each([
    ['2024-10-03', 'en', '3 October 2024'],
    ['2024-10-03', 'vi', '3 tháng 10 năm 2024'],
    ['2024-11', 'en', 'November 2024'],
    ['2024-11', 'vi', 'tháng 11 năm 2024'],
    ['2014', 'en', '2014'],
    ['2014', 'vi', 'năm 2014'],
  ] as const)('%s in %s is %s', (date, locale, expected) => {
    expect(formatBriefDate(date, locale)).toBe(expected)
  })
  it('keeps a range’s shared parts once', () => {
    expect(formatBriefRange('2023-04-17', '2023-04-21', 'en')).toBe('17–21 April 2023')
    expect(formatBriefRange('2023-04-17', '2023-04-21', 'vi')).toBe('17–21 tháng 4 năm 2023')
    expect(formatBriefRange('2023-01', '2023-03', 'en')).toBe('January–March 2023')
    expect(formatBriefRange('2023-01', '2023-03', 'vi')).toBe('tháng 1–3 năm 2023')
    expect(formatBriefRange('2023-04-30', '2023-05-02', 'en')).toBe('30 April 2023 – 2 May 2023')
  })
  it('writes a footnote’s date and a chronology row’s date of the same day alike (one formatter for the brief)', () => {
    for (const locale of ['en', 'vi'] as const) {
      const event = row({ from: '2023-04-24', to: '2023-04-24', citation: { articleId: '87ac6e0b16b8', articleTitle: 'T', source: 'S', published: '2023-04-24', paragraph: 2 } })
      expect(formatCitation(event.citation, locale)).toContain(`, ${formatEventDate(event, locale)}, `)
    }
    expect(formatCitation(row({}).citation, 'vi')).toContain('4 tháng 10 năm 2024')
  })
  it('says planned, shows a derivation’s reasoning, and never guesses an unresolved date', () => {
    expect(formatEventDate(row({ from: '2024-11', to: '2024-11', future: true }), 'vi')).toBe('tháng 11 năm 2024 (dự kiến)')
    expect(formatEventDate(row({ from: '1994', to: '1994', derivedYears: 30 }), 'en')).toBe('1994 (30 years before 2024)')
    expect(formatEventDate(row({ dateText: 'Ngày 3/10', unresolved: 'no-publication-date' }), 'en')).toBe('not resolved: “Ngày 3/10” (the article has no publication date)')
    expect(formatEventDate(row({ dateText: 'Ngày 3/10', unresolved: 'no-publication-date' }), 'vi')).toBe('chưa xác định: “Ngày 3/10” (bài không có ngày đăng)')
  })
})
