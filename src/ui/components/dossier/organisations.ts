import type { PartialDate } from '../../../common/model/article'
import type { PassageLink } from '../../../common/dossier/library-view'

/**
 * The organisations the People view lists beside the people (Bitel, Viettel, PVN, ministries,
 * APEC, CPTPP). The dossier engine serves them through `dossierOrganisations` and
 * `dossierOrganisation` (the OrganisationRow and OrganisationDetail of common/dossier/library-view).
 * The view reads them through this adapter, typed by the fields it shows, so that it builds and
 * runs with or without those methods: where the API has none, there is no organisation to list and
 * the view shows people only.
 */
export interface OrganisationEntry {
  readonly key: string
  readonly name: string
  readonly aliases?: readonly string[]
  readonly articleCount: number
  readonly mentionCount: number
  readonly firstDate: PartialDate | null
  readonly lastDate: PartialDate | null
  /** Names of the people whose title states it. */
  readonly people?: readonly string[]
  /** The user's decisions (confirm, hide) applied to it. */
  readonly confirmed?: boolean
  readonly hidden?: boolean
}

export interface OrganisationMention extends PassageLink {
  readonly context?: string
}

export interface OrganisationDetailEntry extends OrganisationEntry {
  readonly mentions: readonly OrganisationMention[]
}

interface OrganisationApi {
  dossierOrganisations?: () => Promise<{ readonly organisations: readonly OrganisationEntry[] }>
  dossierOrganisation?: (input: { key: string }) => Promise<OrganisationDetailEntry>
}

/** Whether the API serves organisations. */
export function servesOrganisations(api: object): boolean {
  return typeof (api as OrganisationApi).dossierOrganisations === 'function'
}

/** The library's organisations, most mentioned first; none where the API serves none. */
export async function loadOrganisations(api: object): Promise<readonly OrganisationEntry[]> {
  const list = (api as OrganisationApi).dossierOrganisations
  return list === undefined ? [] : (await list()).organisations
}

export async function loadOrganisation(api: object, key: string): Promise<OrganisationDetailEntry | null> {
  const one = (api as OrganisationApi).dossierOrganisation
  return one === undefined ? null : one({ key })
}
