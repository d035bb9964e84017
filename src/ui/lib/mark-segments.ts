/**
 * A snippet cut into plain and marked pieces, for rendering with text nodes (never as HTML):
 * `{#each}` over the pieces, `<mark>` around the marked ones.
 */
export interface Segment {
  readonly text: string
  readonly marked: boolean
}

export function markSegments(text: string, marks: readonly { start: number; end: number }[]): Segment[] {
  const segments: Segment[] = []
  let at = 0
  for (const mark of [...marks].sort((a, b) => a.start - b.start)) {
    const start = Math.max(at, Math.min(mark.start, text.length))
    const end = Math.min(text.length, mark.end)
    if (end <= start) continue
    if (start > at) segments.push({ text: text.slice(at, start), marked: false })
    segments.push({ text: text.slice(start, end), marked: true })
    at = end
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false })
  return segments
}
