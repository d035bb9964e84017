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
  return segmentBlocks([{ text: blockText, start: blockStart }], ranges)[0]!
}

/** A block's text and where it starts in the body text. */
export interface PlacedBlock {
  readonly text: string
  readonly start: number
}

/**
 * The runs of every block (in body order, as blockSpans gives them) in one sweep: the ranges are
 * sorted once by start and handed from block to block, so an article with hundreds of highlights
 * costs O((blocks + ranges) log ranges) plus the size of the output, not blocks × ranges.
 */
export function segmentBlocks(blocks: readonly PlacedBlock[], ranges: readonly MarkedRange[]): Segment[][] {
  const byStart = ranges.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start)
  let next = 0
  // Ranges that started before the current block's end and may still cover some of it.
  let open: MarkedRange[] = []
  return blocks.map(({ text, start: blockStart }) => {
    const blockEnd = blockStart + text.length
    open = open.filter((range) => range.end > blockStart)
    while (next < byStart.length && byStart[next]!.start < blockEnd) {
      const range = byStart[next++]!
      if (range.end > blockStart) open.push(range)
    }
    if (open.length === 0) return [{ start: blockStart, end: blockEnd, text, ids: [] }]
    return sweep(text, blockStart, open)
  })
}

/** A block's runs, given the ranges that overlap it: cuts sorted once, the covering set kept as it goes. */
function sweep(text: string, blockStart: number, inside: readonly MarkedRange[]): Segment[] {
  const blockEnd = blockStart + text.length
  const events: { at: number; range: MarkedRange; opens: boolean }[] = []
  for (const range of inside) {
    events.push({ at: Math.max(blockStart, range.start), range, opens: true })
    events.push({ at: Math.min(blockEnd, range.end), range, opens: false })
  }
  events.sort((a, b) => a.at - b.at)
  const covering = new Set<MarkedRange>()
  const segments: Segment[] = []
  let at = blockStart
  let ids: string[] = []
  let e = 0
  while (at < blockEnd) {
    let changed = false
    for (; e < events.length && events[e]!.at === at; e++) {
      const event = events[e]!
      if (event.opens) covering.add(event.range)
      else covering.delete(event.range)
      changed = true
    }
    if (changed) ids = innermostFirst(covering)
    const end = e < events.length ? Math.min(events[e]!.at, blockEnd) : blockEnd
    segments.push({ start: at, end, text: text.slice(at - blockStart, end - blockStart), ids })
    at = end
  }
  return segments
}

/**
 * Innermost first: a click on a run picks the shortest highlight under the pointer; between two
 * of the same length, the one that starts later (it was drawn "on top").
 */
function innermostFirst(ranges: ReadonlySet<MarkedRange>): string[] {
  return [...ranges].sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start).map((range) => range.id)
}
