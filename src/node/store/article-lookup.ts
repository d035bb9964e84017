import type { ArticleSummary } from '../../common/model/article'

/**
 * The library's summaries by id and by content hash, kept in step with each index change rather
 * than rebuilt after it.
 *
 * Building the two maps costs about 1 µs per summary (20 ms of main-thread CPU at 10,000 articles,
 * 200 ms at 100,000): when the maps were rebuilt whenever the index array changed, that cost fell
 * on the first edit or deletion after opening and on every deletion after it. Now a lookup scans
 * the array (10,000 string comparisons: a fraction of a millisecond) until lookups come in numbers
 * (SCANS_BEFORE_BUILD: an import asks once per file); then the maps are built once, in slices
 * between other work (SLICE summaries per turn of the event loop), changes made meanwhile are
 * queued and replayed over them, and each later change updates them by what it changed. So a single
 * edit or deletion never pays for the maps. A caller that goes on looking up in one synchronous loop
 * (SCANS_BEFORE_FINISH between two slices of a build) never lets the slices run, and would pay a scan
 * per lookup (quadratic at 100,000): the build is then finished at once.
 *
 * Semantics as before: the first summary listed with an id (or a hash) is the one found.
 */
const SLICE = 2_000
const SCANS_BEFORE_BUILD = 16
const SCANS_BEFORE_FINISH = 64

interface Maps {
  readonly byId: Map<string, ArticleSummary>
  readonly byHash: Map<string, ArticleSummary>
}

/** A build under way: the list it reads, how far it has read, and the maps so far. */
interface Build {
  readonly snapshot: readonly ArticleSummary[]
  readonly maps: Maps
  from: number
  /** Lookups since the last slice ran: many means a synchronous loop the slices cannot interleave with. */
  scansSinceSlice: number
}

interface Change {
  readonly set: readonly ArticleSummary[]
  readonly deleted: readonly string[]
  /** The array after the change: a hash left without its summary is looked for there. */
  readonly after: readonly ArticleSummary[]
}

export class ArticleLookup {
  #articles: readonly ArticleSummary[]
  #maps: Maps | null = null
  /** Changes made while the maps are being built; null when no build is under way. */
  #pending: Change[] | null = null
  #build: Build | null = null
  #scans = 0

  constructor(articles: readonly ArticleSummary[]) {
    this.#articles = articles
  }

  get articles(): readonly ArticleSummary[] {
    return this.#articles
  }

  /** A whole new list (a load, a restore): the maps are built again when next needed. */
  reset(articles: readonly ArticleSummary[]): void {
    this.#articles = articles
    this.#maps = null
    this.#pending = null
    this.#build = null
    this.#scans = 0
  }

