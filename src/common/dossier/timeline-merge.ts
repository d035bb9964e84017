import { entryOf, mergeDate, type TimelineEntry } from './merge-events'
import type { DatedEvent } from './types'

/** One article's events, as the merge takes them. */
export interface ArticleEvents {
  readonly articleId: string
  readonly events: readonly DatedEvent[]
}

/** The reports of one date (from/to) in the library's order, and their entries. */
export interface DateGroup {
  readonly from: string
  readonly to: string
  readonly reports: readonly DatedEvent[]
  readonly entries: readonly TimelineEntry[]
}

function dateKey(event: DatedEvent): string {
  return `${event.from}/${event.to ?? ''}`
}

/**
 * The library's timeline (`mergeEvents`, the same result: tested) kept up to date by merging
 * again only the dates a change touches. Entries never span two dates, and a date's entries
 * depend only on its reports in the library's order, so after an edit the dates of the changed
 * articles' events (before and after) are merged again and every other date keeps its entries.
 * Dates are ordered by from, then to (a date is its from/to pair, so there are no ties);
 * unresolved events come last, one entry each, in the library's order.
 */
export class TimelineMerge {
  readonly #dates: Map<string, DateGroup>
  #keys: string[]
  #unresolved: DatedEvent[]
  /** Each article's events as merged (what to take out when it changes). */
  readonly #eventsOf: Map<string, readonly DatedEvent[]>
  #timeline: TimelineEntry[] | null = null

  private constructor(dates: Map<string, DateGroup>, unresolved: DatedEvent[], eventsOf: Map<string, readonly DatedEvent[]>) {
    this.#dates = dates
    this.#unresolved = unresolved
    this.#eventsOf = eventsOf
    this.#keys = sortedKeys(dates)
  }

  /** The whole merge of the articles given (every article, in the library's order). */
  static of(articles: readonly ArticleEvents[]): TimelineMerge {
    const reports = new Map<string, DatedEvent[]>()
    const unresolved: DatedEvent[] = []
    const eventsOf = new Map<string, readonly DatedEvent[]>()
    for (const { articleId, events } of articles) {
      eventsOf.set(articleId, events)
      for (const event of events) {
        if (event.from === null) {
          unresolved.push(event)
          continue
        }
        const key = dateKey(event)
        const same = reports.get(key)
        if (same === undefined) reports.set(key, [event])
        else same.push(event)
      }
    }
    const dates = new Map<string, DateGroup>()
    for (const [key, list] of reports) dates.set(key, group(list, mergeDate(list)))
    return new TimelineMerge(dates, unresolved, eventsOf)
  }

  /** A merge whose dates are known (a saved merge read back); the caller vouches they are the merge of the articles. */
  static fromDates(dates: readonly DateGroup[], unresolved: readonly DatedEvent[], articles: readonly ArticleEvents[]): TimelineMerge {
    return new TimelineMerge(new Map(dates.map((date) => [dateKey(date.reports[0]!), date])), [...unresolved], new Map(articles.map(({ articleId, events }) => [articleId, events])))
  }

  /** Every date's group, in date order. */
  get dates(): readonly DateGroup[] {
    return this.#keys.map((key) => this.#dates.get(key)!)
  }

  get unresolved(): readonly DatedEvent[] {
    return this.#unresolved
  }

  /** The timeline: every date's entries in date order, then the unresolved events. */
  get timeline(): readonly TimelineEntry[] {
    if (this.#timeline === null) {
      const timeline: TimelineEntry[] = []
      for (const key of this.#keys) timeline.push(...this.#dates.get(key)!.entries)
      for (const event of this.#unresolved) timeline.push(entryOf([event]))
      this.#timeline = timeline
    }
    return this.#timeline
  }

  /**
   * Brings the merge in step after the articles `changed` (ids) changed, were added or went:
   * `articles` is every article now, in the library's order, which must keep the order of the
   * articles that did not change. Returns the number of dates merged again.
   */
  update(articles: readonly ArticleEvents[], changed: ReadonlySet<string>): number {
    const position = new Map<string, number>()
    articles.forEach(({ articleId }, index) => position.set(articleId, index))
    const touched = new Set<string>()
    let unresolvedTouched = false
    const added: DatedEvent[] = []
    for (const id of changed) {
      for (const event of this.#eventsOf.get(id) ?? []) {
        if (event.from === null) unresolvedTouched = true
        else touched.add(dateKey(event))
      }
      const now = position.get(id)
      if (now === undefined) {
        this.#eventsOf.delete(id)
        continue
      }
      const events = articles[now]!.events
      this.#eventsOf.set(id, events)
      for (const event of events) {
        added.push(event)
        if (event.from === null) unresolvedTouched = true
        else touched.add(dateKey(event))
      }
    }
    // Stable: events of one article stay together and in their order; articles go in the library's order.
    const inOrder = (list: DatedEvent[]): DatedEvent[] => list.sort((a, b) => position.get(a.articleId)! - position.get(b.articleId)!)
    let newKeys = false
    for (const key of touched) {
      const before = this.#dates.get(key)?.reports ?? []
      const reports = inOrder([...before.filter((event) => !changed.has(event.articleId)), ...added.filter((event) => event.from !== null && dateKey(event) === key)])
      if (reports.length === 0) this.#dates.delete(key)
      else {
        if (!this.#dates.has(key)) newKeys = true
        this.#dates.set(key, group(reports, mergeDate(reports)))
      }
    }
    if (unresolvedTouched) this.#unresolved = inOrder([...this.#unresolved.filter((event) => !changed.has(event.articleId)), ...added.filter((event) => event.from === null)])
    this.#keys = newKeys ? sortedKeys(this.#dates) : this.#keys.filter((key) => this.#dates.has(key))
    this.#timeline = null
    return touched.size
  }
}

function group(reports: readonly DatedEvent[], entries: readonly TimelineEntry[]): DateGroup {
  return { from: reports[0]?.from ?? '', to: reports[0]?.to ?? '', reports, entries }
}

function sortedKeys(dates: ReadonlyMap<string, DateGroup>): string[] {
  return [...dates.entries()].sort(([, a], [, b]) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)).map(([key]) => key)
}
