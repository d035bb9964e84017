import { readImageHeader } from './image-header'
import type { OcrPage } from './ocr-page'
import type { FileReading, OcrSource, ReadFailureKind } from './ocr-protocol'
import { ocrBlocks, ocrInfo, pdfBlocks, type PdfPageText } from './ocr-to-blocks'
import { openPdf, PdfOpenError, type PdfDocumentReader } from './pdf-document'
import { encodePageImage, PAGE_IMAGE_DPI, pageImageOfImageFile, withStartOf, type Drawable, type PageImageReading } from './page-image'
import type { PageInput } from './prepare-page'

/**
 * A file read in the OCR process: images recognised page by page, or a PDF walked once, page by
 * page: a page with a text layer keeps it, a page without one is drawn and recognised. While
 * tesseract (its own thread) reads one page, the loop goes on to the next page's text layer and
 * drawing, so the two threads overlap; at most one drawn page waits for tesseract.
 */
/** Recognises one page image (encoded, or a PDF page's grey pixels; its size in pixels) in the languages the request asks for. */
export type Recognise = (image: PageInput, page: number, size: { readonly width: number; readonly height: number }) => Promise<OcrPage>

/** An image file's page decoded as recognition decodes it (leptonica), as PNG: for the TIFF pages Skia cannot read. */
export type DecodeToPng = (image: Uint8Array) => Promise<Uint8Array>

export class ReadFailure extends Error {
  constructor(
    readonly kind: ReadFailureKind,
    reason: string,
  ) {
    super(reason)
  }
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200)
}

/** Recognition's errors are the input's (tesseract or pdf.js could not decode it): `unreadable`. */
async function recogniseOrFail(recognise: Recognise, image: PageInput, page: number, size: { readonly width: number; readonly height: number }): Promise<OcrPage> {
  try {
    return await recognise(image, page, size)
  } catch (error) {
    throw new ReadFailure('unreadable', reasonOf(error))
  }
}

export async function readInWorker(
  source: OcrSource,
  recognise: Recognise,
  onPage: (done: number, total: number) => void,
  decodeToPng: DecodeToPng,
  /** Called once a page is known to need recognising, before it is decoded or drawn: the engine starts meanwhile. */
  warmUp: () => void = () => {},
): Promise<FileReading> {
  if (source.kind === 'images') {
    if (source.images.length > 0) warmUp()
    const pages: OcrPage[] = []
    const pageImages: PageImageReading[] = []
    for (const [index, image] of source.images.entries()) {
      // Decoded for the page image before tesseract has the bytes.
      let pageImage = await keepPageImage(() => pageImageOfImageFile(image.bytes, index + 1))
      const recognised = await recogniseOrFail(recognise, image.bytes, index + 1, image)
      // A TIFF page: leptonica decodes it once more (no recognition) into a PNG, which Skia reads.
      if (pageImage === null && isTiff(image.bytes)) pageImage = await keepPageImage(async () => pageImageOfImageFile(await decodeToPng(image.bytes), index + 1))
      pages.push(recognised)
      if (pageImage !== null) pageImages.push(withStartOf(pageImage, recognised))
      onPage(index + 1, source.images.length)
    }
    const blocks = ocrBlocks(pages)
    if (blocks.length === 0) throw new ReadFailure('no-text', 'no text recognised')
    return { blocks, documentTitle: null, ocr: ocrInfo(pages), pageImages }
  }
  let pdf: PdfDocumentReader
  try {
    // A plain Uint8Array view (no copy): bytes sent as a Buffer arrive as one, and pdf.js refuses Buffers.
    pdf = await openPdf(new Uint8Array(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength))
  } catch (error) {
    if (error instanceof PdfOpenError) throw new ReadFailure(error.reason, reasonOf(error))
    throw error
  }
  try {
    return await readPdfPages(pdf, recognise, onPage, warmUp)
  } catch (error) {
    if (error instanceof ReadFailure) throw error
    // pdf.js failing inside a page: a damaged PDF.
    throw new ReadFailure('corrupt', reasonOf(error))
  } finally {
    await pdf.close()
  }
}

async function readPdfPages(
  pdf: PdfDocumentReader,
  recognise: Recognise,
  onPage: (done: number, total: number) => void,
  warmUp: () => void,
): Promise<FileReading> {
  const texts: PdfPageText[] = []
  let warm = false
  const recognised: OcrPage[] = []
  const pageImages: PageImageReading[] = []
  let inFlight: Promise<void> = Promise.resolve()
  for (let number = 1; number <= pdf.pageCount; number++) {
    const page = await pdf.page(number)
    try {
      const lines = await page.textLines()
      if (lines.length > 0) {
        texts.push({ number, lines })
        continue
      }
      if (!warm) warmUp()
      warm = true
      const drawn = await page.draw()
      let image: PageInput
      let pageImage: PageImageReading | null
      const size = { width: drawn.canvas.width, height: drawn.canvas.height }
      // The page image from the same drawing, at the reading resolution (WebP, in the canvas's own
      // threads), while this thread reads the drawing's pixels as grey for recognition.
      const encoding = keepPageImage(async () => ({ page: number, type: 'image/webp' as const, ...(await encodePageImage(drawn.canvas as unknown as Drawable, size.width, size.height, PAGE_IMAGE_DPI / drawn.dpi)) }))
      try {
        image = drawn.grey()
        pageImage = await encoding
      } finally {
        // Also when grey() threw: the encoding still reads the canvas in native threads, so the
        // canvas is freed only once it has ended (keepPageImage never rejects).
        await encoding
        drawn.free()
      }
      // One page at a time in tesseract: the page before must be done.
      await inFlight
      const slot = texts.push({ number, lines: [] }) - 1
      inFlight = recogniseOrFail(recognise, image, number, size).then((result) => {
        texts[slot] = { number, recognised: result }
        recognised.push(result)
        if (pageImage !== null) pageImages.push(withStartOf(pageImage, result))
        onPage(number, pdf.pageCount)
      })
      // Awaited at the next scanned page or after the loop; until then a failure must not count as unhandled.
      inFlight.catch(() => {})
    } finally {
      page.close()
    }
  }
  await inFlight
  const blocks = pdfBlocks(texts)
  // Scanned pages, none with text: blank pages (or nothing readable); a text layer alone may be short.
  if (recognised.length > 0 && ocrBlocks(recognised).length === 0) {
    throw new ReadFailure('no-text', 'no text recognised')
  }
  return { blocks, documentTitle: await pdf.title(), ocr: recognised.length === 0 ? null : ocrInfo(recognised), pageImages }
}

function isTiff(bytes: Uint8Array): boolean {
  try {
    return readImageHeader(bytes).kind === 'tiff'
  } catch {
    return false
  }
}

/** A page image is a convenience: failing to make one never fails the page's text. */
async function keepPageImage(make: () => Promise<PageImageReading | null>): Promise<PageImageReading | null> {
  try {
    return await make()
  } catch {
    return null
  }
}
