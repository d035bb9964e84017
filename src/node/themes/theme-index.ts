import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Annotation } from '../../common/model/annotation'
import type { ArticleSummary } from '../../common/model/article'
import type { LibraryChange } from '../../common/model/library-change'
import type { Tag } from '../../common/model/tag'
import type { ThemePassageLayout } from '../../common/themes/api-types'
import { descendantIds } from '../../common/themes/tag-tree'
import { orderedSummaries } from '../library/article-order'
import type { LibraryStore } from '../store/library-store'
import { mapLimit } from '../store/map-limit'
import { refsOf, type PassageRef } from './passage-refs'
import { outlineOf } from './theme-outline'
import { appendThemeIndexLog, readThemeIndexTail, removeThemeIndex, writeThemeIndex, type ThemeCounts } from './theme-index-file'
import { OFF_THREAD_BYTES, readThemeIndexOffThread } from './theme-index-reader'

/** One article's passages in a theme's list. */
export interface RefGroup {
  readonly articleId: string
  /** The article's place in the library's order (newest first): groups are sorted by it. */
  readonly rank: number
  readonly refs: readonly PassageRef[]
}

/** One theme's passages in the order the Themes view shows them, grouped by article. */
export interface ThemeList {
  readonly tagId: string
  readonly groups: readonly RefGroup[]
  /** Index of each group's first passage in the whole list (one more entry: the total). */
  readonly starts: readonly number[]
}

/** How far a rebuild of the index from the highlights files has got. */
export interface CatchingUp {
  readonly done: number
  readonly total: number
}

/** Articles read per slice of a rebuild: the event loop gets a turn between slices. */
const REBUILD_SLICE = 64
/**
 * A library of at most this many articles is rebuilt before queries answer (a fraction of a
 * second); a larger one answers at once with what is read so far, and says it is catching up.
 */
export const REBUILD_BEFORE_ANSWERING = 1000
/** Changes logged before a new checkpoint is written and the log emptied. */
const LOG_LIMIT = 2000

type Phase = 'unloaded' | 'rebuilding' | 'ready'

interface MutableList {
  readonly tagId: string
  readonly under: ReadonlySet<string>
  groups: RefGroup[]
  starts: number[] | null
  /** The list in outline for the view, made on first use; null again after a change of the list. */
  outline: ThemePassageLayout | null
}

/**
 * What the Themes view reads, kept per library rather than computed per call: for every tagged
 * highlight its reference (passage-refs.ts: id, tags, place, whether it has a note), the counts
 * per theme, and each shown theme's ordered list of references. Persisted as a cache
 * (theme-index-file.ts) and kept current from the store's change feed: one highlight change
 * re-reads that article's highlights file and appends one line to the cache's log, so opening
 * the Themes view reads the cache, not every highlights file. A cache that is missing, damaged
 * or behind the library is rebuilt from the highlights files in slices, in the background;
 * meanwhile the counts and lists answer from what has been read, with `catchingUp` saying so.
 * Passages' texts are read from their articles' highlights files only for the rows shown.
 *
 * Every change of the library, and the load or rebuild, runs in one queue in commit order, so
 * the cache's log follows the library's sequence numbers without a gap: a log whose numbers
 * jump (a change heard by no one, a crash) is behind, and is rebuilt.
 */
export class ThemeIndex {
  readonly #store: LibraryStore
  #queue: Promise<void> = Promise.resolve()
  #phase: Phase = 'unloaded'
  /** Resolves when the index is loaded or its rebuild has started (queries answer from then on). */
  #started: Promise<void> | null = null
  /** The last change of the library the queue has taken in (and the files follow, when they do). */
  #seq: number
  /** The last change heard (the queue may not have taken it in yet). */
  #heard: number
  /** Whether the files on disk follow the library up to #seq (known once checked). */
  #filesCurrent: boolean | null = null
  #logLines = 0
  readonly #articles = new Map<string, PassageRef[]>()
  readonly #own = new Map<string, number>()
  readonly #totals = new Map<string, number>()
  #progress: CatchingUp | null = null
  #lists = new Map<string, MutableList>()
  #listsOf: { tags: readonly Tag[]; summaries: readonly ArticleSummary[] } | null = null
  #ranks: { summaries: readonly ArticleSummary[]; ranks: Map<string, number> } | null = null
  readonly #chains = new Map<string, string[]>()
  #chainsOf: readonly Tag[] | null = null
  readonly #unsubscribe: () => void

