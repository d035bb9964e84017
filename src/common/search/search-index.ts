import type { HighlightColor } from '../model/annotation'
import type { LanguageCode, PartialDate } from '../model/article'
import type { TermBlocks } from './block-bounds'
import { partialDateRange, type DayRange } from './date-range'
import { exactKey, foldedKey } from './fold'
import { MAX_MERGED_SPELLINGS, mergeSpellings, type MergedPostings } from './merged-postings'
import { forEachEntry, PostingList, readPositions } from './posting-list'
import type { SearchableArticle } from './searchable'
import { foldText, scanTokens } from './tokenize'
import { CHECKPOINT_EVERY, FIELD_CODES, FIELD_COUNT, UnitTable } from './unit-table'

/**
 * The inverted index. A term is a folded key ("duong"); it has one posting list per accent-exact
 * spelling seen ("đường", "dương", "đương"...). A query reads every spelling's list of its folded
 * key, and knows for free which of them match its own accents exactly: no second index, no
 * per-occurrence bookkeeping. A key of several spellings also keeps their counts merged into one
 * list in unit order (merged-postings.ts), which is what a word query reads to rank.
 *
 * Articles are added, replaced and removed one at a time. Removal marks an article dead (queries
 * skip it, statistics forget it at once); its postings stay until enough dead text accumulates,
 * then `compact()` rewrites the lists. Nothing here touches the DOM or Node: the same index runs
 * in the service's search worker thread and in the CLI.
 */

export interface TagRecord {
  readonly id: string
  /** Folded names, aliases, ancestors' names and the id: what `tag:` compares with. */
  readonly keys: readonly string[]
}

export interface AnnotationRecord {
  readonly id: string
  readonly color: HighlightColor
  readonly hasNote: boolean
  readonly tags: readonly TagRecord[]
}

export interface ArticleRecord {
  readonly id: string
  readonly stamp: string
  readonly source: string | null
  /** The source folded, for `source:`. */
  readonly sourceKey: string
  readonly language: LanguageCode
  readonly published: PartialDate | null
  readonly days: DayRange | null
  readonly annotations: readonly AnnotationRecord[]
  firstUnit: number
  unitCount: number
  alive: boolean
}

export interface Term {
  /** The folded key. */
  readonly key: string
  /** One per accent-exact spelling, in order of first appearance. */
  variants: Variant[]
  /** Live articles holding the term (any spelling): the IDF's document frequency. */
  df: number
  /** Every spelling's counts in one list, when it has 2 to MAX_MERGED_SPELLINGS spellings; else null. */
  merged: MergedPostings | null
  /** Article-level bounds read from the saved base (block-bounds.ts), for skipping; stale once the list they describe is rebuilt. */
  blocks: TermBlocks | null
  /** Scratch: the article being counted. */
  articleMark: number
  // Scratch used while indexing one unit: the unit seen last, and its spellings (bit per variant).
  unitMark: number
  unitMask: number
}

export interface Variant {
  readonly term: Term
  /** Its index in term.variants: its bit in the merged list's masks. */
  slot: number
  /** The accent-exact key. */
  readonly exact: string
  postings: PostingList
  // Scratch used while indexing one unit.
  unitMark: number
  readonly positions: number[]
}

const TOKEN_CACHE_LIMIT = 200_000
/** Compact when this share of the indexed tokens belongs to removed articles. */
const COMPACT_RATIO = 0.3
const COMPACT_MIN_TOKENS = 100_000

export function newTerm(key: string, df = 0): Term {
  return { key, variants: [], df, merged: null, blocks: null, articleMark: -1, unitMark: -1, unitMask: 0 }
}

/** Adds a spelling. The caller sets term.merged (see mergedListOf): a loaded index reads it from the file. */
export function addVariant(term: Term, exact: string, postings = new PostingList()): Variant {
  const variant: Variant = { term, slot: term.variants.length, exact, postings, unitMark: -1, positions: [] }
  term.variants.push(variant)
  return variant
}

/** Whether a term of `spellings` spellings keeps a merged list. */
export function hasMergedList(spellings: number): boolean {
  return spellings > 1 && spellings <= MAX_MERGED_SPELLINGS
}

/**
 * The term's merged list built from its spellings' lists, or null when it should have none. Its
 * spellings' lists then keep skip points: positions are looked up in them unit by unit.
 */
