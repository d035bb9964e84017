import { isPhotoCaption, isStandaloneAgencyLine } from '../../common/agency/agency-patterns'
import { sourceBlock, type SourceBlock } from '../../common/agency/source-block'
import { normalizeLine } from '../../common/text/normalize'

/**
 * A PDF page's text layer to lines, and lines (from a text layer or from OCR) to paragraphs.
 * Pure: no pdf.js here, so the main thread can use the rules without loading it.
 *
 * A PDF has no paragraphs, only positioned runs of text. Runs on one baseline make a line; a line
 * starts a new paragraph when the gap above it is clearly larger than the usual line spacing, when
 * the font size changes (a heading), when it is indented, or when the line before ended a sentence
 * well short of the margin. Lines whose font is clearly larger than the body's are headings.
 * Lines of a paragraph join with a space, or with nothing after a hyphen. Captions, credit lines and
 * bracketed links stay lines of their own (see isStandaloneAgencyLine). One column is assumed.
 */

interface Run {
  readonly text: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly size: number
  readonly endsLine: boolean
}

/** A line of text on a page, in PDF units (y grows upwards). Exported for tests. */
export interface Line {
  text: string
  readonly x: number
  readonly y: number
  right: number
  size: number
  readonly page: number
}

const SENTENCE_END = /[.!?…:;]["'”’)»]*$/u

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) * q)]!
}

function toLines(runs: readonly Run[], page: number): Line[] {
  const lines: Line[] = []
  let current: Line | null = null
  let previous: Run | null = null
  for (const run of runs) {
    const size = run.size || previous?.size || 1
    const sameLine = current !== null && previous !== null && !previous.endsLine && Math.abs(run.y - current.y) <= size * 0.5
    if (!sameLine || current === null) {
      if (run.text.trim() === '') {
        previous = run
        continue
      }
      current = { text: run.text, x: run.x, y: run.y, right: run.x + run.width, size, page }
      lines.push(current)
    } else {
      const gap = run.x - current.right
      const needsSpace = gap > size * 0.2 && !/\s$/u.test(current.text) && !/^\s/u.test(run.text)
      current.text += (needsSpace ? ' ' : '') + run.text
      current.right = Math.max(current.right, run.x + run.width)
      if (run.text.trim() !== '') current.size = Math.max(current.size, size)
    }
    previous = run
  }
  for (const line of lines) line.text = normalizeLine(line.text)
  return lines.filter((line) => line.text !== '')
}

/** Page numbers alone on a line ("3", "- 3 -", "Page 3 of 5", "Trang 3"). */
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:(?:page|trang|página)\s+)?\d{1,4}(?:\s*(?:\/|of|trên|de)\s*\d{1,4})?(?:\s*[-–—])?$/iu

export interface LinesToBlocksOptions {
  /**
   * Undo hyphenation at line ends: a lowercase letter and a hyphen ending a line, followed by a
   * line starting with a lowercase letter, join without the hyphen ("recog-" + "nised"). For
   * recognised text, where the line breaks are the printer's; a text layer keeps its hyphens,
   * since its author may have meant them. A compound broken at its own hyphen ("well-" + "known")
   * loses it too: without a dictionary the two cannot be told apart, and a printed page breaks
   * words far more often than it breaks compounds.
   */
  readonly undoHyphens?: boolean
}

