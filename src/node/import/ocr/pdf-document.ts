import { normalizeLine } from '../../../common/text/normalize'
import { isJunkTitle, textLayerLines, type Line } from '../read-pdf-lines'
import type { GreyImage } from './page-pixels'
import { greyFromRgba } from './page-pixels'
import { MAX_OCR_PIXELS } from './prepare-page'

/**
 * A PDF opened with pdf.js (legacy build, for Node) in the OCR worker: each page's text layer as
 * lines, and a page drawn on a canvas from @napi-rs/canvas (pdf.js's own canvas factory in Node)
 * for recognition. Opening, reading text layers and drawing all run here, never on the main
 * thread: loading pdf.js and parsing a document takes hundreds of milliseconds.
 */

/** Tesseract reads body text best at about 300 dpi (its own documentation's figure). */
export const OCR_DPI = 300

/** The image pixel cap's value (read-image.ts): an image file with more pixels is refused. */
export const MAX_PAGE_PIXELS = 40_000_000

/**
 * The most pixels a page is drawn with: recognition's own cap (an A4 page at 300 dpi), so that
 * the drawing's pixels are what tesseract reads, unscaled; a larger page gets fewer dpi.
 */
export const MAX_DRAW_PIXELS = MAX_OCR_PIXELS

/** Rows of the canvas read at a time when turning it grey: a strip of RGBA, not the whole page's 35 MB. */
const GREY_STRIP_ROWS = 256

/** Why a PDF could not be opened: a password protects it, or it is not a readable PDF. */
export class PdfOpenError extends Error {
  constructor(
    readonly reason: 'encrypted' | 'corrupt',
    message: string,
  ) {
    super(message)
  }
}

export type NapiCanvas = HTMLCanvasElement & { encode(format: 'png'): Promise<Buffer>; encode(format: 'webp', quality?: number): Promise<Buffer> }

export interface DrawnPage {
  readonly canvas: NapiCanvas
  /** The dpi the page was drawn at (OCR_DPI, fewer for a page larger than A4). */
  readonly dpi: number
  /** The drawing as 8-bit grey, what recognition reads (prepare-page.ts): no PNG in between. */
  grey(): GreyImage
  /** Gives the canvas's pixels back now rather than at the next garbage collection. */
  free(): void
}

export interface PdfPageReader {
  /** The page's text layer as lines (none for a scanned page). */
  textLines(): Promise<Line[]>
  /** The page drawn on white paper at OCR_DPI (or fewer, within MAX_DRAW_PIXELS). */
  draw(): Promise<DrawnPage>
  /** Frees what pdf.js holds for the page. */
  close(): void
}

export interface PdfDocumentReader {
  readonly pageCount: number
  page(number: number): Promise<PdfPageReader>
  /** The document's Title, unless missing or a placeholder ("Microsoft Word - x.docx"). */
  title(): Promise<string | null>
  close(): Promise<void>
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: NapiCanvas; context: CanvasRenderingContext2D }
  destroy(canvasAndContext: { canvas: NapiCanvas; context: CanvasRenderingContext2D }): void
}

export async function openPdf(bytes: Uint8Array): Promise<PdfDocumentReader> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of the buffer it is given; the caller's was transferred here.
    data: bytes,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  })
  let documentProxy: Awaited<typeof task.promise>
  try {
    documentProxy = await task.promise
  } catch (error) {
    await task.destroy()
    const message = error instanceof Error ? error.message : String(error)
    throw new PdfOpenError(error instanceof Error && error.name === 'PasswordException' ? 'encrypted' : 'corrupt', message)
  }
  const factory = documentProxy.canvasFactory as CanvasFactory
  return {
    pageCount: documentProxy.numPages,
    async page(number) {
      const page = await documentProxy.getPage(number)
      return {
        async textLines() {
          const content = await page.getTextContent()
          return textLayerLines(content.items, number)
        },
        async draw() {
          const base = page.getViewport({ scale: 1 })
          const scale = Math.min(OCR_DPI / 72, Math.sqrt(MAX_DRAW_PIXELS / (base.width * base.height)))
          const viewport = page.getViewport({ scale })
          const drawn = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height))
          const { canvas, context } = drawn
          // A scan's page may be transparent where nothing was drawn: tesseract wants paper, not black.
          context.fillStyle = '#fff'
          context.fillRect(0, 0, canvas.width, canvas.height)
          await page.render({ canvas, canvasContext: context, viewport }).promise
          return { canvas, dpi: scale * 72, grey: () => greyOf(context, canvas.width, canvas.height), free: () => factory.destroy(drawn) }
        },
        close() {
          page.cleanup()
        },
      }
    },
    async title() {
      try {
        const { info } = await documentProxy.getMetadata()
        const title = normalizeLine(String((info as Record<string, unknown>)['Title'] ?? ''))
        return isJunkTitle(title) ? null : title
      } catch {
        return null
      }
    },
    async close() {
      await documentProxy.destroy()
    },
  }
}

/** The canvas's pixels as grey, read in strips of rows. */
function greyOf(context: CanvasRenderingContext2D, width: number, height: number): GreyImage {
  const pixels = new Uint8Array(width * height)
  for (let top = 0; top < height; top += GREY_STRIP_ROWS) {
    const rows = Math.min(GREY_STRIP_ROWS, height - top)
    pixels.set(greyFromRgba(context.getImageData(0, top, width, rows).data, width, rows).pixels, top * width)
  }
  return { width, height, pixels }
}
