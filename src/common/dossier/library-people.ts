import { foldedName, nameWords, variantKeys } from './name-variants'
import { nameKey } from './tokens'
import type { ArticlePerson, PersonMention } from './types'

/**
 * The people of a whole library: each article's people (people.ts) merged across articles by the
 * same name-variant rule, so that "Ha Kim Ngoc" (English report), "Hà Kim Ngọc" (Vietnamese) and
 * "Thứ trưởng Ngọc" end as one entry. An article's name joins the one library entry it fits; a name
 * that fits two entries joins neither (two people share a surname more often than a reader forgives
 * a wrong merge).
 *
 * Keys: an entry's `key` is the name key (nameKey) of its fullest name; `keys` holds the name key
 * of every name it was merged from. User decisions (decisions.ts) address entries by any of these
 * keys, so a decision keeps finding its entry when a later article adds a fuller name.
 */
export interface DossierPerson {
  readonly key: string
  readonly keys: readonly string[]
  /** The fullest name, written with diacritics when any article gives them. */
  readonly name: string
  /** Every name as written, fullest first. */
  readonly names: readonly string[]
  /** Role as each article gives it (primary role of that article), in article order. */
  readonly roles: readonly { readonly role: string; readonly articleId: string }[]
  readonly countries: readonly string[]
  readonly organisations: readonly string[]
  readonly mentions: readonly PersonMention[]
  readonly articleIds: readonly string[]
}

interface Draft {
  /** Each distinct name once: a name met in many articles is compared, and indexed, once. */
  names: string[]
  known: Set<string>
  people: { person: ArticlePerson; articleId: string }[]
}

function diacritics(name: string): number {
  return [...name.normalize('NFD')].filter((char) => /\p{M}|đ|Đ/u.test(char)).length
}

function fullest(names: readonly string[]): string[] {
  return [...new Set(names)].sort((a, b) => nameWords(b).length - nameWords(a).length || diacritics(b) - diacritics(a) || a.localeCompare(b))
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))]
}

/**
 * What a merge remembers for the next one (`libraryPeople`'s `memo`): each entry as made, under its
 * first article person. Articles that did not change keep their ArticlePerson objects, so an entry
 * made of the very same article people, in the same order, is the entry made last time: only the
 * entries an edit touched are made again. The result is the one a merge without memo gives.
 */
export type PeopleMemo = WeakMap<ArticlePerson, { readonly people: readonly { readonly person: ArticlePerson; readonly articleId: string }[]; readonly result: DossierPerson }>

function sameRefs(a: readonly { readonly person: ArticlePerson; readonly articleId: string }[], b: readonly { readonly person: ArticlePerson; readonly articleId: string }[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i]?.person !== b[i]?.person || a[i]?.articleId !== b[i]?.articleId) return false
  return true
}

/**
 * What the merge needs of a name (word count, folded key, the keys of its short forms), computed
 * once per distinct name rather than once per article person and per comparison: a library names
 * the same people in thousands of articles, and a merge after an edit walks them all again.
 * Bounded: emptied when it grows past NAME_FACTS_LIMIT names.
 */
interface NameFacts {
  readonly words: number
  readonly folded: string
  readonly variants: ReadonlySet<string>
}
const NAME_FACTS_LIMIT = 100_000
const nameFacts = new Map<string, NameFacts>()

function factsOf(name: string): NameFacts {
  let facts = nameFacts.get(name)
  if (facts === undefined) {
    if (nameFacts.size >= NAME_FACTS_LIMIT) nameFacts.clear()
    facts = { words: nameWords(name).length, folded: foldedName(name), variants: variantKeys(name) }
    nameFacts.set(name, facts)
  }
  return facts
}

export function libraryPeople(articles: readonly ArticlePeople[], memo?: PeopleMemo): DossierPerson[] {
  return mergePeople(articles, memo).map((merged) => merged.result)
}

/** One article's people, as the merge takes them. */
export interface ArticlePeople {
  readonly articleId: string
  readonly people: readonly ArticlePerson[]
}

/** An article person as merged into an entry. */
export interface PersonRef {
  readonly person: ArticlePerson
  readonly articleId: string
}

