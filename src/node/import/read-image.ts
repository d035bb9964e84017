import { AppError } from '../../common/errors'
import { emptyDraft, type ImportDraft } from './draft'
import { ImageHeaderError, readImageHeader, tiffPage, type ImageKind } from './ocr/image-header'
import { MAX_PAGE_PIXELS } from './ocr/pdf-document'
import { readInOcrWorker, type ReadContext } from './ocr/recognise-file'

/**
 * Images (.png, .jpg/.jpeg, .tif/.tiff, .webp): recognised by OCR (ocr/), page by page for a
 * multi-page TIFF. Before anything decodes the file, its header is read here: it must be an image
 * of a known kind, whole enough to give its size, and within MAX_IMAGE_PIXELS per page (a
 * decompression bomb is a small file claiming a huge image; decoding it would take gigabytes).
 */
export const MAX_IMAGE_PIXELS = MAX_PAGE_PIXELS

const KIND_NAMES: Readonly<Record<ImageKind, string>> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP', tiff: 'TIFF' }

export async function readImage(bytes: Uint8Array, file: string, context: ReadContext = {}): Promise<ImportDraft> {
  let header
  try {
    header = readImageHeader(bytes)
  } catch (error) {
    if (!(error instanceof ImageHeaderError)) throw error
    if (error.reason === 'not-an-image') throw new AppError('import.corrupt', { file, format: 'image', reason: 'not a PNG, JPEG, TIFF or WebP image' }, { cause: error })
    throw new AppError('import.imageDamaged', { file, format: 'image' }, { cause: error })
  }
  for (const page of header.pages) {
    if (page.width * page.height > MAX_IMAGE_PIXELS) {
      throw new AppError('import.imageTooLarge', { file, megapixels: Math.round((page.width * page.height) / 1e6), limit: MAX_IMAGE_PIXELS / 1e6 })
    }
  }
  // The bytes as they are: the channel to the OCR process copies them (ocr-process.ts); a TIFF's pages are views made for the purpose.
  const images =
    header.kind === 'tiff' && header.pages.length > 1
      ? header.pages.map((page, index) => ({ bytes: tiffPage(bytes, header, index), width: page.width, height: page.height }))
      : [{ bytes, width: header.pages[0]!.width, height: header.pages[0]!.height }]
  const { blocks, ocr, pageImages } = await readInOcrWorker(file, KIND_NAMES[header.kind], { kind: 'images', images }, context)
  return { ...emptyDraft('image', null, blocks), ...(ocr !== null ? { ocr } : {}), ...(pageImages.length > 0 ? { pageImages } : {}) }
}
