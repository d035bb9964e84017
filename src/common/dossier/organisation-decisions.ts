import type { DossierOrganisation } from './library-organisations'
import { nameKey } from './tokens'

/**
 * The user's decisions about the dossier's organisations, by the same rules as the people's
 * (decisions.ts): plain records kept in the settings (`dossierOrganisationDecisions`), addressing
 * entries by name key (any of an entry's `keys`), applied in order over each extraction, so they
 * survive it; a decision whose entry is gone is dormant and applies again when it comes back. No
 * mention is ever lost: hide flags, merge unites. (Organisations are not split: their names are
 * merged by aliases the article itself states, not guessed.)
 */
export type OrganisationDecision =
  | { readonly kind: 'confirm'; readonly key: string }
  | { readonly kind: 'rename'; readonly key: string; readonly name: string }
  | { readonly kind: 'merge'; readonly keys: readonly string[] }
  | { readonly kind: 'hide'; readonly key: string }
  | { readonly kind: 'unhide'; readonly key: string }

export interface DecidedOrganisation extends DossierOrganisation {
  readonly confirmed: boolean
  readonly hidden: boolean
  /** True when the user chose the name. */
  readonly renamed: boolean
}

export interface OrganisationOutcome {
  readonly organisations: readonly DecidedOrganisation[]
  readonly dormant: readonly OrganisationDecision[]
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

export function applyOrganisationDecisions(extracted: readonly DossierOrganisation[], decisions: readonly OrganisationDecision[]): OrganisationOutcome {
  let outcome: OrganisationOutcome = { organisations: extracted.map((organisation) => ({ ...organisation, confirmed: false, hidden: false, renamed: false })), dormant: [] }
  for (const decision of decisions) outcome = applyOrganisationDecision(outcome, decision)
  return outcome
}

/** One more decision over an outcome (the last step of `applyOrganisationDecisions`). */
export function applyOrganisationDecision(outcome: OrganisationOutcome, decision: OrganisationDecision): OrganisationOutcome {
  const list = outcome.organisations
  const find = (key: string): number => {
    const wanted = nameKey(key)
    return list.findIndex((organisation) => organisation.keys.includes(wanted))
  }
  if (decision.kind === 'merge') {
    const indices = unique(decision.keys.map(find))
    if (indices.length < 2 || indices.includes(-1)) return { organisations: list, dormant: [...outcome.dormant, decision] }
    const [first, ...rest] = indices.map((i) => list[i]!)
    const merged: DecidedOrganisation = {
      ...first!,
      keys: unique([...first!.keys, ...rest.flatMap((o) => o.keys)]),
      aliases: unique([...first!.aliases, ...rest.flatMap((o) => [o.name, ...o.aliases])]).filter((name) => name !== first!.name),
      mentions: [...first!.mentions, ...rest.flatMap((o) => o.mentions)],
      articleIds: unique([...first!.articleIds, ...rest.flatMap((o) => o.articleIds)]),
      confirmed: first!.confirmed || rest.some((o) => o.confirmed),
    }
    const drop = new Set(indices.slice(1))
    return { organisations: list.map((o, i) => (i === indices[0] ? merged : o)).filter((_, i) => !drop.has(i)), dormant: outcome.dormant }
  }
  const index = find(decision.key)
  const found = list[index]
  if (found === undefined) return { organisations: list, dormant: [...outcome.dormant, decision] }
  const changed: DecidedOrganisation =
    decision.kind === 'confirm'
      ? { ...found, confirmed: true }
      : decision.kind === 'hide'
        ? { ...found, hidden: true }
        : decision.kind === 'unhide'
          ? { ...found, hidden: false }
          : { ...found, name: decision.name, aliases: unique([found.name, ...found.aliases]).filter((name) => name !== decision.name), keys: unique([...found.keys, nameKey(decision.name)]), renamed: true }
  return { organisations: list.map((o, i) => (i === index ? changed : o)), dormant: outcome.dormant }
}
