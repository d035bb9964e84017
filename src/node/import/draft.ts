import type { SourceBlock } from '../../common/agency/source-block'
import type { OcrInfo, PartialDate } from '../../common/model/article'
import type { DetectedEncoding } from './decode'
import type { PageImageReading } from './ocr/page-image'

/** The formats the importer reads. Pasted content is 'text' or 'html' from the clipboard. */
export type ImportFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'image' | 'paste-text' | 'paste-html'

/**
 * What a reader makes of a file before agency cleaning: the text as blocks and whatever metadata
 * the format itself carries. Null fields are unknown; the cleaner may still find them in the text
 * (a `date` header line, a title line, a credit line).
 */
export interface ImportDraft {
  readonly format: ImportFormat
  /** The detected text encoding; null for formats that define their own (.docx, .pdf). */
  readonly encoding: DetectedEncoding | null
  readonly blocks: readonly SourceBlock[]
  /** From metadata (HTML meta tags, Markdown front matter): preferred over the text's own. */
  readonly title: string | null
  readonly published: PartialDate | null
  /** An explicit source (front matter). */
  readonly source: string | null
  /** The publishing site (og:site_name): a source of last resort. */
  readonly siteName: string | null
  readonly byline: string | null
  readonly url: string | null
  /** A title of last resort from document properties (a PDF's Title), used before a derived one. */
  readonly documentTitle: string | null
  /** Set when some or all of the text was recognised from images (OCR). */
  readonly ocr?: OcrInfo
  /** The recognised pages' images, kept with the article (ocr/page-image.ts). */
  readonly pageImages?: readonly PageImageReading[]
}

export function emptyDraft(format: ImportFormat, encoding: DetectedEncoding | null, blocks: readonly SourceBlock[]): ImportDraft {
  return { format, encoding, blocks, title: null, published: null, source: null, siteName: null, byline: null, url: null, documentTitle: null }
}
