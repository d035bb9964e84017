import { findEvents } from './chronology'
import { findOrganisations } from './organisations'
import { findPeople } from './people'
import type { ArticleOrganisation, ArticlePerson, DatedEvent, DossierSource } from './types'

/**
 * Everything the dossier draws from one article, in one call: what an importer stores next to the
 * article (and recomputes when its text changes). Deterministic: the same source gives the same
 * result, so a stored result can be compared with a fresh one.
 */
export interface ArticleDossier {
  readonly articleId: string
  readonly people: readonly ArticlePerson[]
  readonly organisations: readonly ArticleOrganisation[]
  readonly events: readonly DatedEvent[]
}

/**
 * The version of the extraction rules. Stored results (the library's cache of extractions) made
 * by another version are thrown away and made again: raise it with every change to what the
 * finders return (people, organisations, events, their fields).
 */
export const EXTRACTION_VERSION = 3

export function extractArticleDossier(source: DossierSource): ArticleDossier {
  return { articleId: source.id, people: findPeople(source), organisations: findOrganisations(source), events: findEvents(source) }
}
