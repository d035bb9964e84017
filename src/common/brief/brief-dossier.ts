import { applyDecisions, type PersonDecision } from '../dossier/decisions'
import type { ArticleDossier } from '../dossier/extract-article'
import { libraryPeople, type DossierPerson } from '../dossier/library-people'
import { mergeEvents, type TimelineEntry } from '../dossier/merge-events'

/**
 * The people and the timeline of a brief's sources: each source article's extraction (dossier
 * engine, extractArticleDossier) merged across the articles, with the user's person decisions
 * applied (hidden people left out). Pure; the node side decides which articles and which decisions,
 * and keeps the per-article extractions (brief-dossier-source.ts).
 */
export interface BriefDossierInput {
  /** Each source article's extraction, articles oldest first: the order decides which mention a row cites. */
  readonly perArticle: readonly ArticleDossier[]
  /** The user's decisions about people (dossier/decisions.ts); an empty list when there are none. */
  readonly decisions: readonly PersonDecision[]
}

export interface BriefDossier {
  readonly people: readonly DossierPerson[]
  readonly timeline: readonly TimelineEntry[]
}

export function briefDossier(input: BriefDossierInput): BriefDossier {
  const people = applyDecisions(libraryPeople(input.perArticle), input.decisions).people.filter((person) => !person.hidden)
  return { people, timeline: mergeEvents(input.perArticle.flatMap((dossier) => dossier.events)) }
}