export function mergedListOf(term: Term): MergedPostings | null {
  if (!hasMergedList(term.variants.length)) return null
  for (const variant of term.variants) variant.postings.trackSkips()
  return mergeSpellings(term.variants.map((variant) => variant.postings))
}

export function articleRecord(article: SearchableArticle, firstUnit: number): ArticleRecord {
  return {
    id: article.id,
    stamp: article.stamp,
    source: article.source,
    sourceKey: article.source === null ? '' : foldText(article.source),
    language: article.language,
    published: article.published,
    days: article.published === null ? null : partialDateRange(article.published),
    annotations: article.annotations.map((annotation) => ({
      id: annotation.id,
      color: annotation.color,
      hasNote: annotation.note.trim() !== '',
      tags: annotation.tags.map((tag) => ({
        id: tag.id,
        keys: [...new Set([...tag.names, ...tag.ancestorNames, tag.id].map(foldText))],
      })),
    })),
    firstUnit,
    unitCount: 0,
    alive: true,
  }
}

export class SearchIndex {
  readonly terms = new Map<string, Term>()
  units = new UnitTable()
  /** Article slots in the order added; a replaced or removed article leaves a dead slot. */
  articles: ArticleRecord[] = []
  /** Live units and tokens per field code: the BM25 average lengths. */
  readonly fieldUnits = new Float64Array(FIELD_COUNT)
  readonly fieldTokens = new Float64Array(FIELD_COUNT)
  liveArticles = 0
  liveTokens = 0
  deadTokens = 0
  /** Bumped by every change: lets callers (and caches) tell that results may differ. */
  generation = 0

  /**
   * Slot of each live article's id; built when first needed (an update, a lookup) for an
   * adopted index, whose ids are read from its base only then (stored-articles.ts).
   */
  private slotMap: Map<string, number> | null = new Map()
  /** The adopted articles' ids, in slot order, for the map above. */
  private adoptedIds: (() => readonly string[]) | null = null
  private alive: { generation: number; slots: Uint8Array | null } = { generation: -1, slots: null }
  private sortedKeys: string[] | null = null
  private tokenCache = new Map<string, Variant>()
  private unitMark = 0
  private readonly countScratch: number[] = []
  private articleMark = 0

  get articleCount(): number {
    return this.liveArticles
  }

  private get slots(): Map<string, number> {
    if (this.slotMap === null) {
      const ids = this.adoptedIds?.() ?? this.articles.map((record) => record.id)
      this.slotMap = new Map()
      ids.forEach((id, slot) => this.slotMap!.set(id, slot))
      this.adoptedIds = null
    }
    return this.slotMap
  }

  hasArticle(id: string): boolean {
    return this.slots.has(id)
  }

  /** The stamp the article was indexed with, or null when it is not in the index. */
  stampOf(id: string): string | null {
    const slot = this.slots.get(id)
    return slot === undefined ? null : this.articles[slot]!.stamp
  }

  /** Every indexed article id with its stamp, to bring a saved index up to date with the library. */
  stamps(): Array<[id: string, stamp: string]> {
    return this.articles.filter((record) => record.alive).map((record) => [record.id, record.stamp])
  }

  /** Adds an article, or replaces the one with the same id (an update is a replacement). */
  addArticle(article: SearchableArticle): void {
    this.forget(article.id)
    const slot = this.articles.length
    const record = articleRecord(article, this.units.count)
    this.articles.push(record)
    this.slots.set(article.id, slot)
    this.liveArticles++
    this.generation++
    const mark = ++this.articleMark
    this.addUnit(slot, mark, FIELD_CODES.title, -1, -1, article.title)
    this.addUnit(slot, mark, FIELD_CODES.body, -1, -1, article.body)
    article.annotations.forEach((annotation, index) => {
      this.addUnit(slot, mark, FIELD_CODES.quote, index, -1, annotation.quote)
      if (annotation.note.trim() !== '') this.addUnit(slot, mark, FIELD_CODES.note, index, -1, annotation.note)
      annotation.tags.forEach((tag, tagIndex) => {
        this.addUnit(slot, mark, FIELD_CODES.tag, index, tagIndex, tag.names.join('\n'))
      })
    })
    record.unitCount = this.units.count - record.firstUnit
    this.compactIfWorthIt()
  }

