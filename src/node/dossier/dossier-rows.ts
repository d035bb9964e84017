import type { DecidedPerson } from '../../common/dossier/decisions'
import type { DecidedOrganisation } from '../../common/dossier/organisation-decisions'
import type { OrganisationDetail, OrganisationRow, PassageLink, PersonDetail, PersonMentionLink, PersonRow, TimelineFilter, TimelineRow } from '../../common/dossier/library-view'
import type { TimelineEntry } from '../../common/dossier/merge-events'
import { overlapsPeriod } from '../../common/dossier/period'
import { fold, nameKey } from '../../common/dossier/tokens'
import type { Passage } from '../../common/dossier/types'
import type { ArticleSummary, PartialDate } from '../../common/model/article'
import type { ArticleEntry } from './article-entry'

/** What rows are made with: the index's summaries and the per-article cache. */
export interface Lookup {
  summary(articleId: string): ArticleSummary | undefined
  entry(articleId: string): ArticleEntry | undefined
}

function link(passage: Passage, text: string, lookup: Lookup): PassageLink {
  const summary = lookup.summary(passage.articleId)
  const base = lookup.entry(passage.articleId)?.blockOffsets[passage.block] ?? 0
  return {
    articleId: passage.articleId,
    title: summary?.title ?? '',
    published: summary?.published ?? null,
    block: passage.block,
    start: passage.start,
    end: passage.end,
    offset: base + passage.start,
    offsetEnd: base + passage.end,
    text,
  }
}

function byFrequency(values: readonly string[]): string[] {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value)
}

export function personRow(person: DecidedPerson, lookup: Lookup): PersonRow {
  const dates = person.articleIds.map((id) => lookup.summary(id)?.published ?? null).filter((date): date is PartialDate => date !== null).sort()
  return {
    key: person.key,
    keys: person.keys,
    name: person.name,
    names: person.names,
    roles: byFrequency(person.roles.map((role) => role.role)),
    countries: person.countries,
    organisations: person.organisations,
    articleCount: person.articleIds.length,
    mentionCount: person.mentions.length,
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
    confirmed: person.confirmed,
    hidden: person.hidden,
    renamed: person.renamed,
  }
}

export function personDetail(person: DecidedPerson, lookup: Lookup): PersonDetail {
  const mentions: PersonMentionLink[] = person.mentions.map((mention) => ({
    ...link(mention, mention.text, lookup),
    role: mention.role,
    context: lookup.entry(mention.articleId)?.contexts.get(`${mention.block}:${mention.start}`) ?? mention.text,
  }))
  return { ...personRow(person, lookup), mentions }
}

function publicationRange(articleIds: readonly string[], lookup: Lookup): { firstDate: PartialDate | null; lastDate: PartialDate | null } {
  const dates = articleIds.map((id) => lookup.summary(id)?.published ?? null).filter((date): date is PartialDate => date !== null).sort()
  return { firstDate: dates[0] ?? null, lastDate: dates.at(-1) ?? null }
}

/** The people whose title states the organisation (by any of its names), hidden ones left out, most mentioned first. */
function peopleOf(organisation: DecidedOrganisation, people: readonly DecidedPerson[]): string[] {
  const keys = new Set(organisation.keys)
  return people
    .filter((person) => !person.hidden && person.organisations.some((name) => keys.has(nameKey(name))))
    .sort((a, b) => b.mentions.length - a.mentions.length)
    .map((person) => person.name)
}

export function organisationRow(organisation: DecidedOrganisation, people: readonly DecidedPerson[], lookup: Lookup): OrganisationRow {
  return {
    kind: 'organisation',
    key: organisation.key,
    keys: organisation.keys,
    name: organisation.name,
    aliases: organisation.aliases,
    articleCount: organisation.articleIds.length,
    mentionCount: organisation.mentions.length,
    ...publicationRange(organisation.articleIds, lookup),
    people: peopleOf(organisation, people),
    confirmed: organisation.confirmed,
    hidden: organisation.hidden,
    renamed: organisation.renamed,
  }
}

export function organisationDetail(organisation: DecidedOrganisation, people: readonly DecidedPerson[], lookup: Lookup): OrganisationDetail {
  const mentions = organisation.mentions.map((mention) => ({
    ...link(mention, mention.text, lookup),
    context: lookup.entry(mention.articleId)?.contexts.get(`${mention.block}:${mention.start}`) ?? mention.text,
  }))
  return { ...organisationRow(organisation, people, lookup), mentions }
}

export function timelineRow(entry: TimelineEntry, lookup: Lookup): TimelineRow {
  const first = entry.events[0]!
  return {
    from: entry.from,
    to: entry.to,
    precision: entry.precision,
    future: first.future,
    resolution: first.resolution,
    text: first.sentence.text,
    dateText: first.mention.text,
    reports: entry.events.map((event) => link(event.sentence, event.sentence.text, lookup)),
  }
}

/** What the filter needs besides the timeline: the decided people, and the articles of the theme asked for. */
export interface FilterContext {
  readonly people: readonly DecidedPerson[]
  readonly themeArticles: ReadonlySet<string> | null
}

/**
 * The entries matching every criterion given. An entry matches when one of its reports does
 * (the event is the same, reported in several articles). Unknown person or country: nothing.
 */
export function filterTimeline(timeline: readonly TimelineEntry[], filter: TimelineFilter, context: FilterContext): TimelineEntry[] {
  const paragraphsOf = (people: readonly DecidedPerson[]): Set<string> => new Set(people.flatMap((person) => person.mentions.map((m) => `${m.articleId}:${m.block}`)))
  let personParagraphs: Set<string> | null = null
  if (filter.person !== undefined) {
    const key = nameKey(filter.person)
    personParagraphs = paragraphsOf(context.people.filter((person) => person.keys.includes(key)))
  }
  let countryParagraphs: Set<string> | null = null
  const countryFolded = filter.country === undefined ? null : fold(filter.country)
  if (filter.country !== undefined) {
    countryParagraphs = paragraphsOf(context.people.filter((person) => person.countries.some((country) => fold(country) === countryFolded)))
  }
  const period = filter.from !== undefined || filter.to !== undefined
  return timeline.filter((entry) => {
    if (period && (entry.from === null || entry.to === null || !overlapsPeriod(entry.from, entry.to, filter))) return false
    return entry.events.some((event) => {
      const paragraph = `${event.articleId}:${event.sentence.block}`
      if (context.themeArticles !== null && !context.themeArticles.has(event.articleId)) return false
      if (personParagraphs !== null && !personParagraphs.has(paragraph)) return false
      if (countryParagraphs !== null && countryFolded !== null && !countryParagraphs.has(paragraph) && !fold(event.sentence.text).includes(countryFolded)) return false
      return true
    })
  })
}
