import type { ApiHandlers } from '../../common/api'
import type { LibraryParts } from './library-parts'

export type DossierHandlers = Pick<ApiHandlers, 'dossierPeople' | 'dossierPerson' | 'dossierOrganisations' | 'dossierOrganisation' | 'dossierTimeline' | 'decidePerson' | 'decideOrganisation'>

/** The timeline's first page when the caller names none: what a first paint needs. */
const DEFAULT_TIMELINE_PAGE = 200

/** The library's dossier (src/node/dossier): people, one person's mentions, organisations, the timeline, decisions. */
export function dossierHandlers(parts: LibraryParts): DossierHandlers {
  return {
    dossierPeople() {
      return parts.dossier.people()
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
