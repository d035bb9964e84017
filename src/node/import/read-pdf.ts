import { emptyDraft, type ImportDraft } from './draft'
import { readInOcrWorker, type ReadContext } from './ocr/recognise-file'

/**
 * .pdf: read in the OCR worker (ocr/read-in-worker.ts), never on the calling thread: loading
 * pdf.js and parsing a document cost hundreds of milliseconds of CPU, which on the main thread
 * froze the window. There each page is visited once: its text layer, rebuilt into paragraphs
 * (read-pdf-lines.ts), or, for a page without one (a scan), the page drawn and recognised. A mixed
 * PDF's pages stay in order. A password-protected PDF and a damaged one get errors of their own.
 */
export { linesToBlocks, type Line } from './read-pdf-lines'

export async function readPdf(bytes: Uint8Array, file: string, context: ReadContext = {}): Promise<ImportDraft> {
  // The bytes as they are: the channel to the OCR process copies them (ocr-process.ts), and a copy here would cost this thread.
  const { blocks, documentTitle, ocr, pageImages } = await readInOcrWorker(file, 'PDF', { kind: 'pdf', bytes }, context)
  return { ...emptyDraft('pdf', null, blocks), documentTitle, ...(ocr !== null ? { ocr } : {}), ...(pageImages.length > 0 ? { pageImages } : {}) }
}
