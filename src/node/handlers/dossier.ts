import type { ApiHandlers } from '../../common/api'
import type { LibraryParts } from './library-parts'
import { peoplePage } from './people-page'

export type DossierHandlers = Pick<ApiHandlers, 'dossierPeople' | 'dossierPeoplePage' | 'dossierPerson' | 'dossierOrganisations' | 'dossierOrganisation' | 'dossierTimeline' | 'decidePerson' | 'decideOrganisation'>

/** The timeline's first page when the caller names none: what a first paint needs. */
const DEFAULT_TIMELINE_PAGE = 200

/** The library's dossier (src/node/dossier): people (whole, or a page of light rows for the People list), one person's mentions, organisations, the timeline, decisions. */
export function dossierHandlers(parts: LibraryParts): DossierHandlers {
  return {
    dossierPeople() {
      return parts.dossier.people()
    },
    async dossierPeoplePage(query) {
      return peoplePage(await parts.dossier.people(), query)
    },
    dossierPerson(input) {
      return parts.dossier.person(input.key)
    },
    dossierOrganisations() {
      return parts.dossier.organisations()
    },
    dossierOrganisation(input) {
      return parts.dossier.organisation(input.key)
    },
    dossierTimeline({ offset, limit, ...filter }) {
      return parts.dossier.timeline(filter, { offset: offset ?? 0, limit: limit ?? DEFAULT_TIMELINE_PAGE })
    },
    decidePerson(decision) {
      return parts.dossier.decide(decision)
    },
    decideOrganisation(decision) {
      return parts.dossier.decideOrganisation(decision)
    },
  }
}
