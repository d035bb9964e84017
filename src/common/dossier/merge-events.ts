import { tokensOf } from './tokens'
import type { DatedEvent, DatePrecision } from './types'
import type { PartialDate } from '../model/article'

/**
 * One event reported by several articles: events with the same resolved date (from, to) whose
 * sentences share at least two names (capitalised words, compared folded so that "Hà Kim Ngọc"
 * meets "Ha Kim Ngoc" across languages) are one timeline entry. Grouping is transitive. Unresolved
 * events are never merged (their date is unknown), and neither are events whose dates differ in
 * precision ("2024-11" and "2024-11-15" may be different things). The result is sorted by date,
 * then by the order the events came in; the function is pure and its output does not depend on
 * the order of articles beyond that tie-break.
 */
export interface TimelineEntry {
  readonly from: PartialDate | null
  readonly to: PartialDate | null
  readonly precision: DatePrecision
  /** The reports of this event, in input order. */
  readonly events: readonly DatedEvent[]
  readonly articleIds: readonly string[]
}

// Capitalised words that name no one: months and the first word of a sentence are left out.
const NOT_NAMES = new Set(['ngay', 'thang', 'nam', 'sang', 'chieu', 'toi', 'the', 'el', 'la', 'los', 'las', 'en', 'in', 'on', 'from', 'del'])

function names(event: DatedEvent): Set<string> {
  const tokens = tokensOf(event.sentence.text)
  return new Set(tokens.slice(1).filter((token) => token.capitalized && !NOT_NAMES.has(token.folded) && !/^\d/.test(token.text)).map((token) => token.folded))
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let count = 0
  for (const word of a) if (b.has(word)) count++
  return count
}

export function mergeEvents(events: readonly DatedEvent[]): TimelineEntry[] {
  const parent = events.map((_, index) => index)
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i
    return i
  }
  const nameSets = events.map(names)
  const byDate = new Map<string, number[]>()
  events.forEach((event, index) => {
    if (event.from === null) return
    const key = `${event.from}/${event.to ?? ''}`
    byDate.set(key, [...(byDate.get(key) ?? []), index])
  })
  for (const indices of byDate.values()) {
    for (let x = 0; x < indices.length; x++) {
      for (let y = x + 1; y < indices.length; y++) {
        const a = indices[x] ?? 0
        const b = indices[y] ?? 0
        if (events[a]?.articleId === events[b]?.articleId) continue
        if (shared(nameSets[a] ?? new Set(), nameSets[b] ?? new Set()) >= 2) parent[root(b)] = root(a)
      }
    }
  }
  const groups = new Map<number, DatedEvent[]>()
  events.forEach((event, index) => groups.set(root(index), [...(groups.get(root(index)) ?? []), event]))
  const entries = [...groups.entries()].map(([first, group]) => ({ first, group }))
  entries.sort((a, b) => {
    const x = a.group[0]
    const y = b.group[0]
    if (x?.from == null || y?.from == null) return x?.from == null ? (y?.from == null ? a.first - b.first : 1) : -1
    return x.from.localeCompare(y.from) || (x.to ?? '').localeCompare(y.to ?? '') || a.first - b.first
  })
  return entries.map(({ group }) => ({
    from: group[0]?.from ?? null,
    to: group[0]?.to ?? null,
    precision: group[0]?.precision ?? 'year',
    events: group,
    articleIds: [...new Set(group.map((event) => event.articleId))],
  }))
}