/**
 * One entry of a merge with what it was made of: its article people in article order, and the
 * one that made it (`first`: the first of them the merge met, fullest names first, then in the
 * library's order), which places the entry among the others (people-merge.ts uses both to merge
 * again only what an edit touches).
 */
export interface MergedPerson {
  readonly people: readonly PersonRef[]
  readonly first: PersonRef
  readonly result: DossierPerson
}

/** The number of words of a name (cached with the merge's other facts of it). */
export function nameWordCount(name: string): number {
  return factsOf(name).words
}

/** A name's folded key and the keys of the names it may be a short form of (cached). */
export function nameFactsOf(name: string): { readonly folded: string; readonly variants: ReadonlySet<string> } {
  return factsOf(name)
}

/** `libraryPeople` with each entry's article people: entries in the order the merge made them. */
export function mergePeople(articles: readonly ArticlePeople[], memo?: PeopleMemo): MergedPerson[] {
  const all = articles.flatMap(({ articleId, people }) => people.map((person) => ({ person, articleId, words: factsOf(person.name).words })))
  all.sort((a, b) => b.words - a.words)
  const drafts: (Draft & { first: PersonRef })[] = []
  // A name fits a draft when its key is the key of one of the draft's names or of one of their
  // short forms (name-variants.ts): each draft is indexed under those keys, so finding the drafts
  // a name fits is one lookup, not a comparison with every draft sharing a word (which grew with
  // the square of common family names such as Nguyễn).
  const byForm = new Map<string, Set<Draft>>()
  const index = (draft: Draft, name: string): void => {
    for (const key of factsOf(name).variants) {
      const owners = byForm.get(key)
      if (owners === undefined) byForm.set(key, new Set([draft]))
      else owners.add(draft)
    }
  }
  for (const entry of all) {
    const owners = byForm.get(factsOf(entry.person.name).folded)
    const owner = owners !== undefined && owners.size === 1 ? owners.values().next().value : undefined
    if (owner !== undefined) {
      owner.people.push(entry)
      if (!owner.known.has(entry.person.name)) {
        owner.known.add(entry.person.name)
        owner.names.push(entry.person.name)
        index(owner, entry.person.name)
      }
    } else {
      const draft = { names: [entry.person.name], known: new Set([entry.person.name]), people: [entry], first: entry }
      drafts.push(draft)
      index(draft, entry.person.name)
    }
  }
  const order = new Map(articles.map(({ articleId }, index) => [articleId, index]))
  return drafts.map((draft): MergedPerson => {
    const people = draft.people.map(({ person, articleId }) => ({ person, articleId })).sort((a, b) => (order.get(a.articleId) ?? 0) - (order.get(b.articleId) ?? 0))
    const first = people[0]?.person
    const made = { person: draft.first.person, articleId: draft.first.articleId }
    const remembered = first === undefined ? undefined : memo?.get(first)
    if (remembered !== undefined && sameRefs(remembered.people, people)) return { people: remembered.people, first: made, result: remembered.result }
    const result = personOf(people)
    if (first !== undefined) memo?.set(first, { people, result })
    return { people, first: made, result }
  })
}

function personOf(people: readonly PersonRef[]): DossierPerson {
  const names = fullest(people.flatMap(({ person }) => [person.name, ...person.mentions.map((m) => m.text)]))
  return personWithNames(people, names, [...new Set(names.map(nameKey))])
}

/**
 * The entry made of these article people, its names (fullest first) and their keys given: what
 * the merge makes, without sorting the names again (a saved merge read back holds them).
 */
export function personWithNames(people: readonly PersonRef[], names: readonly string[], keys: readonly string[]): DossierPerson {
  const name = names[0] ?? ''
  return {
    key: nameKey(name),
    keys,
    name,
    names,
    roles: people.flatMap(({ person, articleId }) => (person.roles[0] === undefined ? [] : [{ role: person.roles[0], articleId }])),
    countries: unique(people.map(({ person }) => person.country)),
    organisations: unique(people.map(({ person }) => person.organisation)),
    mentions: people.flatMap(({ person }) => person.mentions),
    articleIds: unique(people.map(({ articleId }) => articleId)),
  }
}
