import type { SourceBlock } from '../../../common/agency/source-block'
import type { OcrInfo } from '../../../common/model/article'
import type { OcrLanguageChoice } from './ocr-languages'
import type { PageImageReading } from './page-image'

/**
 * Messages between the main thread (ocr-service.ts) and the OCR process (ocr-worker.ts, a child process: ocr-process.ts). A request
 * is one file: images already split into pages (a TIFF's pages, or one image), or a whole PDF,
 * whose text layers are read in the worker too (pdf.js never runs on the main thread). The worker
 * answers with 'page' messages (progress, once recognition has begun) and then 'done' or 'failed'.
 */
export interface SourceImage {
  readonly bytes: Uint8Array
  /** From the image's header (language detection reads a band of the page). */
  readonly width: number
  readonly height: number
}

export type OcrSource = { readonly kind: 'images'; readonly images: readonly SourceImage[] } | { readonly kind: 'pdf'; readonly bytes: Uint8Array }

export interface OcrRequest {
  readonly id: number
  readonly languages: OcrLanguageChoice
  readonly source: OcrSource
}

/**
 * A PDF's bytes sent ahead of its request in parts of at most SOURCE_PART_BYTES, one per turn of
 * the main thread's loop: a message is cloned whole on the sending thread, and an 11.6 MB PDF sent
 * at once was a 57 ms block (perf-log.md). The request that follows carries empty bytes and
 * `parts`, the number of parts to join, in order.
 */
export interface OcrSourcePart {
  readonly id: number
  readonly type: 'part'
  readonly bytes: Uint8Array
}

export const SOURCE_PART_BYTES = 512 * 1024

/** What the OCR process is sent: parts of a PDF, then its request (`parts` set when parts came first). */
export type OcrMessage = OcrSourcePart | (OcrRequest & { readonly parts?: number })

/**
 * What the worker made of a file: its paragraphs, a PDF's title, the OCR record (null: a PDF whose
 * every page has a text layer) and the recognised pages' images (page-image.ts; their buffers are
 * transferred to the main thread, not copied).
 */
export interface FileReading {
  readonly blocks: SourceBlock[]
  readonly documentTitle: string | null
  readonly ocr: OcrInfo | null
  readonly pageImages: readonly PageImageReading[]
}

/**
 * Why a file gave no text: an image or page could not be decoded (`unreadable`), a PDF is
 * password-protected (`encrypted`) or not a readable PDF (`corrupt`), no page held recognisable
 * text (`no-text`), or the engine failed (`failed`).
 */
export type ReadFailureKind = 'unreadable' | 'encrypted' | 'corrupt' | 'no-text' | 'failed'

export type OcrReply =
  | { readonly id: number; readonly type: 'page'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly type: 'done'; readonly reading: FileReading }
  | { readonly id: number; readonly type: 'failed'; readonly kind: ReadFailureKind; readonly reason: string }
