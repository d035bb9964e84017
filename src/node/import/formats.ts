import type { ImportDraft, ImportFormat } from './draft'
import { readDocx } from './read-docx'
import { readHtml } from './read-html'
import { readImage } from './read-image'
import { readMarkdown } from './read-markdown'
import { readPdf } from './read-pdf'
import { readTxt } from './read-txt'
import type { ReadContext } from './ocr/recognise-file'

/**
 * The largest file the importer reads: 20 MB. A news article is a few KB of text, a Word file
 * with its photos a few MB, a printed page as PDF rarely over 10 MB; 20 MB leaves room for those
 * while bounding the memory and time one file can take (a file is read whole, and pdf.js parses
 * it whole). Callers may pass another limit.
 */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

/** A format's reader. The context matters to the readers that recognise text (OCR): cancel signal, page progress, languages. */
export type Reader = (bytes: Uint8Array, file: string, context?: ReadContext) => ImportDraft | Promise<ImportDraft>

const READERS: Readonly<Record<string, { readonly format: ImportFormat; readonly read: Reader }>> = {
  '.txt': { format: 'txt', read: readTxt },
  '.text': { format: 'txt', read: readTxt },
  '.md': { format: 'md', read: readMarkdown },
  '.markdown': { format: 'md', read: readMarkdown },
  '.html': { format: 'html', read: readHtml },
  '.htm': { format: 'html', read: readHtml },
  '.xhtml': { format: 'html', read: readHtml },
  '.docx': { format: 'docx', read: readDocx },
  '.pdf': { format: 'pdf', read: readPdf },
  '.png': { format: 'image', read: readImage },
  '.jpg': { format: 'image', read: readImage },
  '.jpeg': { format: 'image', read: readImage },
  '.tif': { format: 'image', read: readImage },
  '.tiff': { format: 'image', read: readImage },
  '.webp': { format: 'image', read: readImage },
}

/**
 * Formats whose reading may run OCR: a batch reads them on the main thread's side (whose reader
 * hands the work to the OCR worker and waits, with page progress and cancelling), never in a
 * parse worker, which would start an OCR worker of its own.
 */
export function mayNeedOcr(extension: string): boolean {
  const format = readerFor(extension)?.format
  return format === 'image' || format === 'pdf'
}

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(READERS)

/** The reader for a file extension (with its dot, any case), or null when unsupported. */
export function readerFor(extension: string): { readonly format: ImportFormat; readonly read: Reader } | null {
  const key = extension.toLowerCase()
  return Object.hasOwn(READERS, key) ? READERS[key]! : null
}