  /** Removes an article; false when it was not indexed. */
  removeArticle(id: string): boolean {
    const removed = this.forget(id)
    if (removed) this.compactIfWorthIt()
    return removed
  }

  private compactIfWorthIt(): void {
    if (this.deadTokens > COMPACT_MIN_TOKENS && this.deadTokens > COMPACT_RATIO * (this.liveTokens + this.deadTokens)) this.compact()
  }

  private forget(id: string): boolean {
    const slot = this.slots.get(id)
    if (slot === undefined) return false
    const record = this.articles[slot]!
    record.alive = false
    this.slots.delete(id)
    this.liveArticles--
    this.generation++
    const mark = ++this.articleMark
    for (let unit = record.firstUnit; unit < record.firstUnit + record.unitCount; unit++) {
      const field = this.units.field[unit]!
      const length = this.units.length[unit]!
      this.fieldUnits[field]!--
      this.fieldTokens[field]! -= length
      this.liveTokens -= length
      this.deadTokens += length
      const text = this.units.textOf(unit)
      scanTokens(text, (start, end) => {
        const { term } = this.lookup(text.slice(start, end))
        if (term.articleMark !== mark) {
          term.articleMark = mark
          term.df--
        }
      })
    }
    return true
  }

  /**
   * Takes over the parts of a loaded index (binary-index.ts): live articles only, units in
   * article order, and the terms. Statistics are recomputed from the units. `ids` gives the
   * articles' ids in slot order, read when the map of ids is first needed.
   */
  adopt(articles: ArticleRecord[], units: UnitTable, terms: readonly Term[], ids: (() => readonly string[]) | null = null): void {
    this.articles = articles
    this.units = units
    this.slotMap = null
    this.adoptedIds = ids
    this.terms.clear()
    for (const term of terms) this.terms.set(term.key, term)
    this.fieldUnits.fill(0)
    this.fieldTokens.fill(0)
    this.liveTokens = 0
    for (let unit = 0; unit < units.count; unit++) {
      this.fieldUnits[units.field[unit]!]!++
      this.fieldTokens[units.field[unit]!]! += units.length[unit]!
      this.liveTokens += units.length[unit]!
    }
    this.liveArticles = articles.length
    this.deadTokens = 0
    this.sortedKeys = null
    this.tokenCache.clear()
    this.generation++
  }

  /** 1 per live article slot, 0 per dead one; null when every slot is live (nothing to skip). */
  aliveSlots(): Uint8Array | null {
    if (this.alive.generation !== this.generation) {
      const slots = this.liveArticles === this.articles.length ? null : Uint8Array.from(this.articles, (record) => (record.alive ? 1 : 0))
      this.alive = { generation: this.generation, slots }
    }
    return this.alive.slots
  }

  /** The unit's checkpoints (see UnitTable), computed now if a loaded index lacks them. */
  checkpointsOf(unit: number): readonly number[] {
    if (this.units.length[unit]! <= CHECKPOINT_EVERY) return []
    let found = this.units.checkpoints[unit]
    if (found === undefined) {
      const points: number[] = []
      let tokens = 0
      scanTokens(this.units.textOf(unit), (start, _end, position) => {
        if (tokens % CHECKPOINT_EVERY === 0 && tokens > 0) points.push(position, start)
        tokens++
      })
      found = points
      this.units.checkpoints[unit] = found
    }
    return found
  }

  /** Folded keys in sorted order, for prefix lookups (recomputed after the vocabulary grows). */
  keys(): readonly string[] {
    this.sortedKeys ??= [...this.terms.keys()].sort()
    return this.sortedKeys
  }

