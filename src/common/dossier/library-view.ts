import type { PartialDate } from '../model/article'
import type { DatePrecision, DateResolution } from './types'

/**
 * What the library's People and Timeline views, the CLI and the API receive: rows made from the
 * decided people (decisions.ts) and the merged timeline (merge-events.ts), each place given both
 * as paragraph + offsets and as an offset into the article's body text (`bodyText`), which is what
 * the reader scrolls to.
 */

/** A place in an article, ready to open: the reader scrolls to `offset`. */
export interface PassageLink {
  readonly articleId: string
  readonly title: string
  readonly published: PartialDate | null
  readonly block: number
  readonly start: number
  readonly end: number
  /** Offsets into bodyText(article.blocks) of the same place. */
  readonly offset: number
  readonly offsetEnd: number
  /** The words found there, as written. */
  readonly text: string
}

export interface PersonMentionLink extends PassageLink {
  readonly role: string | null
  /** The paragraph's words around the mention (a short excerpt). */
  readonly context: string
}

/** One person of the library as the People view lists it. */
export interface PersonRow {
  /** The name key a decision addresses (any of `keys` works too). */
  readonly key: string
  readonly keys: readonly string[]
  readonly name: string
  readonly names: readonly string[]
  /** Distinct roles, most frequent first. */
  readonly roles: readonly string[]
  readonly countries: readonly string[]
  readonly organisations: readonly string[]
  readonly articleCount: number
  readonly mentionCount: number
  /** Earliest and latest publication date of the articles the person appears in (null: none dated). */
  readonly firstDate: PartialDate | null
  readonly lastDate: PartialDate | null
  readonly confirmed: boolean
  readonly hidden: boolean
  readonly renamed: boolean
}

/** A person with every mention, each linked to its passage. */
export interface PersonDetail extends PersonRow {
  readonly mentions: readonly PersonMentionLink[]
}

export interface PeopleList {
  readonly people: readonly PersonRow[]
  readonly articleCount: number
}

/**
 * One row of the People list as the view pages it: what the row shows and what its filters and
 * sort read (name, roles, country or organisation, counts, first and last date, the decisions'
 * flags). The name variants and keys, and the mentions, come with the person's details
 * (`dossierPerson`), fetched when the user opens them: at 10,000 articles the whole list of
 * full rows is close to a megabyte per call.
 */
export type PersonListRow = Omit<PersonRow, 'keys' | 'names'>

/** What the People list asks for: a page of the people whose names match, hidden ones when asked. */
export interface PeoplePageQuery {
  /** Words of a name (any variant), compared without case or diacritics; empty or absent: everyone. */
  readonly query?: string | undefined
  /** Hidden people are listed (flagged) too. */
  readonly hidden?: boolean | undefined
  readonly offset?: number | undefined
  readonly limit?: number | undefined
}

export interface PeoplePage {
  /** The page asked for, most mentioned first. */
  readonly people: readonly PersonListRow[]
  /** People matching the query, of which `people` is the page. */
  readonly total: number
  /** Hidden people in the library (the list's "show hidden" says how many it adds). */
  readonly hiddenCount: number
  readonly articleCount: number
}

/**
 * One organisation of the library as the People view lists it (beside the people): Bitel,
 * Viettel, PVN, ministries, APEC, CPTPP. `kind` tells it from a person where both are listed
 * together. The user's decisions (organisation-decisions.ts) are applied: hidden ones are flagged.
 */
export interface OrganisationRow {
  readonly kind: 'organisation'
  /** The name key `dossierOrganisation` takes (any of `keys` works too). */
  readonly key: string
  readonly keys: readonly string[]
  readonly name: string
  /** Other names and aliases as written ("Tập đoàn Dầu khí Việt Nam" for PVN). */
  readonly aliases: readonly string[]
  readonly articleCount: number
  readonly mentionCount: number
  readonly firstDate: PartialDate | null
  readonly lastDate: PartialDate | null
  /** Names of the people (decided, not hidden) whose title states this organisation, most mentioned first. */
  readonly people: readonly string[]
  readonly confirmed: boolean
  readonly hidden: boolean
  readonly renamed: boolean
}

/** An organisation with every mention, each linked to its passage. */
export interface OrganisationDetail extends OrganisationRow {
  readonly mentions: readonly (PassageLink & { readonly context: string })[]
}

export interface OrganisationList {
  /** Most mentioned first. */
  readonly organisations: readonly OrganisationRow[]
  readonly articleCount: number
}

/** One event of the timeline: its date as resolved, its text, and every report of it. */
export interface TimelineRow {
  readonly from: PartialDate | null
  readonly to: PartialDate | null
  readonly precision: DatePrecision
  readonly future: boolean | null
  /** How the first report's date was settled (derived dates carry their reasoning, unresolved their reason). */
  readonly resolution: DateResolution
  /** The sentence of the first report. */
  readonly text: string
  /** The date as written in the first report. */
  readonly dateText: string
  /** Every report: the sentence, in each article. */
  readonly reports: readonly PassageLink[]
}

export interface TimelineFilter {
  /** A theme (tag id): events in articles with a highlight of this theme or one below it. */
  readonly tagId?: string | undefined
  /** A person (a name key): events in a paragraph that mentions them. */
  readonly person?: string | undefined
  /** A country as the dossier names it: events whose sentence names it, or whose paragraph mentions a person of it. */
  readonly country?: string | undefined
  /** A period (partial ISO dates, inclusive): events whose dates overlap it; unresolved ones are left out. */
  readonly from?: PartialDate | undefined
  readonly to?: PartialDate | undefined
}

export interface TimelinePage {
  readonly entries: readonly TimelineRow[]
  /** Entries matching the filter, of which `entries` is the page asked for. */
  readonly total: number
  /** Countries the filter can offer (every country the people carry). */
  readonly countries: readonly string[]
}
