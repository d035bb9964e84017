import type { DossierPerson } from './library-people'
import { nameKey } from './tokens'
import type { PersonMention } from './types'

/**
 * The user's decisions about the people of the dossier, as plain records applied over extraction
 * output. Extraction is re-run whenever articles change; decisions are stored apart and applied
 * again by `applyDecisions`, so they survive re-extraction.
 *
 * Records address entries by name key (tokens.ts nameKey: folded, case-insensitive), matched
 * against every key of an entry (library-people.ts `keys`), never by position or generated id:
 * "Phạm Thị Kim Hoa" still finds the entry when a new article adds mentions or a fuller name.
 * A split addresses mentions by article, paragraph and text as written, not by offsets, so it
 * survives edits elsewhere in the paragraph.
 *
 * Guarantees of `applyDecisions` (pure):
 * - decisions apply in the order given; the same extraction and decisions give the same result;
 * - no mention is ever lost: hide flags an entry, merge unites, split moves;
 * - a decision whose entry (or mentions) extraction no longer yields is returned as `dormant`,
 *   untouched, and applies again when the entry comes back;
 * - a renamed entry keeps its old keys and gains the new name's key, so later decisions may use
 *   either.
 */
export interface MentionRef {
  readonly articleId: string
  readonly block: number
  readonly text: string
}

export type PersonDecision =
  | { readonly kind: 'confirm'; readonly key: string }
  | { readonly kind: 'rename'; readonly key: string; readonly name: string }
  | { readonly kind: 'merge'; readonly keys: readonly string[] }
  | { readonly kind: 'split'; readonly key: string; readonly mentions: readonly MentionRef[]; readonly name: string }
  | { readonly kind: 'hide'; readonly key: string }
  | { readonly kind: 'unhide'; readonly key: string }

export interface DecidedPerson extends DossierPerson {
  readonly confirmed: boolean
  readonly hidden: boolean
  /** True when the user chose the name. */
  readonly renamed: boolean
}

export interface DecisionOutcome {
  /** Every entry, hidden ones included (flagged), in extraction order, split-off entries after their source. */
  readonly people: readonly DecidedPerson[]
  /** Decisions that found nothing to apply to this time. */
  readonly dormant: readonly PersonDecision[]
}

function undecided(person: DossierPerson): DecidedPerson {
  return { ...person, confirmed: false, hidden: false, renamed: false }
}

