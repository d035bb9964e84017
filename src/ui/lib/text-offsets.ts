import type { TextSpan } from '../../common/highlights/segments'

/**
 * The DOM adapter between the rendered article and body-text offsets (UTF-16 code units in
 * bodyText(article.blocks)). ArticleBody renders every run of text as one element holding one
 * text node, with `data-start` set to the run's offset: these two functions rely on that alone.
 *
 * Captions, the header and anything else without `data-start` are not body text. A selection
 * that starts or ends there is clamped to the body text it covers; one that covers no body text
 * at all gives null (nothing to highlight).
 */
export const RUN_SELECTOR = '[data-start]'

function runsOf(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(RUN_SELECTOR)]
}

function runStart(run: HTMLElement): number {
  return Number(run.dataset['start'])
}

function runEnd(run: HTMLElement): number {
  return runStart(run) + (run.textContent ?? '').length
}

/** The run element that holds a boundary point, if the point is inside one. */
function runAt(root: Element, node: Node): HTMLElement | null {
  const element = node instanceof Element ? node : node.parentElement
  const run = element?.closest<HTMLElement>(RUN_SELECTOR) ?? null
  return run !== null && root.contains(run) ? run : null
}

/** -1 when the point (node, offset) lies before `run`, 1 when after it, 0 when inside it. */
function compareToRun(node: Node, offset: number, run: HTMLElement): number {
  const range = document.createRange()
  range.selectNodeContents(run)
  return range.comparePoint(node, offset)
}

/** The body offset of a boundary point inside a run. */
function offsetInRun(run: HTMLElement, node: Node, offset: number): number {
  if (node.nodeType === Node.TEXT_NODE) return runStart(run) + Math.min(offset, (node.textContent ?? '').length)
  // A point between the run's children (its one text node): before it or after it.
  return offset === 0 ? runStart(run) : runEnd(run)
}

/**
 * The body-text span a DOM range covers, or null when it covers none. Boundaries outside the
 * body (a caption, the title, another pane) are clamped to the nearest body text inside the range.
 */
export function textRangeOf(root: Element, range: Range): TextSpan | null {
  const runs = runsOf(root)
  if (runs.length === 0 || range.collapsed) return null

  let start: number | null = null
  const startRun = runAt(root, range.startContainer)
  if (startRun !== null) start = offsetInRun(startRun, range.startContainer, range.startOffset)
  else {
    const first = runs.find((run) => compareToRun(range.startContainer, range.startOffset, run) < 0)
    if (first !== undefined) start = runStart(first)
  }

  let end: number | null = null
  const endRun = runAt(root, range.endContainer)
  if (endRun !== null) end = offsetInRun(endRun, range.endContainer, range.endOffset)
  else {
    const last = runs.findLast((run) => compareToRun(range.endContainer, range.endOffset, run) > 0)
    if (last !== undefined) end = runEnd(last)
  }

  if (start === null || end === null || end <= start) return null
  return { start, end }
}

/** The run containing body offset `offset` (the later one when it falls on a boundary). */
function runFor(runs: HTMLElement[], offset: number, preferEarlier: boolean): HTMLElement | null {
  let low = 0
  let high = runs.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >>> 1
    if (runStart(runs[middle]!) <= offset) {
      found = middle
      low = middle + 1
    } else high = middle - 1
  }
  if (found === -1) return null
  // An end offset that is exactly a run's start belongs to the run before it.
  if (preferEarlier && found > 0 && runStart(runs[found]!) === offset) return runs[found - 1]!
  return runs[found]!
}

function pointIn(run: HTMLElement, offset: number): [Node, number] {
  const text = run.firstChild
  if (text === null) return [run, 0]
  return [text, Math.max(0, Math.min(offset - runStart(run), (text.textContent ?? '').length))]
}

/** The DOM range for a body-text span (to scroll to it, mark it or place a toolbar near it). */
export function domRangeOf(root: Element, span: TextSpan): Range | null {
  const runs = runsOf(root)
  const first = runFor(runs, span.start, false)
  const last = runFor(runs, span.end, true)
  if (first === null || last === null) return null
  const range = document.createRange()
  range.setStart(...pointIn(first, span.start))
  range.setEnd(...pointIn(last, span.end))
  return range
}
