import { createWorker, OEM, type Block, type Worker as TesseractWorker } from 'tesseract.js'
import { normalizeLine } from '../../../common/text/normalize'
import { languageFolder, type OcrLanguage } from './ocr-languages'
import type { OcrLine, OcrPage } from './ocr-page'
import { correctOcrWord, correctWordPairs } from './ocr-syllable-correction'
import { preparePage, type PageInput } from './prepare-page'

/**
 * One tesseract.js recogniser for a set of languages. tesseract.js runs the recognition in a
 * worker thread of its own (its Node build spawns one per createWorker); this module is used
 * inside the OCR process (ocr-worker.ts), so no thread of it is the app's main thread.
 *
 * Offline by construction: langPath is a local folder holding the trained data copied from the
 * npm packages (ocr-languages.ts), so tesseract reads it with fs and never uses its default, a CDN;
 * cacheMethod 'none' keeps it from reading or writing a cache of its own; the wasm core and the
 * worker script are tesseract.js's own files in node_modules.
 */
export interface TesseractEngine {
  readonly languages: readonly OcrLanguage[]
  recognize(image: PageInput, page: number): Promise<OcrPage>
  /** The text of a part of the image only (language detection reads a band of the page). */
  readText(image: PageInput, rectangle: { left: number; top: number; width: number; height: number }): Promise<string>
  /**
   * The image decoded by leptonica (the decoder recognition uses) and written as PNG, without
   * recognising it: a TIFF page's page image (Skia has no TIFF decoder; page-image.ts).
   */
  decodeToPng(image: Uint8Array): Promise<Uint8Array>
  terminate(): Promise<void>
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export async function createTesseractEngine(languages: readonly OcrLanguage[]): Promise<TesseractEngine> {
  const folder = await languageFolder(languages)
  let worker: TesseractWorker
  try {
    worker = await createWorker(languages.join('+'), OEM.LSTM_ONLY, {
      langPath: folder.path,
      cacheMethod: 'none',
    gzip: true,
    // A failure inside tesseract's thread rejects the job; without a handler it would also be thrown there.
      errorHandler: () => {},
    })
  } finally {
    // tesseract reads the trained data once, while it starts; the copy is not needed after that.
    // Removed now rather than at terminate(), which never runs when the OCR process is ended
    // whole (idleness, quitting): each start would leave 4 MB in the temporary folder.
    await folder.remove()
  }
  // Scans carry no reliable resolution of their own (a PNG often says 72 dpi); pages are made at 300.
  await worker.setParameters({ user_defined_dpi: '300', preserve_interword_spaces: '0' })
  // Vietnamese pages: unsure words that are no Vietnamese syllable, fixed where one reading fits.
  const vietnamese = languages.includes('vie')
  const correctWord = vietnamese ? correctOcrWord : (text: string) => text
  return {
    languages,
    async recognize(image, page) {
      const prepared = await preparePage(image)
      const { data } = await worker.recognize(asBuffer(prepared.bytes), {}, { blocks: true, text: false })
      // Boxes in the source image's pixels, whatever the scale recognition used.
      const unscale = (value: number): number => Math.round(value / prepared.scale)
      const lines: Omit<OcrLine, 'text'>[] = []
      let width = 0
      let height = 0
      for (const block of (data.blocks ?? []) as Block[]) {
        width = Math.max(width, unscale(block.bbox.x1))
        height = Math.max(height, unscale(block.bbox.y1))
        for (const paragraph of block.paragraphs) {
          for (const line of paragraph.lines) {
            const words = line.words
              .map((word) => ({ text: correctWord(normalizeLine(word.text), word.confidence), confidence: word.confidence }))
              .filter((word) => word.text !== '')
            if (words.length === 0) continue
            lines.push({
              left: unscale(line.bbox.x0),
              top: unscale(line.bbox.y0),
              right: unscale(line.bbox.x1),
              bottom: unscale(line.bbox.y1),
              rowHeight: unscale(line.rowAttributes?.rowHeight || line.bbox.y1 - line.bbox.y0),
              words,
            })
          }
        }
      }
      // Vietnamese pages: each word read with its neighbours (across lines too), for the marks a
      // syllable alone cannot tell (`Ngoai giao` → `Ngoại giao`).
      const texts = vietnamese ? correctWordPairs(lines.flatMap((line) => line.words)) : lines.flatMap((line) => line.words.map((word) => word.text))
      let next = 0
      const corrected: OcrLine[] = lines.map((line) => {
        const words = line.words.map((word) => ({ text: texts[next++]!, confidence: word.confidence }))
        return { ...line, text: words.map((word) => word.text).join(' '), words }
      })
      return { page, width, height, lines: corrected, languages }
    },
    async readText(image, rectangle) {
      const prepared = await preparePage(image)
      // One pixel short on the right: tesseract.js 7 reads a rectangle that reaches the image's
      // right edge as noise ("mm eoneeneeee…" for a clean band of Vietnamese), which left every
      // page's language undetected and read with both models (test/ocr/page-language.test.ts).
      const scaled = {
        left: Math.round(rectangle.left * prepared.scale),
        top: Math.round(rectangle.top * prepared.scale),
        width: Math.max(1, Math.round(rectangle.width * prepared.scale) - 1),
        height: Math.max(1, Math.round(rectangle.height * prepared.scale)),
      }
      const { data } = await worker.recognize(asBuffer(prepared.bytes), { rectangle: scaled }, { text: true })
      return data.text ?? ''
    },
    async decodeToPng(image) {
      // Only an image output asked for: tesseract.js sets the image and skips recognition.
      const { data } = await worker.recognize(asBuffer(image), {}, { text: false, imageColor: true })
      const url = data.imageColor ?? ''
      return new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'))
    },
    async terminate() {
      await worker.terminate()
    },
  }
}