  readonly #waitForRebuildUpTo: number
  readonly #offThreadFrom: number

  /**
   * `waitForRebuildUpTo`: articles up to which a rebuild completes before queries answer;
   * `offThreadFrom`: bytes of checkpoint from which it is parsed in a worker (theme-index-reader.ts).
   */
  constructor(store: LibraryStore, options: { waitForRebuildUpTo?: number; offThreadFrom?: number } = {}) {
    this.#store = store
    this.#waitForRebuildUpTo = options.waitForRebuildUpTo ?? REBUILD_BEFORE_ANSWERING
    this.#offThreadFrom = options.offThreadFrom ?? OFF_THREAD_BYTES
    this.#seq = store.changeSeq
    this.#heard = this.#seq
    this.#unsubscribe = store.onChange((change) => {
      this.#heard = change.seq
      void this.#enqueue(() => this.#follow(change))
    })
  }

  /** Stops following the library (the files stay as they are: a later index checks them). */
  stop(): void {
    this.#unsubscribe()
  }

  /** Resolves once every change heard so far is in the index and its files. */
  settled(): Promise<void> {
    return this.#queue
  }

  /** The rebuild's progress while the index is being rebuilt from the highlights files; null when current. */
  get catchingUp(): CatchingUp | null {
    return this.#progress
  }

  /**
   * Highlights per tag carrying it (`own`) and carrying it or a tag below it, each once (`totals`).
   * Before the index is loaded, the counts the files recorded at the library's current change,
   * when they did (the tree paints from them while the references load).
   */
  async counts(): Promise<ThemeCounts & { catchingUp: CatchingUp | null }> {
    if (this.#phase === 'unloaded' && this.#filesCurrent !== false) {
      const seq = this.#heard
      const tail = await readThemeIndexTail(this.#store.dir).catch(() => null)
      if (tail !== null && tail.seq === seq && tail.counts !== null && this.#heard === seq && this.#phase === 'unloaded') {
        void this.#start()
        return { ...tail.counts, catchingUp: null }
      }
    }
    await this.#current()
    return { ...this.#countsNow(), catchingUp: this.#progress }
  }

  /**
   * Loads the saved index in the background (the shells call it once the library is open), so
   * that the Themes view's first selection finds the references in memory rather than waiting for
   * the checkpoint's parse. Only files that follow the library are loaded: a missing, damaged or
   * behind cache is rebuilt when the view first asks, as before, not at every start. Resolves
   * `true` when the index is loaded, `false` when nothing was loaded.
   */
  async preload(): Promise<boolean> {
    if (this.#phase === 'unloaded') {
      if (this.#filesCurrent === false) return false
      const seq = this.#heard
      const tail = await readThemeIndexTail(this.#store.dir).catch(() => null)
      // Behind or missing: unless the view started a load meanwhile, nothing to do here.
      if (tail === null || tail.seq !== seq) return this.#ready()
    }
    await this.#current()
    return this.#ready()
  }

  #ready(): boolean {
    return this.#phase === 'ready'
  }

  /** The theme's list (with its sub-themes), made on first use and kept up to date after. */
  async list(tagId: string): Promise<ThemeList> {
    await this.#current()
    const list = this.#listOf(tagId)
    list.starts ??= startsOf(list.groups)
    return { tagId, groups: list.groups, starts: list.starts }
  }

  /** The theme's list in outline (theme-outline.ts): kept with the list, so selecting the theme again costs nothing here. */
  async outline(tagId: string): Promise<ThemePassageLayout> {
    await this.#current()
    const list = this.#listOf(tagId)
    list.outline ??= outlineOf(list.groups)
    return list.outline
  }

  /** Where each of `annotationIds` is (its article), for those the index holds (tagged highlights). */
  async articlesOf(annotationIds: readonly string[]): Promise<Map<string, string>> {
    await this.#current()
    const wanted = new Set(annotationIds)
    const found = new Map<string, string>()
    for (const [articleId, refs] of this.#articles) for (const ref of refs) if (wanted.has(ref.id)) found.set(ref.id, articleId)
    return found
  }

  /** The highlights of references [start, start + count) of a list, read from their articles' files, with the articles. */
  async page(list: ThemeList, start: number, count: number): Promise<{ passages: Annotation[]; articles: ArticleSummary[] }> {
    const wanted = refsIn(list, start, count)
    const read = await mapLimit(wanted, 8, async ({ articleId }) => new Map((await this.#store.getAnnotations(articleId)).map((annotation) => [annotation.id, annotation])))
    const passages: Annotation[] = []
    const articles: ArticleSummary[] = []
    // The summaries by their place in the library's order (kept per version of the summaries),
    // not `store.findById`: before the store's lookup maps exist each of its lookups scans every
    // summary, most of a first page's CPU at 100,000 articles.
    const summaries = this.#store.listArticles()
    const ranks = this.#ranksOf(summaries)
    const ordered = orderedSummaries(summaries)
    wanted.forEach(({ articleId, refs }, i) => {
      const rank = ranks.get(articleId)
      const summary = rank === undefined ? undefined : ordered[rank]
      if (summary !== undefined) articles.push(summary)
      // A highlight deleted since the list was made is left out; the change that deleted it reloads the view.
      for (const ref of refs) {
        const annotation = read[i]!.get(ref.id)
        if (annotation !== undefined) passages.push(annotation)
      }
    })
    return { passages, articles }
  }

  // ── loading, rebuilding, following the change feed (all in the queue) ───────────────────

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(task)
    this.#queue = run.catch((error: unknown) => {
      // The cache is only a cache: whatever failed, the next load checks the files and rebuilds if need be.
      console.error('[briefing-desk] the theme index failed:', error)
      this.#filesCurrent = false
    })
    return this.#queue
  }

  /**
   * Resolves when queries can answer: the index loaded with every change heard so far taken in,
   * or a rebuild under way (its answers are partial, and say so; they do not wait for it).
   */
  async #current(): Promise<void> {
    await this.#start()
    if (this.#phase !== 'rebuilding') await this.#queue
  }

  #start(): Promise<void> {
    if (this.#started === null) {
      let resolve!: () => void
      this.#started = new Promise<void>((done) => (resolve = done))
      void this.#enqueue(async () => {
        try {
          await this.#load(resolve)
        } finally {
          resolve()
        }
      })
    }
    return this.#started
  }

  /** Loads the files when they follow the library; rebuilds otherwise (`started` once queries can answer). */
  async #load(started: () => void): Promise<void> {
    const stored = this.#filesCurrent === false ? null : await readThemeIndexOffThread(this.#store.dir, this.#offThreadFrom)
    if (stored !== null && stored.seq === this.#seq) {
      this.#takeStored(stored.articles)
      this.#logLines = stored.logLines
      this.#filesCurrent = true
      this.#phase = 'ready'
      return
    }
    await this.#rebuild(started)
  }

  /** Reads every article's highlights, a slice at a time, then writes a new checkpoint. */
  async #rebuild(started: () => void): Promise<void> {
    this.#phase = 'rebuilding'
    this.#articles.clear()
    this.#recount()
    this.#lists.clear()
    const ids = this.#store.listArticles().map((article) => article.id)
    this.#progress = { done: 0, total: ids.length }
    if (ids.length > this.#waitForRebuildUpTo) started()
    for (let from = 0; from < ids.length; from += REBUILD_SLICE) {
      const slice = ids.slice(from, from + REBUILD_SLICE)
      const read = await mapLimit(slice, 8, async (id) => refsOf(await this.#store.getAnnotations(id)))
      slice.forEach((id, i) => this.#setArticle(id, read[i]!))
      this.#lists.clear()
      this.#progress = { done: from + slice.length, total: ids.length }
      await nextTurn()
    }
    if (this.#store.writable) await writeThemeIndex(this.#store.dir, this.#seq, this.#articles, this.#countsNow())
    this.#filesCurrent = this.#store.writable
    this.#logLines = 0
    this.#progress = null
    this.#lists.clear()
    this.#phase = 'ready'
  }

  /** Takes one change of the library in: the articles whose highlights changed are read again. */
  async #follow(change: LibraryChange): Promise<void> {
    const contiguous = change.seq === this.#seq + 1
    this.#seq = change.seq
    if (change.everything) {
      // A restore replaced the library: nothing of the index holds.
      if (this.#store.writable) await removeThemeIndex(this.#store.dir)
      this.#filesCurrent = false
      if (this.#phase !== 'unloaded') await this.#rebuild(() => undefined)
      return
    }
    const changed = [...new Set([...change.annotations, ...change.deletedArticles])]
    const set = new Map<string, PassageRef[]>()
    const read = await mapLimit(changed, 8, async (id) => (this.#store.hasArticle(id) ? refsOf(await this.#store.getAnnotations(id)) : []))
    changed.forEach((id, i) => set.set(id, read[i]!))
    if (this.#phase !== 'unloaded') {
      if (change.tags || change.articles.length > 0 || change.deletedArticles.length > 0) this.#lists.clear()
      for (const [id, refs] of set) this.#setArticle(id, refs)
      if (change.tags) this.#recount()
    }
    if (!this.#store.writable) return
    if (this.#filesCurrent === null) {
      const tail = await readThemeIndexTail(this.#store.dir).catch(() => null)
      this.#filesCurrent = tail !== null && tail.seq === change.seq - 1
    }
    if (!this.#filesCurrent || !contiguous) {
      this.#filesCurrent = false
      return
    }
    await appendThemeIndexLog(this.#store.dir, change.seq, set, this.#phase === 'ready' ? this.#countsNow() : null)
    this.#logLines++
    if (this.#logLines >= LOG_LIMIT) {
      // The log is long: a new checkpoint (loading the index first, when this session had not).
      if (this.#phase === 'unloaded') {
        const stored = await readThemeIndexOffThread(this.#store.dir, this.#offThreadFrom)
        if (stored === null || stored.seq !== this.#seq) {
          this.#filesCurrent = false
          return
        }
        this.#takeStored(stored.articles)
        this.#phase = 'ready'
        this.#started ??= Promise.resolve()
      }
      if (this.#phase === 'ready') {
        await writeThemeIndex(this.#store.dir, this.#seq, this.#articles, this.#countsNow())
        this.#logLines = 0
      }
    }
  }

  // ── the in-memory index ─────────────────────────────────────────────────────────────

  /**
   * Takes the references read from the files, for the articles the library still holds, and
   * counts them. Membership is asked of the library's order (one map, made here rather than in
   * the first theme's selection), not of the store one id at a time: before the store's lookup
   * maps exist each of its lookups scans every summary, which made this loop quadratic (0.36 s of
   * CPU at 10,000 articles; minutes at 100,000).
   */
  #takeStored(articles: ReadonlyMap<string, PassageRef[]>): void {
    const ranks = this.#ranksOf(this.#store.listArticles())
    for (const [id, refs] of articles) if (ranks.has(id)) this.#articles.set(id, refs)
    this.#recount()
  }

  /** Replaces one article's references: counts and the lists made so far change by what it changed. */
  #setArticle(articleId: string, refs: readonly PassageRef[]): void {
    const before = this.#articles.get(articleId) ?? []
    for (const ref of before) this.#count(ref, -1)
    if (refs.length === 0) this.#articles.delete(articleId)
    else this.#articles.set(articleId, [...refs])
    for (const ref of refs) this.#count(ref, 1)
    if (this.#lists.size === 0) return
    const rank = this.#rankOf(articleId)
    for (const list of this.#lists.values()) {
      const inTheme = rank === undefined ? [] : refs.filter((ref) => ref.tagIds.some((id) => list.under.has(id)))
      replaceGroup(list, articleId, rank ?? -1, inTheme)
    }
  }

  #count(ref: PassageRef, delta: 1 | -1): void {
    const under = new Set<string>()
    for (const tagId of ref.tagIds) {
      this.#own.set(tagId, (this.#own.get(tagId) ?? 0) + delta)
      for (const id of this.#chainOf(tagId)) under.add(id)
    }
    for (const id of under) this.#totals.set(id, (this.#totals.get(id) ?? 0) + delta)
  }

  /** Counts every reference again (the tag hierarchy changed, or the index was just loaded). */
  #recount(): void {
    this.#own.clear()
    this.#totals.clear()
    for (const refs of this.#articles.values()) for (const ref of refs) this.#count(ref, 1)
  }

  #countsNow(): ThemeCounts {
    const positive = (map: Map<string, number>) => Object.fromEntries([...map].filter(([, count]) => count > 0))
    return { own: positive(this.#own), totals: positive(this.#totals) }
  }

  /** A tag and its ancestors (a cycle in a damaged taxonomy is cut where it closes), per tag list. */
  #chainOf(tagId: string): string[] {
    const tags = this.#store.listTags()
    if (this.#chainsOf !== tags) {
      this.#chains.clear()
      this.#chainsOf = tags
    }
    let chain = this.#chains.get(tagId)
    if (chain === undefined) {
      const parents = new Map(tags.map((tag) => [tag.id, tag.parentId]))
      chain = []
      for (let at: string | null | undefined = tagId; at !== null && at !== undefined && !chain.includes(at); at = parents.get(at)) chain.push(at)
      this.#chains.set(tagId, chain)
    }
    return chain
  }

  #rankOf(articleId: string): number | undefined {
    return this.#ranksOf(this.#store.listArticles()).get(articleId)
  }

  /** Each article's place in the library's order (newest first), made once per version of the summaries. */
  #ranksOf(summaries: readonly ArticleSummary[]): Map<string, number> {
    if (this.#ranks?.summaries !== summaries) this.#ranks = { summaries, ranks: new Map(orderedSummaries(summaries).map((article, i) => [article.id, i])) }
    return this.#ranks.ranks
  }

  #listOf(tagId: string): MutableList {
    const tags = this.#store.listTags()
    const summaries = this.#store.listArticles()
    if (this.#listsOf?.tags !== tags || this.#listsOf.summaries !== summaries) {
      this.#lists.clear()
      this.#listsOf = { tags, summaries }
    }
    let list = this.#lists.get(tagId)
    if (list === undefined) {
      const under = descendantIds(tags, tagId)
      // Walked in the library's order (made once per version of the summaries): the groups come
      // out sorted, with no sort and no rank looked up per article.
      const groups: RefGroup[] = []
      const ordered = orderedSummaries(summaries)
      const ranks = this.#ranksOf(summaries)
      for (let rank = 0; rank < ordered.length; rank++) {
        const articleId = ordered[rank]!.id
        const refs = this.#articles.get(articleId)
        // An id listed twice (a damaged index) makes one group, at the place the ranks give it.
        if (refs === undefined || ranks.get(articleId) !== rank) continue
        const inTheme = refs.filter((ref) => ref.tagIds.some((id) => under.has(id)))
        if (inTheme.length > 0) groups.push({ articleId, rank, refs: inTheme })
      }
      list = { tagId, under, groups, starts: null, outline: null }
      // Lists are kept only once the index is whole: during a rebuild each slice changes them all.
      if (this.#phase === 'ready') this.#lists.set(tagId, list)
    }
    return list
  }
}

/** Puts an article's group of a list where its rank says (removes it when it has no passage there). */
function replaceGroup(list: MutableList, articleId: string, rank: number, refs: readonly PassageRef[]): void {
  const at = list.groups.findIndex((group) => group.articleId === articleId)
  if (at !== -1) list.groups.splice(at, 1)
  if (refs.length > 0 && rank >= 0) {
    let low = 0
    let high = list.groups.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (list.groups[middle]!.rank < rank) low = middle + 1
      else high = middle
    }
    list.groups.splice(low, 0, { articleId, rank, refs })
  }
  list.starts = null
  list.outline = null
}

function startsOf(groups: readonly RefGroup[]): number[] {
  const starts = [0]
  for (const group of groups) starts.push(starts.at(-1)! + group.refs.length)
  return starts
}

/** The references [start, start + count) of a list, by article. */
export function refsIn(list: ThemeList, start: number, count: number): Array<{ articleId: string; refs: PassageRef[] }> {
  const end = Math.min(start + count, list.starts.at(-1)!)
  // The group holding `start`: the last whose first passage is at or before it (binary search).
  let low = 0
  let high = list.groups.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (list.starts[middle]! <= start) low = middle
    else high = middle - 1
  }
  const out: Array<{ articleId: string; refs: PassageRef[] }> = []
  for (let group = low; group < list.groups.length && list.starts[group]! < end; group++) {
    const first = list.starts[group]!
    const { articleId, refs } = list.groups[group]!
    out.push({ articleId, refs: refs.slice(Math.max(0, start - first), end - first) })
  }
  return out
}

/** Own and total (with every theme below, each highlight once) counts per tag id. */
export function countHighlights(tags: readonly Tag[], annotations: Iterable<{ readonly tagIds: readonly string[] }>): ThemeCounts {
  const parents = new Map(tags.map((tag) => [tag.id, tag.parentId]))
  const own: Record<string, number> = {}
  const totals: Record<string, number> = {}
  for (const annotation of annotations) {
    const under = new Set<string>()
    for (const tagId of annotation.tagIds) {
      own[tagId] = (own[tagId] ?? 0) + 1
      for (let at: string | null | undefined = tagId; at !== null && at !== undefined && !under.has(at); at = parents.get(at)) under.add(at)
    }
    for (const id of under) totals[id] = (totals[id] ?? 0) + 1
  }
  return { own, totals }
}
