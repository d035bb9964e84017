import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { EXTRACTION_VERSION } from '../../common/dossier/extract-article'
import { personWithNames, type MergedPerson, type PersonRef } from '../../common/dossier/library-people'
import { entryOf } from '../../common/dossier/merge-events'
import { PeopleMerge } from '../../common/dossier/people-merge'
import { TimelineMerge, type DateGroup } from '../../common/dossier/timeline-merge'
import type { DatedEvent } from '../../common/dossier/types'
import type { ArticleEntry } from './article-entry'

/**
 * The dossier's merges saved (`cache/dossier-merge.json`), so that a library opened again has its
 * merged people and timeline without merging every article: the first call needing them (a
 * person's mentions, a filtered Timeline, a decision, a brief) reads the extraction log and this
 * file, and merges again only what changed since it was written.
 *
 * It holds no article data, only the merges' shape as references into the articles' entries
 * (the extraction log): the articles merged, in order, each with its stamp; each person entry as
 * its article people (`[article, person]` positions, in article order), the one that made it, and
 * its names and keys; each date's reports (`[article, event]` positions) and how they group into
 * entries; the unresolved events. Decisions are not in it: they are applied over the merge.
 *
 * Never stale: a reference is used only when the article's entry now has the stamp the file
 * records (every entry is checked against the store's index first, and the log against its
 * checksums), so an article edited, re-dated, removed or added while the library was closed (or by
 * another process) counts as changed: the entries and dates holding it are dropped, and the
 * incremental merges (people-merge.ts, timeline-merge.ts) make them again from the articles as
 * they are. A file missing, damaged, or of another format or extraction version is not used.
 *
 * Two JSON lines: first what a person's mentions need before the merged state exists (the
 * format, a digest of the articles and stamps merged, the article ids, the person entries:
 * `readSavedPeople`), then the stamps and the timeline's shape, read only to restore the merges.
 */
export const DOSSIER_MERGE_FILE = join('cache', 'dossier-merge.json')

const FORMAT = 'briefing-desk dossier merge'

type Ref = [article: number, item: number]

interface SavedPerson {
  readonly refs: readonly Ref[]
  /** Position in `refs` of the person that made the entry. */
  readonly first: number
  readonly names: readonly string[]
  readonly keys: readonly string[]
}

interface SavedDate {
  readonly reports: readonly Ref[]
  /** Each entry as positions in `reports`. */
  readonly entries: readonly (readonly number[])[]
}

export interface SavedMerge {
  readonly articles: readonly (readonly [id: string, stamp: string])[]
  readonly people: readonly SavedPerson[]
  readonly dates: readonly SavedDate[]
  readonly unresolved: readonly Ref[]
}

/** What the saved merges were made from: the articles and their stamps in order (a key for "already saved"). */
export function mergeBasis(order: readonly string[], entries: ReadonlyMap<string, ArticleEntry>): string {
  return order.map((id) => `${id}\t${entries.get(id)?.stamp ?? ''}`).join('\n')
}

/** A digest of `mergeBasis`: whether the library is the one a saved merge was made from, without the stamps. */
export function basisDigest(basis: string): string {
  return createHash('sha256').update(basis).digest('hex')
}

/** The merges as references into the entries of `order` (the articles merged, in the library's order). */
export function savedMerge(order: readonly string[], entries: ReadonlyMap<string, ArticleEntry>, people: PeopleMerge, timeline: TimelineMerge): SavedMerge {
  const articleIndex = new Map(order.map((id, index) => [id, index]))
  const personRef = (ref: PersonRef): Ref => {
    const index = articleIndex.get(ref.articleId)!
    return [index, entries.get(ref.articleId)!.dossier.people.indexOf(ref.person)]
  }
  const eventRef = (event: DatedEvent): Ref => {
    const index = articleIndex.get(event.articleId)!
    return [index, entries.get(event.articleId)!.dossier.events.indexOf(event)]
  }
  return {
    articles: order.map((id) => [id, entries.get(id)!.stamp] as const),
    people: people.entries.map((entry) => ({
      refs: entry.people.map(personRef),
      first: entry.people.findIndex((ref) => ref.person === entry.first.person),
      names: entry.result.names,
      keys: entry.result.keys,
    })),
    dates: timeline.dates.map((date) => {
      const position = new Map(date.reports.map((event, index) => [event, index]))
      return { reports: date.reports.map(eventRef), entries: date.entries.map((entry) => entry.events.map((event) => position.get(event)!)) }
    }),
    unresolved: timeline.unresolved.map(eventRef),
  }
}

/** The first line: what a person's mentions are made from. */
export interface SavedPeople {
  /** `basisDigest` of the articles and stamps merged. */
  readonly basis: string
  readonly ids: readonly string[]
  readonly people: readonly SavedPerson[]
}

function isSavedPeople(value: unknown): value is SavedPeople {
  if (typeof value !== 'object' || value === null) return false
  const saved = value as Record<string, unknown>
  return saved['format'] === FORMAT && saved['version'] === EXTRACTION_VERSION && typeof saved['basis'] === 'string' && Array.isArray(saved['ids']) && Array.isArray(saved['people'])
}

function isRest(value: unknown): value is { stamps: string[]; dates: SavedDate[]; unresolved: Ref[] } {
  if (typeof value !== 'object' || value === null) return false
  const rest = value as Record<string, unknown>
  return Array.isArray(rest['stamps']) && Array.isArray(rest['dates']) && Array.isArray(rest['unresolved'])
}

/** The first line alone (the person entries), or null when there is none usable. */
export async function readSavedPeople(path: string): Promise<SavedPeople | null> {
  try {
    const text = await readFile(path, 'utf8')
    const end = text.indexOf('\n')
    const value: unknown = JSON.parse(end < 0 ? text : text.slice(0, end))
    return isSavedPeople(value) ? value : null
  } catch {
    return null
  }
}

