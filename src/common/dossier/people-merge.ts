import { mergePeople, nameFactsOf, nameWordCount, type ArticlePeople, type DossierPerson, type MergedPerson, type PeopleMemo, type PersonRef } from './library-people'
import type { ArticlePerson } from './types'

/**
 * The library's people merge kept up to date by merging again only what changed.
 *
 * Why this gives what a whole merge gives (`libraryPeople`, tested on random edits): the merge
 * places an article person in the one entry indexed under its folded name, and indexes an entry
 * under the short forms of its names. So a person's placement depends only on the entries whose
 * names are **related** to its name (one's folded name is a short form of, or equal to, the
 * other's). Entries of names related to nothing that changed are made of the same people, met
 * in the same relative order, whatever else the library holds: they stay as they are. The
 * entries to make again are those holding a changed article's people, those related to a name of
 * a changed article (before or after), and, transitively, those related to their names; their
 * people (plus the changed articles' new ones) are merged again, alone, in the library's order.
 * Entries are then ordered as the whole merge orders them: by the person that made each entry
 * (more words first, then the library's order).
 */
export class PeopleMerge {
  #merged: MergedPerson[]
  /** The entries holding each article's people. */
  readonly #byArticle = new Map<string, Set<MergedPerson>>()
  /** The entries by the folded key of each of their people's names, and by each of those names' short-form keys. */
  readonly #byFolded = new Map<string, Set<MergedPerson>>()
  readonly #byVariant = new Map<string, Set<MergedPerson>>()
  #people: readonly DossierPerson[]

  private constructor(merged: MergedPerson[]) {
    this.#merged = merged
    for (const entry of merged) this.#index(entry, true)
    this.#people = merged.map((entry) => entry.result)
  }

  /** The whole merge of the articles given (every article, in the library's order). */
  static of(articles: readonly ArticlePeople[], memo?: PeopleMemo): PeopleMerge {
    return new PeopleMerge(mergePeople(articles, memo))
  }

  /** A merge whose entries are known (a saved merge read back); the caller vouches they are the merge of the articles. */
  static fromEntries(merged: readonly MergedPerson[]): PeopleMerge {
    return new PeopleMerge([...merged])
  }

  /** The entries, in the whole merge's order. */
  get people(): readonly DossierPerson[] {
    return this.#people
  }

  get entries(): readonly MergedPerson[] {
    return this.#merged
  }

  /**
   * Brings the merge in step after the articles `changed` (ids) changed, were added or went:
   * `articles` is every article now, in the library's order, which must keep the order of the
   * articles that did not change. `seeds`: names whose related entries are made again too (those
   * of entries dropped from the merge, whose articles must then be among `changed`). Returns the
   * number of entries made again.
   */
  update(articles: readonly ArticlePeople[], changed: ReadonlySet<string>, memo?: PeopleMemo, seeds: Iterable<string> = []): number {
    const position = new Map<string, number>()
    articles.forEach(({ articleId }, index) => position.set(articleId, index))
    const affected = new Set<MergedPerson>()
    const pending: string[] = []
    const seen = new Set<string>()
    // Names to start from besides the changed articles' (a saved merge read back names the entries it could not restore).
    pending.push(...seeds)
    const take = (entry: MergedPerson): void => {
      if (affected.has(entry)) return
      affected.add(entry)
      for (const { person } of entry.people) pending.push(person.name)
    }
    for (const id of changed) {
      for (const entry of this.#byArticle.get(id) ?? []) take(entry)
      const now = position.get(id)
      if (now !== undefined) for (const person of articles[now]!.people) pending.push(person.name)
    }
    while (pending.length > 0) {
      const name = pending.pop()!
      if (seen.has(name)) continue
      seen.add(name)
      const facts = nameFactsOf(name)
      for (const entry of this.#byVariant.get(facts.folded) ?? []) take(entry)
      for (const key of facts.variants) for (const entry of this.#byFolded.get(key) ?? []) take(entry)
    }
    // The people to merge again: those of the entries made again (but of changed articles), and every person of a changed article.
    const kept = new Map<string, Set<ArticlePerson>>()
    for (const entry of affected) {
      for (const { person, articleId } of entry.people) {
        if (changed.has(articleId)) continue
        let set = kept.get(articleId)
        if (set === undefined) kept.set(articleId, (set = new Set()))
        set.add(person)
      }
    }
    const ids = new Set([...kept.keys(), ...[...changed].filter((id) => position.has(id))])
    const subset = [...ids]
      .sort((a, b) => position.get(a)! - position.get(b)!)
      .map((articleId): ArticlePeople => {
        const all = articles[position.get(articleId)!]!.people
        const wanted = kept.get(articleId)
        return { articleId, people: changed.has(articleId) || wanted === undefined ? all : all.filter((person) => wanted.has(person)) }
      })
    const fresh = mergePeople(subset, memo)
    for (const entry of affected) this.#index(entry, false)
    for (const entry of fresh) this.#index(entry, true)
    const merged = this.#merged.filter((entry) => !affected.has(entry)).concat(fresh)
    // The whole merge's order: by the person that made each entry (more words first, then library order, then article order).
    const rank = (ref: PersonRef): [number, number, number] => {
      const index = position.get(ref.articleId) ?? -1
      return [-nameWordCount(ref.person.name), index, index < 0 ? -1 : articles[index]!.people.indexOf(ref.person)]
    }
    const ranks = new Map(merged.map((entry) => [entry, rank(entry.first)]))
    merged.sort((a, b) => {
      const x = ranks.get(a)!
      const y = ranks.get(b)!
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
    })
    this.#merged = merged
    this.#people = merged.map((entry) => entry.result)
    return fresh.length
  }

  #index(entry: MergedPerson, add: boolean): void {
    const put = (map: Map<string, Set<MergedPerson>>, key: string): void => {
      let set = map.get(key)
      if (set === undefined) {
        if (!add) return
        map.set(key, (set = new Set()))
      }
      if (add) set.add(entry)
      else {
        set.delete(entry)
        if (set.size === 0) map.delete(key)
      }
    }
    const names = new Set<string>()
    for (const { person, articleId } of entry.people) {
      put(this.#byArticle, articleId)
      names.add(person.name)
    }
    for (const name of names) {
      const facts = nameFactsOf(name)
      put(this.#byFolded, facts.folded)
      for (const key of facts.variants) put(this.#byVariant, key)
    }
  }
}
