import type { DossierPerson } from '../dossier/library-people'
import type { TimelineEntry } from '../dossier/merge-events'
import { nameKey } from '../dossier/tokens'
import type { DatedEvent } from '../dossier/types'
import type { Citation, DossierRow, EventRow, PersonRow, Section } from '../model/brief'
import type { BriefDossier } from './brief-dossier'

/**
 * Rows of the dossier sections, made from the engine's people and timeline. A row is a snapshot
 * (like a passage): its text and its citation (article and paragraph) are copied when it is added.
 *
 * Keys, so that a row is recognised again after the engine re-runs on more articles:
 * - a person row: the person's name key, and every name key the person was known by (`keys`), so
 *   that a fuller name found later ("Phạm Thị Kim Hoa" after "Kim Hoa") still finds the row;
 * - an event row: the key of each report of the event (article, paragraph, date as written,
 *   folded), so that a report added by a new article keeps the row it joins.
 */
export interface SourceMeta {
  readonly id: string
  readonly title: string
  readonly source: string | null
  readonly published: Citation['published']
}

export function eventKey(event: DatedEvent): string {
  return `${event.articleId}#${event.mention.block}#${nameKey(event.mention.text)}`
}

/** Every key a row answers to. */
export function rowKeys(row: DossierRow): string[] {
  return [row.key, ...(row.keys ?? [])]
}

function citation(meta: SourceMeta, block: number): Citation {
  return { articleId: meta.id, articleTitle: meta.title, source: meta.source, published: meta.published, paragraph: block + 1 }
}

/** The person's row, cited where the person is first named with a title; null without a titled mention in a known article. */
export function personRow(person: DossierPerson, metaOf: (articleId: string) => SourceMeta | undefined): PersonRow | null {
  const mention = person.mentions.find((candidate) => candidate.role !== null && metaOf(candidate.articleId) !== undefined) ?? person.mentions.find((candidate) => metaOf(candidate.articleId) !== undefined)
  const meta = mention === undefined ? undefined : metaOf(mention.articleId)
  if (mention === undefined || meta === undefined) return null
  const role = person.roles.find((entry) => entry.articleId === mention.articleId)?.role ?? person.roles[0]?.role ?? mention.role
  return {
    kind: 'person',
    key: person.key,
    keys: person.keys.filter((key) => key !== person.key),
    name: person.name,
    role,
    country: person.countries[0] ?? null,
    organisation: person.organisations[0] ?? null,
    citation: citation(meta, mention.block),
  }
}

/** The event's row, cited to its first report in a known article. */
export function eventRow(entry: TimelineEntry, metaOf: (articleId: string) => SourceMeta | undefined): EventRow | null {
  const event = entry.events.find((candidate) => metaOf(candidate.articleId) !== undefined)
  const meta = event === undefined ? undefined : metaOf(event.articleId)
  if (event === undefined || meta === undefined) return null
  const key = eventKey(event)
  const resolution = event.resolution
  return {
    kind: 'event',
    key,
    keys: entry.events.map(eventKey).filter((other) => other !== key),
    from: entry.from,
    to: entry.to,
    precision: entry.precision,
    future: event.future,
    dateText: event.mention.text,
    text: event.sentence.text,
    ...(resolution.kind === 'derived' ? { derivedYears: resolution.years } : {}),
    ...(resolution.kind === 'unresolved' ? { unresolved: resolution.reason } : {}),
    citation: citation(meta, event.sentence.block),
  }
}

export interface DossierRows {
  readonly people: readonly PersonRow[]
  readonly events: readonly EventRow[]
}

/** The rows of a whole dossier: people in order of first appearance, events by date (unresolved last). */
export function dossierRows(dossier: BriefDossier, metaOf: (articleId: string) => SourceMeta | undefined): DossierRows {
  return {
    people: dossier.people.flatMap((person) => personRow(person, metaOf) ?? []),
    events: dossier.timeline.flatMap((entry) => eventRow(entry, metaOf) ?? []),
  }
}

/** Whether a computed row is the same thing as one of the rows given (any key in common). */
export function knownRow(row: DossierRow, known: ReadonlySet<string>): boolean {
  return rowKeys(row).some((key) => known.has(key))
}

/** Every row key a brief's sections hold or had removed, by kind. */
export function heldRowKeys(sections: readonly Section[]): { person: Set<string>; event: Set<string>; removed: Set<string> } {
  const person = new Set<string>()
  const event = new Set<string>()
  const removed = new Set<string>()
  for (const section of sections) {
    for (const row of section.rows ?? []) for (const key of rowKeys(row)) (row.kind === 'person' ? person : event).add(key)
    for (const key of section.removedKeys ?? []) removed.add(key)
  }
  return { person, event, removed }
}

/**
 * Fills the brief's empty dossier sections (Who's who, Chronology) with the rows given: what a
 * new brief drafted from themes starts with. A section that already has rows, or whose user removed
 * rows, is left as it is: its rows are the user's now.
 */
export function fillDossierSections(sections: readonly Section[], rows: DossierRows): Section[] {
  return sections.map((section) => {
    if ((section.rows ?? []).length > 0 || (section.removedKeys ?? []).length > 0) return section
    if (section.dossier === 'people') return { ...section, rows: [...rows.people] }
    if (section.dossier === 'chronology') return { ...section, rows: [...rows.events] }
    return section
  })
}
