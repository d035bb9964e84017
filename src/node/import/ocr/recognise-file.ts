import { AppError } from '../../../common/errors'
import type { SourceBlock } from '../../../common/agency/source-block'
import type { OcrInfo } from '../../../common/model/article'
import { languagesOf, type OcrLanguageChoice } from './ocr-languages'
import type { OcrPage } from './ocr-page'
import type { OcrSource } from './ocr-protocol'
import { ocrService, OcrError } from './ocr-service'
import { ocrBlocks, ocrInfo } from './ocr-to-blocks'

/** What a reader passes along to recognition: the batch's cancel signal, its page progress, the user's language choice. */
export interface ReadContext {
  readonly signal?: AbortSignal
  readonly onPage?: (done: number, total: number) => void
  /** Default 'vie+eng'. */
  readonly ocrLanguages?: OcrLanguageChoice
}

export const DEFAULT_OCR_LANGUAGES: OcrLanguageChoice = 'vie+eng'

/**
 * A file's images or PDF pages recognised in the OCR worker, as paragraphs and the article's OCR
 * record. Every failure is an AppError naming the file: cancelled, unreadable ({format} names
 * what was being decoded), failed, or no text on any page (blank pages, or nothing readable).
 */
export async function recogniseFile(
  file: string,
  format: string,
  source: OcrSource,
  context: ReadContext,
): Promise<{ readonly pages: readonly OcrPage[]; readonly blocks: SourceBlock[]; readonly ocr: OcrInfo }> {
  const languages = languagesOf(context.ocrLanguages ?? DEFAULT_OCR_LANGUAGES)
  let pages: readonly OcrPage[]
  try {
    pages = await ocrService().recognise(source, languages, {
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.onPage ? { onPage: context.onPage } : {}),
    })
  } catch (error) {
    if (!(error instanceof OcrError)) throw error
    if (error.kind === 'cancelled') throw new AppError('import.cancelled', { file }, { cause: error })
    if (error.kind === 'unreadable') throw new AppError('import.imageDamaged', { file, format }, { cause: error })
    throw new AppError('import.ocrFailed', { file, reason: error.message }, { cause: error })
  }
  const blocks = ocrBlocks(pages)
  if (blocks.length === 0) throw new AppError('import.ocrNoText', { file })
  return { pages, blocks, ocr: ocrInfo(pages, languages) }
}
