import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks'
import { PDFDocument, type Canvas } from '@napi-rs/canvas'
import { importFiles } from '../src/node/import/import-files'
import type { OcrLanguageChoice } from '../src/node/import/ocr/ocr-languages'
import { readImageHeader } from '../src/node/import/ocr/image-header'
import { ocrService, OcrService, setOcrWorkerEntry } from '../src/node/import/ocr/ocr-service'
import { bundleOcrWorker } from './ocr-worker-bundle'
import { addNoise, characterErrorRate, characterErrors, ENGLISH_SAMPLE, HELD_OUT_VIETNAMESE_SAMPLE, jpeg, png, renderPage, sampleParagraphs, skew, VIETNAMESE_SAMPLE } from './scan-fixtures'
import { monitorCpuBlocks } from './loop-cpu-blocks'
import { printTable, type Row } from './table'

/**
 * OCR quality and speed (docs/ocr.md). Pages are made from the sample articles with the bundled
 * Noto Serif (bench/scan-fixtures.ts): clean at 300 dpi, then with scanner noise, a 1° skew,
 * JPEG at quality 60, and at 200 dpi. CER is the Levenshtein distance over NFC text (white space
 * collapsed) divided by the source's length. Each page goes through the app's OCR worker and the
 * paragraph rebuilding, languages detected per page (the default, 'auto') unless the row says
 * otherwise. Peak RSS is the app's process (every thread), sampled every 50 ms, and the OCR
 * process's own peak (its kernel high-water mark, VmHWM), since OCR runs in a process of its own.
 *
 * Then a multi-page scanned PDF is imported through importFiles, as the app does it, while the
 * main thread's longest CPU stretch between two 1 ms timer turns (loop-cpu-blocks.ts) and its
 * event-loop delay are measured, with both processes' peak RSS.
 */

/** A process's CPU time so far (user + system, every thread) in seconds, from Linux's /proc; null elsewhere or once it has ended. */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return null
  }
}
/** Linux's USER_HZ, 100 on every architecture Node runs on. */
const CLOCK_TICKS = 100

/** A process's peak resident memory in MB (Linux's VmHWM), or 'n/a'. */
function peakRssOf(pid: number | undefined): number | string {
  if (pid === undefined) return 'n/a'
  try {
    const kb = /VmHWM:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1]
    return kb === undefined ? 'n/a' : Math.round((Number(kb) * 1024) / 1e6)
  } catch {
    return 'n/a'
  }
}

interface Variant {
  readonly name: string
  readonly make: (paragraphs: readonly string[]) => Buffer
  readonly languages?: OcrLanguageChoice
}

const VARIANTS: readonly Variant[] = [
  { name: 'clean 300 dpi', make: (p) => png(renderPage(p)) },
  { name: 'clean 300 dpi, vie+eng', make: (p) => png(renderPage(p)), languages: 'vie+eng' },
  { name: 'noise 300 dpi', make: (p) => png(addNoise(renderPage(p))) },
  { name: 'skew 1° 300 dpi', make: (p) => png(skew(renderPage(p), 1)) },
  { name: 'JPEG q60 300 dpi', make: (p) => jpeg(renderPage(p), 60) },
  { name: 'clean 200 dpi', make: (p) => png(renderPage(p, { dpi: 200 })) },
]

async function benchVariants(quick: boolean): Promise<void> {
  const service = new OcrService()
  const rows: Row[] = []
  // The held-out text is never looked at while tuning (the other Vietnamese one is): a change is
  // kept only if it helps both.
  const samples = [
    { language: 'vi', paragraphs: sampleParagraphs(VIETNAMESE_SAMPLE, 8), variants: VARIANTS },
    { language: 'vi held-out', paragraphs: sampleParagraphs(HELD_OUT_VIETNAMESE_SAMPLE, 8), variants: VARIANTS.filter((variant) => variant.languages === undefined).slice(0, 3) },
    { language: 'en', paragraphs: sampleParagraphs(ENGLISH_SAMPLE, 8), variants: VARIANTS.filter((variant) => variant.languages === undefined) },
  ]
  let cold = true
  try {
    for (const sample of samples) {
      for (const variant of quick ? sample.variants.slice(0, 1) : sample.variants) {
        const image = variant.make(sample.paragraphs)
        let peakRss = process.memoryUsage.rss()
        const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50)
        const started = performance.now()
        // The OCR process's CPU for this page (it may start with the first page: counted from 0 then).
        const cpuBefore = cpuSecondsOf(service.processId) ?? 0
        const reading = await service.read({ kind: 'images', images: [{ bytes: new Uint8Array(image), ...readImageHeader(image).pages[0]! }] }, variant.languages ?? 'auto')
        const seconds = (performance.now() - started) / 1000
        const cpuAfter = cpuSecondsOf(service.processId)
        clearInterval(sampler)
        const text = reading.blocks
          .map((block) => block.text)
          .join('\n\n')
        if (process.env['BENCH_OCR_DIFF'] === '1') {
          console.log(`${sample.language}: ${variant.name}`)
          for (const edit of characterErrors(sample.paragraphs.join(' '), text)) console.log(`  ${edit}`)
        }
        rows.push({
          benchmark: `${sample.language}: ${variant.name}${cold ? ' (cold)' : ''}`,
          'CER %': Math.round(characterErrorRate(sample.paragraphs.join(' '), text) * 10000) / 100,
          'chars': sample.paragraphs.join(' ').length,
          's/page': Math.round(seconds * 100) / 100,
          'OCR CPU s/page': cpuAfter === null ? 'n/a' : Math.round((cpuAfter - cpuBefore) * 100) / 100,
          'app RSS MB': Math.round(peakRss / 1e6),
          'OCR process peak MB': peakRssOf(service.processId),
        })
        cold = false
      }
    }
  } finally {
    await service.close()
  }
  printTable('OCR quality per variant (CER goal vi: ≤ 0.5 % clean, ≤ 2 % noisy/skewed; ≤ 3 s/page warm, ≤ 6 s cold; OCR process peak is cumulative)', rows)
}

