/**
 * Snippets: a window of about `maxLength` characters of a field's original text around its best
 * hits, cut at word boundaries and kept within one line (one paragraph of the body, one name of a
 * tag). The snippet is always an exact slice of the field text, so marks are plain offsets:
 * `text.slice(snippet.start, snippet.end) === snippet.text`. Whether to show an ellipsis is the
 * UI's business (`truncatedStart`, `truncatedEnd`); how to lay out the body's line breaks too.
 */
export interface Span {
  readonly start: number
  readonly end: number
}

/**
 * A hit in the field text; `group` tells hits of different query clauses apart; `linked`, that it
 * stands side by side with the query's previous or next word (article-hits.ts).
 */
export interface HitSpan extends Span {
  readonly group: number
  readonly linked?: boolean
}

export interface Snippet {
  readonly text: string
  /** Where the snippet lies in the field text. */
  readonly start: number
  readonly end: number
  readonly truncatedStart: boolean
  readonly truncatedEnd: boolean
  /** Hits inside the snippet, as offsets into the field text, sorted, never overlapping. */
  readonly marks: readonly Span[]
  /** The same hits as offsets into the snippet text. */
  readonly snippetMarks: readonly Span[]
}

const MAX_HITS_CONSIDERED = 256

function isSpace(text: string, i: number): boolean {
  const code = text.charCodeAt(i)
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0xa0 || code === 0x0d
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

function lineEnd(text: string, offset: number): number {
  const found = text.indexOf('\n', offset)
  return found === -1 ? text.length : found
}

/**
 * The hits to centre on: the window of at most `maxLength` on one line with the most distinct
 * groups standing side by side (linked), then the most distinct groups, then the most hits.
 */
function bestWindow(text: string, hits: readonly HitSpan[], maxLength: number): Span {
  let best: Span = { start: hits[0]!.start, end: hits[0]!.end }
  let bestLinked = 0
  let bestDistinct = 0
  let bestCount = 0
  const lines = hits.map((hit) => lineStart(text, hit.start))
  // Groups are clause numbers: a bit mask counts distinct ones without a Set per hit (as coreOf in article-hits.ts).
  const masked = hits.every((hit) => hit.group >= 0 && hit.group < 31)
  for (let i = 0; i < hits.length; i++) {
    const first = hits[i]!
    const groups = masked ? null : new Set<number>()
    const linkedGroups = masked ? null : new Set<number>()
    let mask = 0
    let linkedMask = 0
    let end = first.end
    let count = 0
    for (let j = i; j < hits.length; j++) {
      const hit = hits[j]!
      if (hit.end - first.start > maxLength || lines[j] !== lines[i]) break
      if (groups === null) {
        mask |= 1 << hit.group
        if (hit.linked === true) linkedMask |= 1 << hit.group
      } else {
        groups.add(hit.group)
        if (hit.linked === true) linkedGroups!.add(hit.group)
      }
      end = Math.max(end, hit.end)
      count++
    }
    let distinct = groups?.size ?? 0
    for (; mask !== 0; mask &= mask - 1) distinct++
    let linked = linkedGroups?.size ?? 0
    for (; linkedMask !== 0; linkedMask &= linkedMask - 1) linked++
    const better = linked !== bestLinked ? linked > bestLinked : distinct !== bestDistinct ? distinct > bestDistinct : count > bestCount
    if (better) {
      best = { start: first.start, end }
      bestLinked = linked
      bestDistinct = distinct
      bestCount = count
    }
  }
  return best
}

/** Overlapping spans merged; `sorted` is in (start, end) order. */
function mergeSpans(sorted: readonly Span[]): Span[] {
  const merged: Span[] = []
  for (const span of sorted) {
    const last = merged[merged.length - 1]
    if (last !== undefined && span.start < last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) }
    else merged.push(span)
  }
  return merged
}

/** Whether the hits are in (start, end) order already: they usually come in it, and a query's garbage is worth sparing. */
function inOrder(hits: readonly HitSpan[]): boolean {
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1]!
    const b = hits[i]!
    if (a.start > b.start || (a.start === b.start && a.end > b.end)) return false
  }
  return true
}

export function makeSnippet(text: string, hits: readonly HitSpan[], maxLength: number): Snippet {
  // A stable sort leaves hits already in order as they are: skipping it changes nothing.
  const ordered = inOrder(hits) ? hits : [...hits].sort((a, b) => a.start - b.start || a.end - b.end)
  const sorted = ordered.length > MAX_HITS_CONSIDERED ? ordered.slice(0, MAX_HITS_CONSIDERED) : ordered
  // Words standing side by side are what the snippet centres on, when there are any.
  const linked = sorted.some((hit) => hit.linked === true) ? sorted.filter((hit) => hit.linked === true) : sorted
  const core = sorted.length === 0 ? { start: 0, end: 0 } : bestWindow(text, linked, maxLength)
  const from = lineStart(text, core.start)
  const to = lineEnd(text, core.end)
  const slack = Math.max(0, maxLength - (core.end - core.start))
  let before = Math.min(core.start - from, Math.floor(slack / 2))
  const after = Math.min(to - core.end, slack - before)
  before = Math.min(core.start - from, slack - after)
  let start = core.start - before
  let end = core.end + after
  // Cut at word boundaries, never inside the hits.
  if (start > from && !isSpace(text, start - 1)) {
    while (start < core.start && !isSpace(text, start - 1)) start++
  }
  if (end < to && !isSpace(text, end)) {
    while (end > core.end && !isSpace(text, end)) end--
  }
  while (start < core.start && isSpace(text, start)) start++
  while (end > core.end && isSpace(text, end - 1)) end--
  const marks = mergeSpans(sorted.filter((hit) => hit.start >= start && hit.end <= end).map((hit) => ({ start: hit.start, end: hit.end })))
  return {
    text: text.slice(start, end),
    start,
    end,
    truncatedStart: start > 0,
    truncatedEnd: end < text.length,
    marks,
    snippetMarks: marks.map((mark) => ({ start: mark.start - start, end: mark.end - start })),
  }
}