function matchesRef(mention: PersonMention, ref: MentionRef): boolean {
  return mention.articleId === ref.articleId && mention.block === ref.block && mention.text.normalize('NFC') === ref.text.normalize('NFC')
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

function withMentions(person: DecidedPerson, mentions: readonly PersonMention[]): DecidedPerson {
  const articleIds = unique(mentions.map((m) => m.articleId))
  return {
    ...person,
    mentions,
    articleIds,
    roles: person.roles.filter((role) => articleIds.includes(role.articleId)),
  }
}

/**
 * The outcome of the decisions given, applied in order over the extraction. `memo` (optional)
 * keeps each extracted person's undecided copy, so that an entry no decision touches is the same
 * object from one application to the next (rows made from it can be reused).
 */
export function applyDecisions(extracted: readonly DossierPerson[], decisions: readonly PersonDecision[], memo?: WeakMap<DossierPerson, DecidedPerson>): DecisionOutcome {
  let outcome: DecisionOutcome = {
    people: extracted.map((person) => {
      const known = memo?.get(person)
      if (known !== undefined) return known
      const made = undecided(person)
      memo?.set(person, made)
      return made
    }),
    dormant: [],
  }
  for (const decision of decisions) outcome = applyDecision(outcome, decision)
  return outcome
}

/**
 * One more decision over an outcome: `applyDecisions(x, [...d, e])` equals
 * `applyDecision(applyDecisions(x, d), e)`, so a decision just made costs one step over the people
 * as they are (a hide is a flag on one entry), not a new application of every decision.
 */
export function applyDecision(outcome: DecisionOutcome, decision: PersonDecision): DecisionOutcome {
  let people = outcome.people
  const dormant = [...outcome.dormant]
  const find = (key: string): number => {
    const wanted = nameKey(key)
    return people.findIndex((person) => person.keys.includes(wanted))
  }
  const update = (index: number, change: (person: DecidedPerson) => DecidedPerson): void => {
    people = people.map((person, i) => (i === index ? change(person) : person))
  }
  if (decision.kind === 'merge') {
    const indices = unique(decision.keys.map(find))
    if (indices.length < 2 || indices.includes(-1)) return { people, dormant: [...dormant, decision] }
    const [first, ...rest] = indices.map((i) => people[i]).filter((p): p is DecidedPerson => p !== undefined)
    if (first === undefined) return { people, dormant }
    const merged: DecidedPerson = {
      ...first,
      keys: unique([...first.keys, ...rest.flatMap((p) => p.keys)]),
      names: unique([...first.names, ...rest.flatMap((p) => p.names)]),
      roles: [...first.roles, ...rest.flatMap((p) => p.roles)],
      countries: unique([...first.countries, ...rest.flatMap((p) => p.countries)]),
      organisations: unique([...first.organisations, ...rest.flatMap((p) => p.organisations)]),
      mentions: [...first.mentions, ...rest.flatMap((p) => p.mentions)],
      articleIds: unique([...first.articleIds, ...rest.flatMap((p) => p.articleIds)]),
      confirmed: first.confirmed || rest.some((p) => p.confirmed),
    }
    const drop = new Set(indices.slice(1))
    people = people.map((person, i) => (i === indices[0] ? merged : person)).filter((_, i) => !drop.has(i))
    return { people, dormant }
  }
  const index = find(decision.key)
  const person = people[index]
  if (person === undefined) return { people, dormant: [...dormant, decision] }
  switch (decision.kind) {
    case 'confirm':
      update(index, (p) => ({ ...p, confirmed: true }))
      break
    case 'hide':
      update(index, (p) => ({ ...p, hidden: true }))
      break
    case 'unhide':
      update(index, (p) => ({ ...p, hidden: false }))
      break
    case 'rename':
      update(index, (p) => ({ ...p, name: decision.name, keys: unique([...p.keys, nameKey(decision.name)]), renamed: true }))
      break
    case 'split': {
      const moved = person.mentions.filter((m) => decision.mentions.some((ref) => matchesRef(m, ref)))
      if (moved.length === 0 || moved.length === person.mentions.length) {
        dormant.push(decision)
        break
      }
      const kept = person.mentions.filter((m) => !moved.includes(m))
      const key = nameKey(decision.name)
      const split: DecidedPerson = withMentions(
        { ...person, key, keys: [key], name: decision.name, names: [decision.name], confirmed: false, hidden: false, renamed: true },
        moved,
      )
      people = [...people.slice(0, index), withoutMovedNames(withMentions(person, kept), moved), split, ...people.slice(index + 1)]
      break
    }
  }
  return { people, dormant }
}

/**
 * The entry left after a split no longer offers, under "Also named", the ways of writing that
 * went with the moved mentions: a name stays when a kept mention is written so, or when it is the
 * entry's own name. Its keys lose those names' keys too (but never its own), so that a later
 * decision naming a moved variant finds the entry the variant went to, not this one.
 */
function withoutMovedNames(person: DecidedPerson, moved: readonly PersonMention[]): DecidedPerson {
  const keptTexts = new Set(person.mentions.map((m) => m.text.normalize('NFC')))
  const movedTexts = new Set(moved.map((m) => m.text.normalize('NFC')).filter((text) => !keptTexts.has(text)))
  if (movedTexts.size === 0) return person
  const names = person.names.filter((name) => name === person.name || !movedTexts.has(name.normalize('NFC')))
  const droppedKeys = new Set([...movedTexts].map(nameKey))
  droppedKeys.delete(person.key)
  for (const name of names) droppedKeys.delete(nameKey(name))
  return { ...person, names, keys: person.keys.filter((key) => !droppedKeys.has(key)) }
}
