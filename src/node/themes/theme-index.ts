import type { Annotation } from '../../common/model/annotation'
import type { ArticleSummary } from '../../common/model/article'
import type { Tag } from '../../common/model/tag'
import type { ThemePassageGroup } from '../../common/themes/api-types'
import { descendantIds } from '../../common/themes/tag-tree'
import { orderedSummaries } from '../library/article-order'
import type { LibraryStore } from '../store/library-store'

/** One theme's passages in the order the Themes view shows them, grouped by article. */
export interface ThemePassageList {
  readonly groups: readonly ThemePassageGroup[]
  /** Passages per group, in group order: the view lays its rows out from these alone. */
  readonly groupSizes: readonly number[]
  /** Index of each group's first passage in the whole list (one more entry: the total). */
  readonly groupStarts: readonly number[]
}

interface Snapshot {
  readonly seq: number
  readonly tags: readonly Tag[]
  readonly summaries: readonly ArticleSummary[]
  readonly annotations: readonly Annotation[]
  /** Highlights carrying each tag itself. */
  readonly own: Record<string, number>
  /** Highlights carrying the tag or one below it, each counted once. */
  readonly totals: Record<string, number>
  readonly passages: Map<string, ThemePassageList>
}

/**
 * What the Themes view reads, computed once per state of the library rather than per call: the
 * counts (one pass over every highlight) and each theme's passage list (made when the theme is
 * first shown). At 100,000 highlights a pass costs tens of milliseconds and the view asks for
 * counts and for pages of passages many times; the store's change sequence says when the
 * highlights or tags may have changed, and then everything is computed again from scratch.
 */
export class ThemeIndex {
  readonly #store: LibraryStore
  #snapshot: Promise<Snapshot> | null = null

  constructor(store: LibraryStore) {
    this.#store = store
  }

  async counts(): Promise<{ own: Record<string, number>; totals: Record<string, number> }> {
    const { own, totals } = await this.#current()
    return { own, totals }
  }

  async passages(tagId: string): Promise<ThemePassageList> {
    const snapshot = await this.#current()
    let list = snapshot.passages.get(tagId)
    if (list === undefined) {
      list = passageList(snapshot, tagId)
      snapshot.passages.set(tagId, list)
    }
    return list
  }

  #current(): Promise<Snapshot> {
    const seq = this.#store.changeSeq
    const tags = this.#store.listTags()
    const summaries = this.#store.listArticles()
    const cached = this.#snapshot
    if (cached !== null) {
      return cached.then((snapshot) => (snapshot.seq === seq && snapshot.tags === tags && snapshot.summaries === summaries ? snapshot : this.#build(seq, tags, summaries)))
    }
    return this.#build(seq, tags, summaries)
  }

  #build(seq: number, tags: readonly Tag[], summaries: readonly ArticleSummary[]): Promise<Snapshot> {
    const built = this.#store.allAnnotations().then((annotations) => {
      const { own, totals } = countHighlights(tags, annotations)
      return { seq, tags, summaries, annotations, own, totals, passages: new Map() }
    })
    // A failed read is not kept: the next call tries again.
    this.#snapshot = built.catch(() => {
      this.#snapshot = null
      return built
    })
    return built
  }
}

/** Own and total (with every theme below, each highlight once) counts per tag id. */
export function countHighlights(tags: readonly Tag[], annotations: Iterable<Annotation>): { own: Record<string, number>; totals: Record<string, number> } {
  const parents = new Map(tags.map((tag) => [tag.id, tag.parentId]))
  // Each tag's chain of ancestors, itself first; a cycle in a damaged taxonomy is cut where it closes.
  const chains = new Map<string, string[]>()
  const chainOf = (id: string): string[] => {
    let chain = chains.get(id)
    if (chain === undefined) {
      chain = []
      for (let at: string | null | undefined = id; at !== null && at !== undefined && !chain.includes(at); at = parents.get(at)) chain.push(at)
      chains.set(id, chain)
    }
    return chain
  }
  const own: Record<string, number> = {}
  const totals: Record<string, number> = {}
  const under = new Set<string>()
  for (const annotation of annotations) {
    if (annotation.tagIds.length === 0) continue
    under.clear()
    for (const tagId of annotation.tagIds) {
      own[tagId] = (own[tagId] ?? 0) + 1
      for (const id of chainOf(tagId)) under.add(id)
    }
    for (const id of under) totals[id] = (totals[id] ?? 0) + 1
  }
  return { own, totals }
}

/**
 * Every passage tagged with the theme or a theme below it, grouped by article: articles newest
 * first (the library list's order), passages in document order (orphans, which have no place, last).
 */
function passageList(snapshot: Snapshot, tagId: string): ThemePassageList {
  const ids = descendantIds(snapshot.tags, tagId)
  const byArticle = new Map<string, Annotation[]>()
  for (const annotation of snapshot.annotations) {
    if (!annotation.tagIds.some((id) => ids.has(id))) continue
    const list = byArticle.get(annotation.articleId)
    if (list === undefined) byArticle.set(annotation.articleId, [annotation])
    else list.push(annotation)
  }
  const groups: ThemePassageGroup[] = []
  for (const article of orderedSummaries(snapshot.summaries)) {
    const passages = byArticle.get(article.id)
    if (passages === undefined) continue
    passages.sort((a, b) => Number(a.status === 'orphan') - Number(b.status === 'orphan') || a.position.start - b.position.start)
    groups.push({ article, passages })
  }
  const groupSizes = groups.map((group) => group.passages.length)
  const groupStarts = [0]
  for (const size of groupSizes) groupStarts.push(groupStarts.at(-1)! + size)
  return { groups, groupSizes, groupStarts }
}

/** Passages [start, start + count) of a list, with the articles they belong to. */
export function passagePage(list: ThemePassageList, start: number, count: number): { passages: Annotation[]; articles: ArticleSummary[] } {
  const end = Math.min(start + count, list.groupStarts.at(-1)!)
  const passages: Annotation[] = []
  const articles: ArticleSummary[] = []
  // The group holding `start`: the last whose first passage is at or before it (binary search).
  let low = 0
  let high = list.groups.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (list.groupStarts[middle]! <= start) low = middle
    else high = middle - 1
  }
  for (let group = low; group < list.groups.length && list.groupStarts[group]! < end; group++) {
    const first = list.groupStarts[group]!
    const { article, passages: all } = list.groups[group]!
    articles.push(article)
    passages.push(...all.slice(Math.max(0, start - first), end - first))
  }
  return { passages, articles }
}
