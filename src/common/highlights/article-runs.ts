import { blockSpans, segmentBlocks } from './segments'
import type { Annotation, HighlightColor } from '../model/annotation'
import type { Block } from '../model/article'

/**
 * What the reader draws for one run of text (see common/highlights/segments.ts): everything a
 * run's element shows, so that two runs that are equal here draw the same DOM.
 */
export interface Run {
  /** Offset in the body text (the element's data-start: lib/text-offsets.ts maps selections with it). */
  readonly start: number
  readonly text: string
  /** The highlights covering the run, innermost first; empty for plain text. */
  readonly ids: readonly string[]
  /** The innermost highlight's colour, and the next one's where two or more overlap. */
  readonly color: HighlightColor | null
  readonly outer: HighlightColor | null
  /**
   * The highlight this run stands for in the Tab order (the first run of each highlight, or of
   * its first run not already taken by an inner highlight that starts at the same place), or null.
   */
  readonly focusId: string | null
}

export type HighlightPlace = Pick<Annotation, 'id' | 'color' | 'position'>

/** Every block's runs, in document order. */
export function articleRuns(blocks: readonly Pick<Block, 'text'>[], highlights: readonly HighlightPlace[]): Run[][] {
  const colors = new Map(highlights.map((highlight) => [highlight.id, highlight.color]))
  const spans = blockSpans(blocks)
  const placed = blocks.map((block, index) => ({ text: block.text, start: spans[index]!.start }))
  const segments = segmentBlocks(
    placed,
    highlights.map((highlight) => ({ id: highlight.id, start: highlight.position.start, end: highlight.position.end })),
  )
  const reached = new Set<string>()
  return segments.map((runs) =>
    runs.map((segment): Run => {
      const focusId = segment.ids.find((id) => !reached.has(id)) ?? null
      if (focusId !== null) reached.add(focusId)
      return {
        start: segment.start,
        text: segment.text,
        ids: segment.ids,
        color: colors.get(segment.ids[0] ?? '') ?? null,
        outer: segment.ids.length > 1 ? (colors.get(segment.ids[1]!) ?? null) : null,
        focusId,
      }
    }),
  )
}

function sameRun(a: Run, b: Run): boolean {
  return (
    a.start === b.start &&
    a.text === b.text &&
    a.color === b.color &&
    a.outer === b.outer &&
    a.focusId === b.focusId &&
    a.ids.length === b.ids.length &&
    a.ids.every((id, i) => id === b.ids[i])
  )
}

function sameRuns(a: readonly Run[], b: readonly Run[]): boolean {
  return a.length === b.length && a.every((run, i) => sameRun(run, b[i]!))
}

/**
 * Hands back the previous array of a block whose runs did not change, so that the reader repaints
 * only the paragraphs a change touched (one highlight recoloured: one paragraph, not all of them).
 */
export class StableRuns {
  #previous: readonly (readonly Run[])[] = []

  reuse(next: Run[][]): readonly (readonly Run[])[] {
    const stable = next.map((runs, index) => {
      const previous = this.#previous[index]
      return previous !== undefined && sameRuns(previous, runs) ? previous : runs
    })
    this.#previous = stable
    return stable
  }
}
