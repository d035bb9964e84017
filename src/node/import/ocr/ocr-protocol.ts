import type { OcrLanguage } from './ocr-languages'
import type { OcrPage } from './ocr-page'

/**
 * Messages between the main thread (ocr-service.ts) and the OCR worker (ocr-worker.ts). A request
 * is one file: images already split into pages (a TIFF's pages, or one image), or a PDF with the
 * numbers of the pages to render and recognise. The worker answers with one 'page' message per
 * page done (progress) and then 'done' or 'failed'.
 */
export type OcrSource =
  | { readonly kind: 'images'; readonly images: readonly Uint8Array[] }
  | { readonly kind: 'pdf'; readonly bytes: Uint8Array; readonly pages: readonly number[] }

export interface OcrRequest {
  readonly id: number
  readonly languages: readonly OcrLanguage[]
  readonly source: OcrSource
}

export type OcrReply =
  | { readonly id: number; readonly type: 'page'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly type: 'done'; readonly pages: readonly OcrPage[] }
  /** `unreadable`: an image or a page could not be decoded; `failed`: anything else. */
  | { readonly id: number; readonly type: 'failed'; readonly kind: 'unreadable' | 'failed'; readonly reason: string }