  /**
   * Rewrites every posting list without the units of removed articles and renumbers units and
   * slots. Results do not change; memory and query time shrink.
   */
  compact(): void {
    const liveSlots = this.articles.filter((record) => record.alive)
    if (liveSlots.length === this.articles.length && this.deadTokens === 0) return
    const oldUnits = this.units
    const unitMap = new Int32Array(oldUnits.count).fill(-1)
    const units = new UnitTable()
    units.reserve(oldUnits.count)
    liveSlots.forEach((record, slot) => {
      const first = units.count
      for (let unit = record.firstUnit; unit < record.firstUnit + record.unitCount; unit++) {
        const fresh = units.add(slot, oldUnits.field[unit]!, oldUnits.annotation[unit]!, oldUnits.tag[unit]!, oldUnits.textOf(unit))
        units.length[fresh] = oldUnits.length[unit]!
        units.checkpoints[fresh] = oldUnits.checkpoints[unit]
        unitMap[unit] = fresh
      }
      record.firstUnit = first
    })
    for (const [key, term] of this.terms) {
      for (const variant of term.variants) variant.postings = rewritePostings(variant.postings, unitMap)
      term.variants = term.variants.filter((variant) => variant.postings.entries > 0)
      term.variants.forEach((variant, slot) => (variant.slot = slot))
      term.merged = mergedListOf(term)
      if (term.variants.length === 0) this.terms.delete(key)
    }
    this.units = units
    this.articles = liveSlots
    this.slotMap = new Map(liveSlots.map((record, slot) => [record.id, slot]))
    this.adoptedIds = null
    this.deadTokens = 0
    this.sortedKeys = null
    this.tokenCache.clear()
    this.generation++
  }

  /** The spelling (and through it the term) of a raw token, created on first sight. */
  private lookup(raw: string): Variant {
    const cached = this.tokenCache.get(raw)
    if (cached !== undefined) return cached
    const folded = foldedKey(raw)
    const exact = exactKey(raw)
    let term = this.terms.get(folded)
    if (term === undefined) {
      term = newTerm(folded)
      this.terms.set(folded, term)
      this.sortedKeys = null
    }
    let variant = term.variants.find((candidate) => candidate.exact === exact)
    if (variant === undefined) {
      variant = addVariant(term, exact)
      // Rare (a spelling seen for the first time): the merged list is rebuilt from the lists so far.
      term.merged = mergedListOf(term)
    }
    if (this.tokenCache.size >= TOKEN_CACHE_LIMIT) this.tokenCache.clear()
    this.tokenCache.set(raw, variant)
    return variant
  }

  /** Per spelling of the term, its occurrences in the unit being indexed (valid for the spellings in term.unitMask). */
  private unitCounts(term: Term): number[] {
    const counts = this.countScratch
    for (const variant of term.variants) counts[variant.slot] = variant.positions.length
    return counts
  }

  private addUnit(slot: number, articleMark: number, field: number, annotation: number, tag: number, text: string): void {
    const unit = this.units.add(slot, field, annotation, tag, text)
    const mark = ++this.unitMark
    const touched: Variant[] = []
    const checkpoints: number[] = []
    let tokens = 0
    scanTokens(text, (start, end, position) => {
      if (tokens % CHECKPOINT_EVERY === 0 && tokens > 0) checkpoints.push(position, start)
      const variant = this.lookup(text.slice(start, end))
      if (variant.unitMark !== mark) {
        variant.unitMark = mark
        variant.positions.length = 0
        touched.push(variant)
      }
      variant.positions.push(position)
      tokens++
    })
    const merged: Term[] = []
    for (const variant of touched) {
      variant.postings.append(unit, variant.positions)
      const term = variant.term
      if (term.articleMark !== articleMark) {
        term.articleMark = articleMark
        term.df++
      }
      if (term.merged !== null) {
        if (term.unitMark !== mark) {
          term.unitMark = mark
          term.unitMask = 0
          merged.push(term)
        }
        term.unitMask |= 1 << variant.slot
      }
    }
    for (const term of merged) term.merged!.append(unit, term.unitMask, this.unitCounts(term))
    this.units.length[unit] = tokens
    if (checkpoints.length > 0) this.units.checkpoints[unit] = checkpoints
    this.fieldUnits[field]!++
    this.fieldTokens[field]! += tokens
    this.liveTokens += tokens
  }
}

/** A copy of `list` keeping only units that `unitMap` maps (to their new ids). */
function rewritePostings(list: PostingList, unitMap: Int32Array): PostingList {
  const out = new PostingList(new Uint8Array(Math.max(16, list.length)))
  const positions: number[] = []
  forEachEntry(list, (unit, count, offset) => {
    const mapped = unitMap[unit]!
    if (mapped === -1) return
    positions.length = count
    readPositions(list, offset, count, 0, positions, 0)
    for (let i = 0; i < count; i++) positions[i] = positions[i]! >>> 1
    out.append(mapped, positions)
  })
  return out
}
