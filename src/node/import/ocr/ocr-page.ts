import type { OcrLanguage } from './ocr-languages'

/**
 * What recognition gives for one page, reduced to what the importer uses: lines with their
 * position (pixels, y downwards) and words with tesseract's confidence (0-100).
 */
export interface OcrWord {
  readonly text: string
  readonly confidence: number
}

export interface OcrLine {
  readonly text: string
  readonly left: number
  readonly top: number
  readonly right: number
  readonly bottom: number
  /** The height of the line's row without ascenders and descenders' excess (tesseract's row height), in pixels. */
  readonly rowHeight: number
  readonly words: readonly OcrWord[]
}

export interface OcrPage {
  /** 1-based, in the source (a PDF's page number, a TIFF's image number). */
  readonly page: number
  readonly width: number
  readonly height: number
  readonly lines: readonly OcrLine[]
  /** The models the page was read with (detected per page, or the user's choice). */
  readonly languages: readonly OcrLanguage[]
}
