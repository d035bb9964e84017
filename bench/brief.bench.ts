import { setTimeout as sleep } from 'node:timers/promises'
import { performance } from 'node:perf_hooks'
import { keyFigures } from '../src/common/brief/key-figures'
import { renderBriefMarkdown } from '../src/common/brief/render-markdown'
import type { Locale } from '../src/common/i18n/translate'
import type { Brief } from '../src/common/model/brief'
import { PASSAGES, syntheticBrief } from './synthetic-brief'
import { renderBriefBodyHtml } from '../src/common/brief/render-body-html'
import type { Sanitizer } from '../src/common/markdown/safe-html'
import { chromiumPdfPort } from '../src/node/briefs/chromium-pdf'
import { renderBriefHtml } from '../src/node/briefs/render-brief-html'
import { nodeSanitizer, renderMarkdownInNode } from '../src/node/markdown'
import { benchBriefRefresh } from './brief-refresh.bench'
import { percentile, printTable, type Row } from './table'

function time(rounds: number, run: () => void): number[] {
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    run()
    samples.push(performance.now() - start)
  }
  return samples
}

/**
 * A 200-passage brief (10 sections of 20 passages from 40 synthetic agency articles, one in six
 * paraphrased, one in twenty orphaned) exported to Markdown, and its key figures extracted.
 * Goal: at most 50 ms to Markdown. BENCH_QUICK=1 runs fewer rounds.
 */
export async function benchBrief(): Promise<void> {
  const rounds = process.env['BENCH_QUICK'] === '1' ? 15 : 60
  const { brief, orphans } = syntheticBrief()
  const rows: Row[] = []
  for (const locale of ['vi', 'en'] as const satisfies readonly Locale[]) {
    let size = 0
    // The first run pays for compiling the patterns and Intl formatters; it is reported apart.
    const first = time(1, () => {
      size = renderBriefMarkdown(brief, { locale, generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: orphans }).length
    })[0]!
    const samples = time(rounds, () => {
      renderBriefMarkdown(brief, { locale, generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: orphans })
    })
    rows.push({
      benchmark: `${PASSAGES} passages → Markdown (${locale})`,
      'first ms': first,
      'p50 ms': percentile(samples, 50),
      'p95 ms': percentile(samples, 95),
      'output KB': Math.round(size / 1024),
    })
  }
  let figures = 0
  const extraction = time(rounds, () => {
    figures = keyFigures(brief.sections).length
  })
  rows.push({
    benchmark: `key figures of ${PASSAGES} passages (${figures} found)`,
    'first ms': '',
    'p50 ms': percentile(extraction, 50),
    'p95 ms': percentile(extraction, 95),
    'output KB': '',
  })
  printTable('Brief: Markdown export (goal ≤ 50 ms) and key figures', rows)
  printTable('Brief: Refresh (goal ≤ 100 ms)', await benchBriefRefresh(process.env['BENCH_QUICK'] === '1'))
  await benchPdf(brief, orphans)
}

/**
 * PDF export of the same brief (goal ≤ 2 s), step by step: the body HTML (each block through marked;
 * the user's Markdown, and any block not proven free of markup, through DOMPurify over jsdom, timed
 * apart), the page made to be printed (fonts embedded, cached after the first; the brief hidden
 * from the screen, print-only-page.ts), then the print by a local Chromium. "warm" is the steady
 * state in the app and the harness, where the browser is kept between exports; "cold" starts and
 * closes a browser for the one export, as a CLI run does (a fresh CLI process also pays for loading
 * jsdom and playwright-core, not counted here). The last row is the previous path, the whole body
 * through one DOMPurify call, for comparison, as is the warm print of the page the HTML export shows (the page the PDF export
 * printed before it hid the brief from the screen). bench/pdf-factors.ts measures what the print costs
 * depend on.
 */
async function benchPdf(brief: Brief, orphans: ReadonlySet<string>): Promise<void> {
  const rounds = process.env['BENCH_QUICK'] === '1' ? 3 : 8
  const options = { locale: 'vi', generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: orphans } as const
  const purify = nodeSanitizer()
  let sanitising = 0
  let sanitised = 0
  const timedPurify: Sanitizer = {
    sanitize(dirty, config) {
      const start = performance.now()
      const clean = purify.sanitize(dirty, config)
      sanitising += performance.now() - start
      sanitised++
      return clean
    },
    addHook: (entry, hook) => purify.addHook(entry, hook),
  }
  const steps = { body: [] as number[], purify: [] as number[], page: [] as number[], warm: [] as number[], cold: [] as number[], whole: [] as number[], shown: [] as number[] }
  let pageBytes = 0
  let pdfBytes = 0
  const warmPort = chromiumPdfPort()
  try {
    for (let round = 0; round < rounds; round++) {
      sanitising = 0
      sanitised = 0
      let start = performance.now()
      renderBriefBodyHtml(brief, options, timedPurify)
      steps.body.push(performance.now() - start)
      steps.purify.push(sanitising)
      start = performance.now()
      const page = await renderBriefHtml(brief, { ...options, printOnly: true })
      steps.page.push(performance.now() - start)
      pageBytes = page.length
      // Exports come seconds apart: the kept browser has made its next page ready meanwhile
      // (chromium-pdf.ts), as it has in the app; back to back, that would be measured too.
      await sleep(1000)
      start = performance.now()
      pdfBytes = (await warmPort.print(page)).byteLength
      steps.warm.push(performance.now() - start)
      // The page as the HTML export shows it, printed as before print-only-page.ts, in the same round.
      const shownPage = await renderBriefHtml(brief, options)
      await sleep(1000)
      start = performance.now()
      await warmPort.print(shownPage)
      steps.shown.push(performance.now() - start)
      if (round < 3) {
        const coldPort = chromiumPdfPort(undefined, { spare: false })
        // Not while the warm browser makes its next page ready.
        await sleep(1000)
        start = performance.now()
        await coldPort.print(page)
        await coldPort.close()
        steps.cold.push(performance.now() - start)
        const markdown = renderBriefMarkdown(brief, options).replace(/^---\n[\s\S]*?\n---\n/, '')
        start = performance.now()
        renderMarkdownInNode(markdown)
        steps.whole.push(performance.now() - start)
      }
    }
  } finally {
    await warmPort.close()
  }
  const row = (benchmark: string, samples: readonly number[], size: number | '' = '') => ({ benchmark, 'first ms': samples[0]!, 'p50 ms': percentile(samples, 50), 'output KB': size === '' ? '' : Math.round(size / 1024) })
  const p50 = (samples: readonly number[]) => percentile(samples, 50)
  printTable(`Brief: PDF export (goal ≤ 2 s); ${rounds} rounds, cold and previous path 3`, [
    row(`body HTML: ${PASSAGES} passages, block by block`, steps.body),
    row(`  of which DOMPurify on jsdom (${sanitised} blocks)`, steps.purify),
    row('page to print (body + embedded fonts)', steps.page, pageBytes),
    row('print, warm browser', steps.warm, pdfBytes),
    row('print, cold (launch + print + close)', steps.cold),
    { benchmark: 'PDF export, warm (page + print)', 'first ms': '', 'p50 ms': p50(steps.page) + p50(steps.warm), 'output KB': '' },
    { benchmark: 'PDF export, cold (page + cold print)', 'first ms': '', 'p50 ms': p50(steps.page) + p50(steps.cold), 'output KB': '' },
    row('previous page: print, warm, of the brief shown on screen too', steps.shown),
    row('previous path: whole body, one DOMPurify call', steps.whole),
  ])
}
