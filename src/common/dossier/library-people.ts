import { nameWords, variantMatcher } from './name-variants'
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

export function libraryPeople(articles: readonly { readonly articleId: string; readonly people: readonly ArticlePerson[] }[]): DossierPerson[] {
  const all = articles.flatMap(({ articleId, people }) => people.map((person) => ({ person, articleId })))
  all.sort((a, b) => nameWords(b.person.name).length - nameWords(a.person.name).length)
  const drafts: Draft[] = []
  const isNameVariant = variantMatcher()
  // A variant shares at least one word with the name it fits: only drafts sharing a word are tried,
  // which keeps a library of thousands of articles from comparing every name with every other.
  const byWord = new Map<string, Set<Draft>>()
  const index = (draft: Draft, name: string): void => {
    for (const word of nameKey(name).split(' ')) byWord.set(word, (byWord.get(word) ?? new Set()).add(draft))
  }
  for (const entry of all) {
    const candidates = new Set(nameKey(entry.person.name).split(' ').flatMap((word) => [...(byWord.get(word) ?? [])]))
    const owners = [...candidates].filter((draft) => draft.names.some((name) => isNameVariant(entry.person.name, name)))
    const owner = owners.length === 1 ? owners[0] : undefined
    if (owner !== undefined) {
      owner.people.push(entry)
      if (!owner.known.has(entry.person.name)) {
        owner.known.add(entry.person.name)
        owner.names.push(entry.person.name)
        index(owner, entry.person.name)
      }
    } else {
      const draft: Draft = { names: [entry.person.name], known: new Set([entry.person.name]), people: [entry] }
      drafts.push(draft)
      index(draft, entry.person.name)
    }
  }
  const order = new Map(articles.map(({ articleId }, index) => [articleId, index]))
  return drafts.map((draft): DossierPerson => {
    const people = [...draft.people].sort((a, b) => (order.get(a.articleId) ?? 0) - (order.get(b.articleId) ?? 0))
    const names = fullest(people.flatMap(({ person }) => [person.name, ...person.mentions.map((m) => m.text)]))
    const name = names[0] ?? ''
    return {
      key: nameKey(name),
      keys: [...new Set(names.map(nameKey))],
      name,
      names,
      roles: people.flatMap(({ person, articleId }) => (person.roles[0] === undefined ? [] : [{ role: person.roles[0], articleId }])),
      countries: unique(people.map(({ person }) => person.country)),
      organisations: unique(people.map(({ person }) => person.organisation)),
      mentions: people.flatMap(({ person }) => person.mentions),
      articleIds: unique(people.map(({ articleId }) => articleId)),
    }
  })
}