/** Lines, in reading order, to paragraphs and headings. Exported for tests and OCR. */
export function linesToBlocks(lines: readonly Line[], options: LinesToBlocksOptions = {}): SourceBlock[] {
  const weights = new Map<number, number>()
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2
    weights.set(size, (weights.get(size) ?? 0) + line.text.length)
  }
  const bodySize = [...weights.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12
  const spacing: number[] = []
  lines.forEach((line, i) => {
    const before = lines[i - 1]
    if (before !== undefined && before.page === line.page && Math.abs(before.size - bodySize) < 1 && Math.abs(line.size - bodySize) < 1) {
      const gap = before.y - line.y
      if (gap > 0) spacing.push(gap)
    }
  })
  // The distance between the lines of a paragraph: the lower quartile of the gaps (short paragraphs
  // can make paragraph gaps the majority), and never more than a generous line height.
  const lineStep = Math.min(quantile(spacing, 0.25) || bodySize * 1.2, bodySize * 1.6)
  const pageRight = new Map<number, number>()
  const pageLeft = new Map<number, number>()
  for (const line of lines) {
    pageRight.set(line.page, Math.max(pageRight.get(line.page) ?? 0, line.right))
    pageLeft.set(line.page, Math.min(pageLeft.get(line.page) ?? Infinity, line.x))
  }

  const blocks: SourceBlock[] = []
  let paragraph: Line[] = []
  const isHeading = (line: Line) => line.size > bodySize * 1.2
  const flush = () => {
    if (paragraph.length === 0) return
    const block = sourceBlock(isHeading(paragraph[0]!) ? 'heading' : 'paragraph', joinLines(paragraph, options.undoHyphens === true))
    if (block !== null) blocks.push(block)
    paragraph = []
  }

  lines.forEach((line, i) => {
    if (PAGE_NUMBER.test(line.text)) return
    const before = paragraph[paragraph.length - 1] ?? (i > 0 ? lines[i - 1] : undefined)
    let breaks = before === undefined || paragraph.length === 0
    if (!breaks && before !== undefined) {
      const sizeChanged = Math.abs(line.size - before.size) > bodySize * 0.15 || isHeading(line) !== isHeading(before)
      if (before.page !== line.page) {
        breaks = sizeChanged || SENTENCE_END.test(before.text)
      } else {
        const gap = before.y - line.y
        const indented = line.x > (pageLeft.get(line.page) ?? 0) + bodySize && line.x > before.x + bodySize * 0.5
        const shortEnd = SENTENCE_END.test(before.text) && before.right < (pageRight.get(before.page) ?? 0) * 0.85
        breaks = sizeChanged || gap > lineStep * (before.size / bodySize) * 1.3 || gap < 0 || indented || shortEnd
      }
    }
    const standalone = isStandaloneAgencyLine(line.text)
    // A caption set in smaller type may wrap: its last line carries the credit, and belongs with
    // the lines above it. Body-size lines are never merged into a caption this way.
    const endsSmallCaption =
      !breaks && standalone && paragraph.length > 0 && Math.abs(line.size - bodySize) > bodySize * 0.08 && isPhotoCaption(`${joinLines(paragraph, false)} ${line.text}`)
    if (!endsSmallCaption && (breaks || standalone || (before !== undefined && isStandaloneAgencyLine(before.text)))) flush()
    paragraph.push(line)
    if (standalone) flush()
  })
  flush()
  return blocks
}

/** Lines of a paragraph joined with spaces, or with nothing after a hyphen ending a line (the hyphen dropped when undoHyphens says so). */
function joinLines(lines: readonly Line[], undoHyphens: boolean): string {
  let text = ''
  for (const line of lines) {
    if (text === '') text = line.text
    else if (undoHyphens && /\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(line.text)) text = text.slice(0, -1) + line.text
    else if (/\p{L}-$/u.test(text)) text += line.text
    else text += ` ${line.text}`
  }
  return text
}

export function isJunkTitle(title: string): boolean {
  return (
    title === '' ||
    /^(?:about:blank|untitled|document\d*|microsoft word\b.*)$/iu.test(title) ||
    /\.(?:docx?|pdf|html?|txt|odt|rtf)$/iu.test(title) ||
    /^(?:https?|file):/iu.test(title)
  )
}

interface PdfTextItem {
  readonly str?: string
  readonly transform?: readonly number[]
  readonly width?: number
  readonly height?: number
  readonly hasEOL?: boolean
}

/** One page's text content (pdf.js getTextContent().items) as lines; none for a page without a text layer (a scan). */
export function textLayerLines(items: readonly unknown[], page: number): Line[] {
  const runs: Run[] = []
  for (const item of items as readonly PdfTextItem[]) {
    if (typeof item.str !== 'string' || item.transform === undefined) continue
    const [a = 0, b = 0, , , x = 0, y = 0] = item.transform
    runs.push({
      text: item.str,
      x,
      y,
      width: item.width ?? 0,
      size: Math.hypot(a, b) || item.height || 0,
      endsLine: item.hasEOL === true,
    })
  }
  return toLines(runs, page)
}
