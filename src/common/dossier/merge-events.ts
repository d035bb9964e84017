import { sentenceEntities } from './sentence-entities'
import type { DatedEvent, DatePrecision } from './types'
import type { PartialDate } from '../model/article'

/**
 * One event reported by several articles: events with the same resolved date (from, to) whose
 * sentences share at least two entities (`sentenceEntities`: capitalised words and a sentence's
 * opening organisation, compared folded so that "Hà Kim Ngọc" meets "Ha Kim Ngoc" and the
 * Vietnamese report of Bitel's launch in 2014 meets the English one) are one timeline entry.
 * Grouping is transitive. Unresolved events are never merged (their date is unknown), and neither
 * are events whose dates differ in precision ("2024-11" and "2024-11-15" may be different things).
 * The result is sorted by date, then by the order the events came in; the function is pure and its
 * output does not depend on the order of articles beyond that tie-break.
 *
 * Entries never span two dates, so a merge is the merge of each date apart: `mergeEvents` takes a
 * memo of the last merge by date (`TimelineMemo`), and a date whose reports are the very same
 * event objects as last time reuses its entries (articles that did not change keep their
 * objects). After an edit, only the dates of the edited article are merged again.
 */
export interface TimelineEntry {
  readonly from: PartialDate | null
  readonly to: PartialDate | null
  readonly precision: DatePrecision
  /** The reports of this event, in input order. */
  readonly events: readonly DatedEvent[]
  readonly articleIds: readonly string[]
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let count = 0
  for (const word of a) if (b.has(word)) count++
  return count
}

export { sentenceEntities }

/** The entries of each date (`from/to`) as last merged, with the reports they were merged from. */
export type TimelineMemo = Map<string, { readonly events: readonly DatedEvent[]; readonly entries: readonly TimelineEntry[] }>

function sameEvents(a: readonly DatedEvent[], b: readonly DatedEvent[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** The entry of a group of reports of one event. */
export function entryOf(group: readonly DatedEvent[]): TimelineEntry {
  return {
    from: group[0]?.from ?? null,
    to: group[0]?.to ?? null,
    precision: group[0]?.precision ?? 'year',
    events: group,
    articleIds: [...new Set(group.map((event) => event.articleId))],
  }
}

/** The entries of the reports of one date (all with the same from and to), in input order of their first report. */
export function mergeDate(events: readonly DatedEvent[]): TimelineEntry[] {
  const parent = events.map((_, index) => index)
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i
    return i
  }
  const union = (a: number, b: number): void => {
    const x = root(a)
    const y = root(b)
    // The smaller index stays the root, so each group is named by its first report.
    if (x < y) parent[y] = x
    else if (y < x) parent[x] = y
  }
  // Joins the events given as the pairwise rule would: every two of different articles. Such a
  // graph is connected when it spans two articles or more, so one pass of unions suffices.
  const joinAcrossArticles = (indices: readonly number[]): void => {
    const first = indices[0]
    if (first === undefined) return
    const article = events[first]?.articleId
    const other = indices.find((i) => events[i]?.articleId !== article)
    if (other === undefined) return
    for (const i of indices) union(events[i]?.articleId === article ? other : first, i)
  }
  // Reports of one event tend to name the same entities: events with the same set are compared
  // once, as a class, so that a date shared by a thousand articles (a launch year) costs classes²,
  // not events².
  const classes = new Map<string, { entities: ReadonlySet<string>; members: number[] }>()
  events.forEach((event, index) => {
    // Computed at extraction (and kept in the cache file); older results compute them here.
    const entities = event.entities === undefined ? sentenceEntities(event.sentence.text) : new Set(event.entities)
    const signature = [...entities].sort().join('|')
    const known = classes.get(signature)
    if (known === undefined) classes.set(signature, { entities, members: [index] })
    else known.members.push(index)
  })
  const list = [...classes.values()].filter((entry) => entry.entities.size >= 2)
  for (let x = 0; x < list.length; x++) {
    const a = list[x]!
    joinAcrossArticles(a.members)
    for (let y = x + 1; y < list.length; y++) {
      const b = list[y]!
      if (shared(a.entities, b.entities) >= 2) joinAcrossArticles([...a.members, ...b.members])
    }
  }
  const groups = new Map<number, DatedEvent[]>()
  events.forEach((event, index) => {
    const group = groups.get(root(index))
    if (group === undefined) groups.set(root(index), [event])
    else group.push(event)
  })
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, group]) => entryOf(group))
}

/**
 * The timeline of the events given (every article's, in the library's order). `memo`, when given,
 * is read and then replaced by this merge's dates, for the next call.
 */
export function mergeEvents(events: readonly DatedEvent[], memo?: TimelineMemo): TimelineEntry[] {
  const byDate = new Map<string, { first: number; events: DatedEvent[] }>()
  const unresolved: DatedEvent[] = []
  events.forEach((event, index) => {
    if (event.from === null) {
      unresolved.push(event)
      return
    }
    const key = `${event.from}/${event.to ?? ''}`
    const same = byDate.get(key)
    if (same === undefined) byDate.set(key, { first: index, events: [event] })
    else same.events.push(event)
  })
  const dates = [...byDate.entries()].map(([key, { first, events: reports }]) => {
    const from = reports[0]?.from ?? ''
    const to = reports[0]?.to ?? ''
    return { key, first, from, to, reports }
  })
  dates.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.first - b.first)
  const previous = memo === undefined ? undefined : new Map(memo)
  memo?.clear()
  const timeline: TimelineEntry[] = []
  for (const { key, reports } of dates) {
    const remembered = previous?.get(key)
    const entries = remembered !== undefined && sameEvents(remembered.events, reports) ? remembered.entries : mergeDate(reports)
    memo?.set(key, { events: reports, entries })
    timeline.push(...entries)
  }
  for (const event of unresolved) timeline.push(entryOf([event]))
  return timeline
}
