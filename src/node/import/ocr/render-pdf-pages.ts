/**
 * PDF pages as images for recognition: pdf.js (legacy build, for Node) draws each page on a
 * canvas from @napi-rs/canvas, which pdf.js itself uses in Node, at OCR_DPI, and the canvas is
 * encoded as PNG for tesseract. Runs in the OCR worker (drawing a 300 dpi page takes hundreds of
 * milliseconds: never on the main thread).
 */

/** Tesseract reads body text best at about 300 dpi (its own documentation's figure). */
export const OCR_DPI = 300

/** The most pixels a page is rendered with (the image pixel cap's value): huge pages get fewer dpi. */
export const MAX_PAGE_PIXELS = 40_000_000

type NapiCanvas = HTMLCanvasElement & { encode(format: 'png'): Promise<Buffer> }

export interface PdfPageRenderer {
  render(pageNumber: number): Promise<Uint8Array>
  close(): Promise<void>
}

export async function openPdfForRendering(bytes: Uint8Array): Promise<PdfPageRenderer> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  })
  const documentProxy = await task.promise
  return {
    async render(pageNumber) {
      const page = await documentProxy.getPage(pageNumber)
      try {
        const base = page.getViewport({ scale: 1 })
        const scale = Math.min(OCR_DPI / 72, Math.sqrt(MAX_PAGE_PIXELS / (base.width * base.height)))
        const viewport = page.getViewport({ scale })
        // pdf.js's own canvas factory: in Node it makes @napi-rs/canvas canvases.
        const factory = documentProxy.canvasFactory as { create(width: number, height: number): { canvas: NapiCanvas; context: CanvasRenderingContext2D } }
        const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height))
        // A scan's page may be transparent where nothing was drawn: tesseract wants paper, not black.
        context.fillStyle = '#fff'
        context.fillRect(0, 0, canvas.width, canvas.height)
        await page.render({ canvas, canvasContext: context, viewport }).promise
        return new Uint8Array(await canvas.encode('png'))
      } finally {
        page.cleanup()
      }
    },
    async close() {
      await documentProxy.destroy()
    },
  }
}
