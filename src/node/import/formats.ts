import type { ImportDraft, ImportFormat } from './draft'
import { readDocx } from './read-docx'
import { readHtml } from './read-html'
import { readMarkdown } from './read-markdown'
import { readPdf } from './read-pdf'
import { readTxt } from './read-txt'

/**
 * The largest file the importer reads: 20 MB. A news article is a few KB of text, a Word file
 * with its photos a few MB, a printed page as PDF rarely over 10 MB; 20 MB leaves room for those
 * while bounding the memory and time one file can take (a file is read whole, and pdf.js parses
 * it whole). Callers may pass another limit.
 */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

export type Reader = (bytes: Uint8Array, file: string) => ImportDraft | Promise<ImportDraft>

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
}

export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(READERS)

/** The reader for a file extension (with its dot, any case), or null when unsupported. */
export function readerFor(extension: string): { readonly format: ImportFormat; readonly read: Reader } | null {
  const key = extension.toLowerCase()
  return Object.hasOwn(READERS, key) ? READERS[key]! : null
}