  /**
   * The list after summaries were set (a revision keeps its article's place, a new article goes at
   * the end) and ids deleted; the maps follow by what changed.
   */
  apply(set: readonly ArticleSummary[], deleted: readonly string[]): readonly ArticleSummary[] {
    const after = applyToList(this.#articles, set, deleted)
    const change: Change = { set, deleted, after }
    this.#articles = after
    if (this.#maps !== null) applyToMaps(this.#maps, change)
    else this.#pending?.push(change)
    return after
  }

  findById(id: string): ArticleSummary | undefined {
    if (this.#maps !== null || this.#countScan()) return this.#maps!.byId.get(id)
    return this.#articles.find((summary) => summary.id === id)
  }

  findByContentHash(hash: string): ArticleSummary | undefined {
    if (this.#maps !== null || this.#countScan()) return this.#maps!.byHash.get(hash)
    return this.#articles.find((summary) => summary.contentHash === hash)
  }

  /** The maps now, in one go (tests; a caller about to make many lookups). */
  buildNow(): void {
    if (this.#maps !== null) return
    if (this.#build !== null) this.#buildRest(this.#build)
    else this.#finish(buildMaps(this.#articles, 0, this.#articles.length, { byId: new Map(), byHash: new Map() }))
  }

  /**
   * Counts a scan, starts the sliced build once lookups come in numbers, and finishes it at once
   * when they keep coming within one turn. True when the maps are ready to answer.
   */
  #countScan(): boolean {
    if (this.#build !== null) {
      if (++this.#build.scansSinceSlice < SCANS_BEFORE_FINISH) return false
      this.#buildRest(this.#build)
      return true
    }
    if (++this.#scans < SCANS_BEFORE_BUILD) return false
    const build: Build = { snapshot: this.#articles, maps: { byId: new Map(), byHash: new Map() }, from: 0, scansSinceSlice: 0 }
    this.#pending = []
    this.#build = build
    const step = (): void => {
      if (this.#build !== build) return
      buildMaps(build.snapshot, build.from, Math.min(build.snapshot.length, build.from + SLICE), build.maps)
      build.from += SLICE
      build.scansSinceSlice = 0
      if (build.from < build.snapshot.length) schedule(step)
      else this.#finish(build.maps)
    }
    schedule(step)
    return false
  }

  #buildRest(build: Build): void {
    buildMaps(build.snapshot, build.from, build.snapshot.length, build.maps)
    build.from = build.snapshot.length
    this.#finish(build.maps)
  }

  #finish(maps: Maps): void {
    for (const change of this.#pending ?? []) applyToMaps(maps, change)
    this.#pending = null
    this.#build = null
    this.#maps = maps
  }
}

/** Off the current turn, and never what keeps a process (a CLI command) alive. */
function schedule(step: () => void): void {
  setImmediate(step).unref()
}

function buildMaps(articles: readonly ArticleSummary[], from: number, to: number, maps: Maps): Maps {
  for (let i = from; i < to; i++) {
    const summary = articles[i]!
    if (!maps.byId.has(summary.id)) maps.byId.set(summary.id, summary)
    if (!maps.byHash.has(summary.contentHash)) maps.byHash.set(summary.contentHash, summary)
  }
  return maps
}

/** A new array: revisions in their article's place, new summaries at the end, deleted ids left out. */
export function applyToList(articles: readonly ArticleSummary[], set: readonly ArticleSummary[], deleted: readonly string[]): readonly ArticleSummary[] {
  if (set.length === 0 && deleted.length === 0) return articles
  if (set.length + deleted.length <= FEW) return applyFew(articles, set, deleted)
  const pending = new Map(set.map((summary) => [summary.id, summary]))
  const gone = new Set(deleted)
  const out: ArticleSummary[] = []
  for (const existing of articles) {
    if (gone.has(existing.id)) continue
    const revised = pending.get(existing.id)
    if (revised !== undefined) pending.delete(existing.id)
    out.push(revised ?? existing)
  }
  for (const summary of pending.values()) if (!gone.has(summary.id)) out.push(summary)
  return out
}

/**
 * The list after several changes in order (the index log's lines at open), in one pass: an ordered
 * map keeps a summary's place when it is set again and puts a new id at the end, as applying each
 * change in turn would, without copying the whole list once per change (thousands of lines over
 * 100,000 summaries).
 */
export function applyAll(articles: readonly ArticleSummary[], changes: readonly { readonly set: readonly ArticleSummary[]; readonly deleted: readonly string[] }[]): readonly ArticleSummary[] {
  if (changes.length <= 4 || new Set(articles.map((summary) => summary.id)).size !== articles.length) {
    return changes.reduce((list, change) => applyToList(list, change.set, change.deleted), articles)
  }
  const byId = new Map(articles.map((summary) => [summary.id, summary]))
  for (const { set, deleted } of changes) {
    for (const summary of set) byId.set(summary.id, summary)
    for (const id of deleted) byId.delete(id)
  }
  return [...byId.values()]
}

/**
 * The same for a change of a few summaries (an edit, a deletion, an import's group): a copy of the
 * array and a scan comparing ids for each, cheaper than a map or set lookup for every summary.
 */
const FEW = 8
function applyFew(articles: readonly ArticleSummary[], set: readonly ArticleSummary[], deleted: readonly string[]): readonly ArticleSummary[] {
  const out = articles.slice()
  for (const summary of set) {
    const at = indexOfId(out, summary.id)
    if (at >= 0) out[at] = summary
    else out.push(summary)
  }
  for (const id of deleted) for (let at = indexOfId(out, id); at >= 0; at = indexOfId(out, id)) out.splice(at, 1)
  return out
}

function indexOfId(articles: readonly ArticleSummary[], id: string): number {
  for (let i = 0; i < articles.length; i++) if (articles[i]!.id === id) return i
  return -1
}

function applyToMaps(maps: Maps, { set, deleted, after }: Change): void {
  const dropped: ArticleSummary[] = []
  for (const id of deleted) {
    const summary = maps.byId.get(id)
    if (summary === undefined) continue
    maps.byId.delete(id)
    dropped.push(summary)
  }
  for (const summary of set) {
    if (deleted.includes(summary.id)) continue
    const before = maps.byId.get(summary.id)
    maps.byId.set(summary.id, summary)
    if (before !== undefined && before !== summary) dropped.push(before)
    const holder = maps.byHash.get(summary.contentHash)
    if (holder === undefined || holder.id === summary.id) maps.byHash.set(summary.contentHash, summary)
  }
  // A hash whose summary went: another article of the same content (a hand-made duplicate) takes
  // its place, found by a scan of the list (string comparisons only, on deletion or re-hash alone).
  for (const summary of dropped) {
    if (maps.byHash.get(summary.contentHash) !== summary) continue
    const other = after.find((candidate) => candidate.contentHash === summary.contentHash)
    if (other === undefined) maps.byHash.delete(summary.contentHash)
    else maps.byHash.set(summary.contentHash, other)
  }
}
