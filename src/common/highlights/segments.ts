import type { Block } from '../model/article'

/**
 * Splitting the article's blocks into runs of text at every highlight boundary, so that
 * highlights may overlap and nest and each run knows exactly which highlights cover it.
 *
 * Offsets are UTF-16 code units in bodyText(blocks): the blocks joined by "\n\n" (see
 * model/article.ts). The reader renders one element per run and stores its start offset on it,
 * which is how a DOM selection is turned back into body offsets (ui/lib/text-offsets.ts).
 */

/** The separator bodyText puts between blocks. */
export const BLOCK_SEPARATOR = '\n\n'

export interface TextSpan {
  readonly start: number
  readonly end: number
}

/** A highlight (or any marked range) to split blocks at. */
export interface MarkedRange extends TextSpan {
  readonly id: string
}

export interface Segment extends TextSpan {
  readonly text: string
  /** The ranges covering this run, innermost (shortest) first; empty for plain text. */
  readonly ids: readonly string[]
}

/** Where each block lies in the body text. */
export function blockSpans(blocks: readonly Pick<Block, 'text'>[]): TextSpan[] {
  const spans: TextSpan[] = []
  let offset = 0
  for (const block of blocks) {
    spans.push({ start: offset, end: offset + block.text.length })
    offset += block.text.length + BLOCK_SEPARATOR.length
  }
  return spans
}

/**
 * The runs of one block: consecutive pieces of its text, cut wherever a range starts or ends.
 * Ranges outside the block are ignored, ranges crossing its edges are clipped to it.
 */
export function segmentBlock(blockText: string, blockStart: number, ranges: readonly MarkedRange[]): Segment[] {
  const blockEnd = blockStart + blockText.length
  const inside = ranges.filter((range) => range.end > blockStart && range.start < blockEnd && range.end > range.start)
  if (inside.length === 0) return [{ start: blockStart, end: blockEnd, text: blockText, ids: [] }]

  const cuts = new Set<number>([blockStart, blockEnd])
  for (const range of inside) {
    cuts.add(Math.max(blockStart, range.start))
    cuts.add(Math.min(blockEnd, range.end))
  }
  const points = [...cuts].sort((a, b) => a - b)
  // Innermost first: a click on a run picks the shortest highlight under the pointer; between
  // two of the same length, the one that starts later (it was drawn "on top").
  const byLength = [...inside].sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start)

  const segments: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    const ids = byLength.filter((range) => range.start <= start && range.end >= end).map((range) => range.id)
    segments.push({ start, end, text: blockText.slice(start - blockStart, end - blockStart), ids })
  }
  return segments
}
