import { normalizeLine } from '../../../common/text/normalize'
import { isJunkTitle, textLayerLines, type Line } from '../read-pdf-lines'

/**
 * A PDF opened with pdf.js (legacy build, for Node) in the OCR worker: each page's text layer as
 * lines, and a page drawn on a canvas from @napi-rs/canvas (pdf.js's own canvas factory in Node)
 * for recognition. Opening, reading text layers and drawing all run here, never on the main
 * thread: loading pdf.js and parsing a document takes hundreds of milliseconds.
 */

/** Tesseract reads body text best at about 300 dpi (its own documentation's figure). */
export const OCR_DPI = 300

/** The most pixels a page is drawn with (the image pixel cap's value): huge pages get fewer dpi. */
export const MAX_PAGE_PIXELS = 40_000_000

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
  /** The dpi the page was drawn at (OCR_DPI, fewer for a huge page). */
  readonly dpi: number
  /** Gives the canvas's pixels back now rather than at the next garbage collection. */
  free(): void
}

export interface PdfPageReader {
  /** The page's text layer as lines (none for a scanned page). */
  textLines(): Promise<Line[]>
  /** The page drawn on white paper at OCR_DPI (or fewer, within MAX_PAGE_PIXELS). */
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
          const scale = Math.min(OCR_DPI / 72, Math.sqrt(MAX_PAGE_PIXELS / (base.width * base.height)))
          const viewport = page.getViewport({ scale })
          const drawn = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height))
          const { canvas, context } = drawn
          // A scan's page may be transparent where nothing was drawn: tesseract wants paper, not black.
          context.fillStyle = '#fff'
          context.fillRect(0, 0, canvas.width, canvas.height)
          await page.render({ canvas, canvasContext: context, viewport }).promise
          return { canvas, dpi: scale * 72, free: () => factory.destroy(drawn) }
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
