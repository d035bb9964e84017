import { PDFDocument, type Canvas } from '@napi-rs/canvas'
import { openPdf } from '../src/node/import/ocr/pdf-document'
import { encodePageImage, PAGE_IMAGE_DPI, type Drawable } from '../src/node/import/ocr/page-image'
import { preparePage } from '../src/node/import/ocr/prepare-page'
import { probeBand, PROBE_LANGUAGES } from '../src/node/import/ocr/page-language'
import { createTesseractEngine } from '../src/node/import/ocr/tesseract-engine'
import { renderPage, sampleParagraphs, VIETNAMESE_SAMPLE } from './scan-fixtures'

/**
 * Where one scanned PDF page's time goes in the OCR process, stage by stage, in CPU time of the
 * whole process (process.cpuUsage: every thread, tesseract's included) and wall time:
 * `node --import tsx bench/profile-ocr-page.ts [pages]`. Diagnostics only.
 */
function cpuMs(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

async function stage<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  const cpu = cpuMs()
  const wall = performance.now()
  const result = await run()
  console.log(`${name.padEnd(34)} cpu ${(cpuMs() - cpu).toFixed(0).padStart(6)} ms   wall ${(performance.now() - wall).toFixed(0).padStart(6)} ms   rss ${(process.memoryUsage.rss() / 1e6).toFixed(0)} MB`)
  return result
}

function scannedPdf(page: Canvas, count: number): Buffer {
  const document = new PDFDocument()
  for (let i = 0; i < count; i++) {
    const context = document.beginPage(595, 842) as unknown as { drawImage(image: Canvas, x: number, y: number, w: number, h: number): void }
    context.drawImage(page, 0, 0, 595, 842)
    document.endPage()
  }
  return document.close()
}

const pages = Number(process.argv[2] ?? 2)
const bytes = scannedPdf(renderPage(sampleParagraphs(VIETNAMESE_SAMPLE, 8)), pages)
const engine = await stage('engine start (vie)', () => createTesseractEngine(PROBE_LANGUAGES))
const pdf = await stage('open pdf (pdf.js load)', () => openPdf(new Uint8Array(bytes)))
for (let number = 1; number <= pages; number++) {
  const page = await stage(`p${number} getPage`, () => pdf.page(number))
  await stage(`p${number} text layer`, () => page.textLines())
  const drawn = await stage(`p${number} draw 300 dpi`, () => page.draw())
  const size = { width: drawn.canvas.width, height: drawn.canvas.height }
  const png = process.env['PROFILE_PNG'] === '1'
  const image = png ? await stage(`p${number} encode PNG`, () => drawn.canvas.encode('png')) : await stage(`p${number} grey from canvas`, () => drawn.grey())
  await stage(`p${number} page image WebP`, () => encodePageImage(drawn.canvas as unknown as Drawable, size.width, size.height, PAGE_IMAGE_DPI / drawn.dpi))
  drawn.free()
  page.close()
  await stage(`p${number} prepare (decode, grey, filters)`, () => preparePage(image))
  if (png) await stage(`p${number} band read (language)`, () => engine.readText(image, probeBand(size.width, size.height)))
  await stage(`p${number} recognise`, () => engine.recognize(image, number))
}
await pdf.close()
await engine.terminate()