export async function readSavedMerge(path: string): Promise<SavedMerge | null> {
  try {
    const text = await readFile(path, 'utf8')
    const end = text.indexOf('\n')
    if (end < 0) return null
    const head: unknown = JSON.parse(text.slice(0, end))
    const rest: unknown = JSON.parse(text.slice(end + 1))
    if (!isSavedPeople(head) || !isRest(rest) || rest.stamps.length !== head.ids.length) return null
    return { articles: head.ids.map((id, index) => [id, rest.stamps[index]!] as const), people: head.people, dates: rest.dates, unresolved: rest.unresolved }
  } catch {
    return null
  }
}

/** Saves the merges atomically (unique temp file, fsync, rename): a crash leaves the old file or the new one. */
export async function writeSavedMerge(path: string, saved: SavedMerge): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = join(dirname(path), `.dossier-merge.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const file = await open(temp, 'w', 0o600)
    try {
      const basis = basisDigest(saved.articles.map(([id, stamp]) => `${id}\t${stamp}`).join('\n'))
      const head = JSON.stringify({ format: FORMAT, version: EXTRACTION_VERSION, basis, ids: saved.articles.map(([id]) => id), people: saved.people })
      const rest = JSON.stringify({ stamps: saved.articles.map(([, stamp]) => stamp), dates: saved.dates, unresolved: saved.unresolved })
      await file.writeFile(`${head}\n${rest}\n`, 'utf8')
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** The merges restored from a saved merge, and what must be merged again (see `PeopleMerge.update`). */
export interface RestoredMerge {
  readonly people: PeopleMerge
  readonly timeline: TimelineMerge
  /** Articles to merge again: changed since the file was written, or holding a dropped entry or date. */
  readonly changed: Set<string>
  /** Names of the person entries dropped. */
  readonly seeds: readonly string[]
}

/**
 * The saved merge restored over the entries as they are now (`articles`: every article now, in
 * the library's order, each with its entry). An article whose entry has another stamp than the
 * file records, or that the file lacks or that is gone, is changed; every person entry and every
 * date holding a reference to a changed article (or a reference that does not resolve) is
 * dropped, and their articles are changed too; the caller then runs the incremental merges over
 * `changed`, which makes those entries and dates again. Null when the file does not fit at all
 * (its references do not resolve: damaged); then the caller merges whole.
 */
export function restoreMerge(saved: SavedMerge, articles: readonly { readonly id: string; readonly entry: ArticleEntry }[]): RestoredMerge | null {
  const now = new Map(articles.map(({ id, entry }) => [id, entry]))
  const changed = new Set<string>()
  // The saved articles' entries, when their stamp is the one recorded (else undefined: changed).
  const valid = saved.articles.map(([id, stamp]) => {
    const entry = now.get(id)
    if (entry === undefined || entry.stamp !== stamp) {
      changed.add(id)
      return undefined
    }
    return { id, entry }
  })
  const savedIds = new Set(saved.articles.map(([id]) => id))
  for (const { id } of articles) if (!savedIds.has(id)) changed.add(id)
  const personAt = ([article, item]: Ref): PersonRef | undefined => {
    const known = valid[article]
    const person = known?.entry.dossier.people[item]
    return known === undefined || person === undefined ? undefined : { person, articleId: known.id }
  }
  const eventAt = ([article, item]: Ref): DatedEvent | undefined => valid[article]?.entry.dossier.events[item]
  const idOf = ([article]: Ref): string | undefined => saved.articles[article]?.[0]
  const people: MergedPerson[] = []
  const seeds: string[] = []
  for (const entry of saved.people) {
    const refs = entry.refs.map(personAt)
    const first = refs[entry.first]
    if (first === undefined || refs.some((ref) => ref === undefined)) {
      // Dropped: its articles are merged again, and its names start the search for related entries.
      for (const ref of entry.refs) {
        const id = idOf(ref)
        if (id !== undefined) changed.add(id)
      }
      seeds.push(...entry.names)
      continue
    }
    const resolved = refs as PersonRef[]
    people.push({ people: resolved, first, result: personWithNames(resolved, entry.names, entry.keys) })
  }
  const dates: DateGroup[] = []
  for (const date of saved.dates) {
    const reports = date.reports.map(eventAt)
    const entries = date.entries.map((positions) => positions.map((position) => reports[position]))
    if (reports.length === 0 || reports.some((event) => event === undefined) || entries.some((group) => group.length === 0 || group.some((event) => event === undefined))) {
      for (const ref of date.reports) {
        const id = idOf(ref)
        if (id !== undefined) changed.add(id)
      }
      continue
    }
    const resolved = reports as DatedEvent[]
    dates.push({ from: resolved[0]!.from ?? '', to: resolved[0]!.to ?? '', reports: resolved, entries: (entries as DatedEvent[][]).map(entryOf) })
  }
  const unresolved: DatedEvent[] = []
  for (const ref of saved.unresolved) {
    const event = eventAt(ref)
    if (event === undefined) {
      const id = idOf(ref)
      if (id !== undefined) changed.add(id)
    } else unresolved.push(event)
  }
  // An unresolved event kept for an article merged again would be counted twice.
  const kept = unresolved.filter((event) => !changed.has(event.articleId))
  const merged = articles.map(({ id, entry }) => ({ articleId: id, people: entry.dossier.people, events: entry.dossier.events }))
  return {
    people: PeopleMerge.fromEntries(people),
    timeline: TimelineMerge.fromDates(dates, kept, merged),
    changed,
    seeds,
  }
}
