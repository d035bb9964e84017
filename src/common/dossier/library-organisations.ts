import { ORGANISATION_HEADS } from './people-vocabulary'
import { nameKey, tokensOf } from './tokens'
import type { ArticleOrganisation, Mention } from './types'

/**
 * The organisations of a whole library: each article's organisations (organisations.ts) merged
 * across articles by name key. An article that gives an organisation two names ("Tập đoàn Dầu khí
 * Việt Nam (PVN)") joins them, so that another article's bare "Tập đoàn Dầu khí Việt Nam" or
 * "PVN" lands in the same entry (grouping is transitive through aliases); "Tập đoàn Viettel" joins
 * "Viettel" when an article names it bare.
 *
 * Keys: an entry's `key` is the name key of its most used name, the shortest on a tie (an acronym
 * stays an acronym: "PVN" → "pvn"); `keys` holds the name key of every name and alias merged in.
 * The function is pure and linear in the number of (article, organisation) pairs.
 */
export interface DossierOrganisation {
  readonly key: string
  readonly keys: readonly string[]
  /** The name used most (ties: the shortest, so "Viettel" over "Tập đoàn Viettel"). */
  readonly name: string
  /** Every other name and alias as written. */
  readonly aliases: readonly string[]
  readonly mentions: readonly Mention[]
  readonly articleIds: readonly string[]
}

export function libraryOrganisations(articles: readonly { readonly articleId: string; readonly organisations: readonly ArticleOrganisation[] }[]): DossierOrganisation[] {
  // Union-find over name keys: an article's organisation ties its name to its aliases.
  const parent = new Map<string, string>()
  const root = (key: string): string => {
    let at = key
    while (parent.get(at) !== at) {
      const up = parent.get(at) ?? at
      parent.set(at, parent.get(up) ?? up)
      at = up
    }
    return at
  }
  const add = (key: string): void => {
    if (!parent.has(key)) parent.set(key, key)
  }
  const written = new Set<string>()
  for (const { organisations } of articles) {
    for (const organisation of organisations) {
      const first = nameKey(organisation.name)
      add(first)
      written.add(organisation.name)
      for (const alias of organisation.aliases) written.add(alias)
      for (const alias of organisation.aliases) {
        const key = nameKey(alias)
        add(key)
        const a = root(first)
        const b = root(key)
        if (a !== b) parent.set(b, a)
      }
    }
  }
  // "Tập đoàn Viettel" is Viettel: a company named with its head word joins the entry of its bare
  // name, when some article names it bare.
  for (const name of written) {
    const tokens = tokensOf(name)
    const head = ORGANISATION_HEADS.match(name, tokens, 0)
    const rest = head > 0 ? tokens[head] : undefined
    if (rest === undefined) continue
    const bare = nameKey(name.slice(rest.start))
    if (!parent.has(bare)) continue
    const a = root(bare)
    const b = root(nameKey(name))
    if (a !== b) parent.set(b, a)
  }
  interface Draft {
    readonly uses: Map<string, number>
    readonly keys: Set<string>
    readonly mentions: Mention[]
    readonly articleIds: Set<string>
  }
  const drafts = new Map<string, Draft>()
  for (const { articleId, organisations } of articles) {
    for (const organisation of organisations) {
      const group = root(nameKey(organisation.name))
      let draft = drafts.get(group)
      if (draft === undefined) {
        draft = { uses: new Map(), keys: new Set(), mentions: [], articleIds: new Set() }
        drafts.set(group, draft)
      }
      for (const name of [organisation.name, ...organisation.aliases]) {
        draft.keys.add(nameKey(name))
        if (!draft.uses.has(name)) draft.uses.set(name, 0)
      }
      draft.uses.set(organisation.name, (draft.uses.get(organisation.name) ?? 0) + 1)
      draft.mentions.push(...organisation.mentions)
      draft.articleIds.add(articleId)
    }
  }
  return [...drafts.values()].map((draft): DossierOrganisation => {
    let name = ''
    let best = -1
    for (const [candidate, uses] of draft.uses) {
      if (uses > best || (uses === best && candidate.length < name.length)) {
        name = candidate
        best = uses
      }
    }
    const key = nameKey(name)
    return {
      key,
      keys: [key, ...[...draft.keys].filter((other) => other !== key)],
      name,
      aliases: [...draft.uses.keys()].filter((other) => other !== name),
      mentions: draft.mentions,
      articleIds: [...draft.articleIds],
    }
  })
}