/** A scanned PDF: each page an image only (no text layer), as a scanner's PDF is. */
function scannedPdf(pages: readonly Canvas[]): Buffer {
  const document = new PDFDocument()
  for (const page of pages) {
    const context = document.beginPage(595, 842) as unknown as { drawImage(image: Canvas, x: number, y: number, w: number, h: number): void }
    context.drawImage(page, 0, 0, 595, 842)
    document.endPage()
  }
  return document.close()
}

/** One scanned PDF imported through importFiles, with the main thread watched. */
async function importScan(dir: string, name: string, pages: number, paragraphs: readonly string[], page: Canvas): Promise<Row> {
  const file = join(dir, `${name}.pdf`)
  const bytes = scannedPdf(Array.from({ length: pages }, () => page))
  await writeFile(file, bytes)
  let peakRss = process.memoryUsage().rss
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50)
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  const blocks = monitorCpuBlocks(5)
  const started = performance.now()
  // What the main thread was doing around each block over 5 ms (BENCH_OCR_TRACE=1 prints them).
  const events: { at: number; what: string }[] = [{ at: started, what: 'import starts' }]
  // This thread's garbage collections (V8's kinds: 1 minor, 4 major), to tell them from the import's own work.
  const collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) events.push({ at: entry.startTime, what: `gc kind ${(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? '?'} (${entry.duration.toFixed(1)} ms wall)` })
  })
  collections.observe({ entryTypes: ['gc'] })
  // The OCR process's CPU before (none before the first import: it starts with it).
  const cpuBefore = cpuSecondsOf(ocrService().processId) ?? 0
  const summary = await importFiles([file], {
    onPage: (_file, done, total) => events.push({ at: performance.now(), what: `page ${done}/${total} recognised` }),
    onProgress: () => void events.push({ at: performance.now(), what: 'file done' }),
  })
  const seconds = (performance.now() - started) / 1000
  const ocrCpu = cpuSecondsOf(ocrService().processId)
  const longestCpu = blocks.stop()
  collections.disconnect()
  events.sort((a, b) => a.at - b.at)
  delay.disable()
  clearInterval(sampler)
  if (process.env['BENCH_OCR_TRACE'] === '1') {
    for (const block of blocks.blocks) {
      const before = events.filter((event) => event.at <= block.at).at(-1)
      console.log(`  ${name}: ${block.ms.toFixed(1)} ms CPU block at +${((block.at - started) / 1000).toFixed(2)} s, after "${before?.what}" (+${((block.at - (before?.at ?? started)) / 1000).toFixed(2)} s)`)
    }
  }
  const outcome = summary.outcomes[0]
  const text = outcome?.ok ? outcome.article.blocks.map((block) => block.text).join(' ') : ''
  return {
    benchmark: `${name}: ${pages} pages (${(bytes.length / 1e6).toFixed(1)} MB)`,
    imported: outcome?.ok ? 'yes' : `no: ${outcome?.ok === false ? outcome.error.code : '?'}`,
    's total': Math.round(seconds * 10) / 10,
    's/page': Math.round((seconds / pages) * 100) / 100,
    // The OCR process's CPU (all its threads: pdf.js, the canvas, tesseract), a figure the load moves far less than wall time.
    'OCR CPU s/page': ocrCpu === null ? 'n/a' : Math.round(((ocrCpu - cpuBefore) / pages) * 100) / 100,
    'CER %': Math.round(characterErrorRate(Array.from({ length: pages }, () => paragraphs.join(' ')).join(' '), text) * 10000) / 100,
    'longest CPU block ms': longestCpu === null ? 'n/a' : Math.round(longestCpu * 100) / 100,
    'loop delay max ms': Math.round((delay.max / 1e6) * 10) / 10,
    'app peak RSS MB': Math.round(peakRss / 1e6),
    // The process is kept between the two imports: its high-water mark covers both by the second.
    'OCR process peak MB': peakRssOf(ocrService().processId),
  }
}

/**
 * The first PDF import of a process loads pdf.js (its text-layer pass runs on the calling
 * thread, as for every PDF) and starts the OCR worker: measured apart, on a one-page scan, from
 * the multi-page scan that follows (BENCH_OCR_PAGES, default 20).
 */
async function benchScanImport(quick: boolean): Promise<void> {
  const count = quick ? 3 : Number(process.env['BENCH_OCR_PAGES'] ?? 20)
  const paragraphs = sampleParagraphs(VIETNAMESE_SAMPLE, 8)
  const page = renderPage(paragraphs)
  const dir = await mkdtemp(join(tmpdir(), 'bench-ocr-'))
  try {
    const rows = [await importScan(dir, 'first', 1, paragraphs, page), await importScan(dir, 'scan', count, paragraphs, page)]
    printTable('OCR import of scanned PDFs through importFiles, main thread watched (goal: longest block ≤ 5 ms, ≤ 600 MB RSS)', rows)
  } finally {
    await ocrService().close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** BENCH_OCR_PART=variants or =import runs one half. */
export async function benchOcr(quick: boolean): Promise<void> {
  // The OCR process runs the bundled entry, as in the app (see ocr-worker-bundle.ts: through tsx, pdf.js's loading costs 10 times more).
  setOcrWorkerEntry(await bundleOcrWorker())
  const part = process.env['BENCH_OCR_PART']
  if (part !== 'import') await benchVariants(quick)
  if (part === 'variants') return
  await benchScanImport(quick)
}
