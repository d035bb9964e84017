import type { SourceBlock } from '../../../common/agency/source-block'
import type { OcrInfo } from '../../../common/model/article'
import { linesToBlocks, type Line } from '../read-pdf-lines'
import { OCR_LANGUAGES } from './ocr-languages'
import type { OcrPage } from './ocr-page'

/**
 * Recognised pages to paragraphs, through the same line-to-paragraph rules as a PDF's text layer
 * (read-pdf.ts linesToBlocks: gaps, indents, short sentence ends, captions and credit lines kept
 * apart, page numbers dropped), with hyphenation at line ends undone.
 *
 * Tesseract's row heights vary with the letters of a line (Vietnamese stacks marks above
 * capitals), which the text-layer rules would read as a change of type size: a row within a
 * quarter of the page's usual height counts as that height, so only real headings stand out.
 */
export function ocrLines(page: OcrPage): Line[] {
  const heights = page.lines.map((line) => line.rowHeight).sort((a, b) => a - b)
  const usual = heights[Math.floor(heights.length / 2)] ?? 1
  return page.lines.map((line) => ({
    text: line.text,
    x: line.left,
    // PDF units grow upwards; pixel rows grow downwards.
    y: -line.bottom,
    right: line.right,
    size: Math.abs(line.rowHeight - usual) <= usual * 0.25 ? usual : line.rowHeight,
    page: page.page,
  }))
}

export function ocrBlocks(pages: readonly OcrPage[]): SourceBlock[] {
  return linesToBlocks(pages.flatMap(ocrLines), { undoHyphens: true })
}

/** A PDF's page: its text layer's lines, or, for a scanned page, what recognition read. */
export type PdfPageText = { readonly number: number; readonly lines: readonly Line[] } | { readonly number: number; readonly recognised: OcrPage }

/**
 * A PDF's pages, in order, to paragraphs. Each run of pages of one kind becomes paragraphs by
 * itself (text-layer lines are in points, recognised ones in pixels); only recognised text has
 * its line-end hyphens undone.
 */
export function pdfBlocks(pages: readonly PdfPageText[]): SourceBlock[] {
  const blocks: SourceBlock[] = []
  let run: { scanned: boolean; lines: Line[] } | null = null
  for (const page of pages) {
    const scanned = 'recognised' in page
    if (run !== null && run.scanned !== scanned) {
      blocks.push(...linesToBlocks(run.lines, { undoHyphens: run.scanned }))
      run = null
    }
    run ??= { scanned, lines: [] }
    run.lines.push(...('recognised' in page ? ocrLines(page.recognised) : page.lines))
  }
  if (run !== null) blocks.push(...linesToBlocks(run.lines, { undoHyphens: run.scanned }))
  return blocks
}

/** Words below this confidence (tesseract's 0-100) are marked for checking in the reader. */
export const LOW_CONFIDENCE = 70

/** At most this many distinct low-confidence words are kept with an article. */
const MAX_LOW_CONFIDENCE_WORDS = 300

/**
 * What the article records about its recognition: the languages its pages were read in, the pages recognised, the mean
 * confidence of their words (weighted by length, so that a misread long word weighs more than a
 * stray comma), and the distinct words below LOW_CONFIDENCE, lowest first.
 */
export function ocrInfo(pages: readonly OcrPage[]): OcrInfo {
  const used = new Set(pages.flatMap((page) => page.languages))
  const languages = OCR_LANGUAGES.filter((language) => used.has(language))
  let weighted = 0
  let letters = 0
  const low = new Map<string, number>()
  for (const page of pages) {
    for (const line of page.lines) {
      for (const word of line.words) {
        const length = [...word.text].length
        weighted += word.confidence * length
        letters += length
        if (word.confidence < LOW_CONFIDENCE && /\p{L}|\p{N}/u.test(word.text)) {
          low.set(word.text, Math.min(low.get(word.text) ?? 100, word.confidence))
        }
      }
    }
  }
  const lowConfidence = [...low.entries()]
    .sort((a, b) => a[1] - b[1])
    .slice(0, MAX_LOW_CONFIDENCE_WORDS)
    .map(([text, confidence]) => ({ text, confidence: Math.round(confidence) }))
  return {
    languages: [...languages],
    meanConfidence: letters === 0 ? 0 : Math.round((weighted / letters) * 10) / 10,
    pages: pages.map((page) => page.page),
    lowConfidence,
  }
}
