import { AppError } from '../../../common/errors'
import { DEFAULT_OCR_LANGUAGE_CHOICE, type OcrLanguageChoice } from '../../../common/import/ocr-language-choice'
import type { FileReading, OcrSource } from './ocr-protocol'
import { ocrService, OcrError } from './ocr-service'

/** What a reader passes along to recognition: the batch's cancel signal, its page progress, the user's language choice. */
export interface ReadContext {
  readonly signal?: AbortSignal
  readonly onPage?: (done: number, total: number) => void
  /** Default 'auto': detected page by page. */
  readonly ocrLanguages?: OcrLanguageChoice
}

/**
 * A file read in the OCR process (images, or a PDF's text layers and scanned pages), as
 * paragraphs and the article's OCR record. Every failure is an AppError naming the file:
 * cancelled, unreadable ({format} names what was being decoded), encrypted, corrupt, failed, or
 * no text on any recognised page (blank pages, or nothing readable).
 */
export async function readInOcrWorker(file: string, format: string, source: OcrSource, context: ReadContext): Promise<FileReading> {
  try {
    return await ocrService().read(source, context.ocrLanguages ?? DEFAULT_OCR_LANGUAGE_CHOICE, {
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.onPage ? { onPage: context.onPage } : {}),
    })
  } catch (error) {
    if (!(error instanceof OcrError)) throw error
    switch (error.kind) {
      case 'cancelled':
        throw new AppError('import.cancelled', { file }, { cause: error })
      case 'unreadable':
        throw new AppError('import.imageDamaged', { file, format }, { cause: error })
      case 'encrypted':
        throw new AppError('import.encrypted', { file }, { cause: error })
      case 'corrupt':
        throw new AppError('import.corrupt', { file, format, reason: error.message.replace(/\s+/gu, ' ').trim() || 'unknown error' }, { cause: error })
      case 'no-text':
        throw new AppError('import.ocrNoText', { file })
      case 'failed':
        throw new AppError('import.ocrFailed', { file, reason: error.message }, { cause: error })
    }
  }
}
