import { articleTotal } from './article-totals'
import type { MergedPostings } from './merged-postings'
import type { PostingList } from './posting-list'
import type { SearchIndex, Term } from './search-index'
import { EXTRA_UNIT_WEIGHT, FIELD_WEIGHTS, K1, lengthNorms } from './ranking'
import { FIELD_COUNT } from './unit-table'

/**
 * Article-level data of a common word, kept in the saved base beside its lists (binary-index.ts)
 * so that a query can skip most of the library (block-rank.ts). The articles are cut into blocks
 * of BLOCK_ARTICLES slots; per block, one row of BLOCK_WORDS 32-bit words:
 *
 *   [0] byte offset, in the word's ranking list, of the first entry of the block's articles
 *   [1] the unit before that entry (the base of its delta)
 *   [2] a bitmap of the block's articles that hold the word
 *   [3] (float32) the best total the word gives an article of the block, without its IDF,
 *       computed with the base's average lengths (`averages`, in the base's head)
 *   [4] (float32) the same with every occurrence counted as matching the query's accents
 *   [5..12] (version 5 on) per article of the block, one byte: its own total as a share of [3],
 *       in 255ths rounded up (0: the article lacks the word)
 *   [13..20] (version 5 on) the same for [4]
 *
 * The per-article bytes bound each article rather than the block: a block's bound for a query of
 * several words is then the best sum over the articles that hold them all, not the sum of each
 * word's best (which several words rarely reach in the same article). 64 bytes per block of 32
 * articles: 2 bytes per article and common word.
 *
 * The IDF is not stored, and the average lengths may have changed since (the change log): the
 * bound on a score is computed at query time (blockBound) from these, the word's IDF then, and
 * how much each field's average length grew (BM25's length part of a unit's score cannot grow by
 * more than the average's ratio; see blockBound). A changed article gets a new slot past the
 * blocks (its old slot is dead and skipped); those slots are scored without a bound.
 *
 * The ranking list is the word's merged list when it has one, else its one spelling's posting
 * list; a word of more spellings than a merged list takes has no blocks. The data names the list
 * object it describes: a list rebuilt (compaction, a new spelling) makes it stale, and the query
 * then takes the general path.
 */
export const BLOCK_ARTICLES = 32
/** The int32s of a block's row up to the per-article bytes (all of a version 4 row). */
export const BLOCK_WORDS = 5
/** The int32s of a block's per-article bytes: two per article (as counted, boosted). */
export const ARTICLE_BOUND_WORDS = (2 * BLOCK_ARTICLES) / 4
/** The int32s of a block's row from version 5 on. */
export const BLOCK_STRIDE = BLOCK_WORDS + ARTICLE_BOUND_WORDS
/** The largest per-article byte: an article reaching the block's best. */
const ARTICLE_STEPS = 255
/** Words in more than this share of the articles keep blocks: the words whose lists are long. */
export const BLOCK_MIN_SHARE = 1 / 32
/** Stored bests are rounded up by this much more than float32 rounding can take away. */
const STORED_MARGIN = 1e-6

/** The list a word is ranked from: its merged list, else its one spelling's list; null when it has neither. */
export function rankingList(term: Term): PostingList | MergedPostings | null {
  if (term.merged !== null) return term.merged
  return term.variants.length === 1 ? term.variants[0]!.postings : null
}

/** Whether a term keeps blocks in a base of `articles` articles. */
export function keepsBlocks(term: Term, articles: number): boolean {
  return articles >= BLOCK_ARTICLES && term.df > articles * BLOCK_MIN_SHARE && rankingList(term) !== null
}

/** A word's blocks, read from the base when a query first needs them. */
export class TermBlocks {
  private rows: Int32Array | null = null
  private bests: Float32Array | null = null
  private shares: Uint8Array | null = null

  /**
   * `articles`: the slots the blocks cover (the base's articles); `endOffset` and `endUnit`: the
   * list's length and last unit in the base, where entries appended since begin.
   */
  constructor(
    readonly list: PostingList | MergedPostings,
    readonly articles: number,
    readonly endOffset: number,
    readonly endUnit: number,
    /** The per-field average lengths the bests were computed with. */
    readonly averages: Float64Array,
    private readonly load: () => Int32Array,
    /** Int32s per block: BLOCK_STRIDE, or BLOCK_WORDS in a version 4 base (no per-article bytes). */
    readonly stride: number = BLOCK_STRIDE,
  ) {}

  /** Whether the rows hold per-article bytes (words 5 to 20). */
  get articleBounds(): boolean {
    return this.stride === BLOCK_STRIDE
  }

  get blockCount(): number {
    return Math.ceil(this.articles / BLOCK_ARTICLES)
  }

  get data(): Int32Array {
    if (this.rows === null) {
      const rows = this.load()
      if (rows.length !== this.blockCount * this.stride) throw new Error(`a word's blocks read as ${rows.length} numbers, expected ${this.blockCount * this.stride}`)
      this.rows = rows
      this.bests = new Float32Array(rows.buffer, rows.byteOffset, rows.length)
      this.shares = new Uint8Array(rows.buffer, rows.byteOffset, 4 * rows.length)
    }
    return this.rows
  }

  /** The rows as float32s, for the bests (words 3 and 4 of a row). */
  get floats(): Float32Array {
    if (this.bests === null) void this.data
    return this.bests!
  }

  /**
   * The rows as bytes, for the per-article shares: article `slot`'s is at
   * 4 * (block * stride + BLOCK_WORDS) + (slot % BLOCK_ARTICLES), + BLOCK_ARTICLES when boosted.
   */
  get bytes(): Uint8Array {
    if (this.shares === null) void this.data
    return this.shares!
  }
}

/** The term's blocks when they still describe its ranking list (see TermBlocks), else null. */
export function currentBlocks(term: Term): TermBlocks | null {
  const blocks = term.blocks
  if (blocks === null || blocks.list !== rankingList(term)) return null
  return blocks
}

/**
 * The rows of a term's blocks, computed from its ranking list (one pass over it) for the
 * index's articles, with the per-field average lengths `averages` (averageLengths): written into
 * the base by binary-index.ts.
 */
export function computeBlocks(index: SearchIndex, term: Term, averages: Float64Array): Int32Array {
  const list = rankingList(term)!
  const merged = term.merged !== null
  const articles = index.articles.length
  const blockCount = Math.ceil(articles / BLOCK_ARTICLES)
  const rows = new Int32Array(blockCount * BLOCK_STRIDE)
  const floats = new Float32Array(rows.buffer)
  const shares = new Uint8Array(rows.buffer)
  // Each article's totals, as counted and boosted: made shares of their block's bests at the end.
  const totals = new Float64Array(articles)
  const boostedTotals = new Float64Array(articles)
  const unitArticle = index.units.article
  const unitField = index.units.field
  const unitLength = index.units.length
  const { a, c } = lengthNorms(averages)
  const factor = Float64Array.from(FIELD_WEIGHTS, (weight) => weight * (K1 + 1))
  const bytes = list.bytes
  const end = list.length
  // Per field, the best and the sum of the article's unit scores: as counted, and all boosted.
  const best = new Float64Array(FIELD_COUNT)
  const sum = new Float64Array(FIELD_COUNT)
  const boostedBest = new Float64Array(FIELD_COUNT)
  const boostedSum = new Float64Array(FIELD_COUNT)
  let offset = 0
  let unit = -1
  let block = -1
  let slot = -1
  // Where the covered articles' entries end (entries past them were appended later).
  let stopOffset = end
  let stopUnit = list.lastUnit
  const read = (): number => {
    let value = 0
    let shift = 0
    let byte: number
    do {
      byte = bytes[offset++]!
      value |= (byte & 0x7f) << shift
      shift += 7
    } while (byte & 0x80)
    return value
  }
  const closeArticle = () => {
    if (slot < 0) return
    const row = (slot >> 5) * BLOCK_STRIDE
    const total = articleTotal(best, sum, FIELD_COUNT, EXTRA_UNIT_WEIGHT)
    const boosted = articleTotal(boostedBest, boostedSum, FIELD_COUNT, EXTRA_UNIT_WEIGHT)
    totals[slot] = total
    boostedTotals[slot] = boosted
    floats[row + 3] = Math.max(floats[row + 3]!, Math.fround(total * (1 + STORED_MARGIN)))
    floats[row + 4] = Math.max(floats[row + 4]!, Math.fround(boosted * (1 + STORED_MARGIN)))
  }
  // Blocks up to `upTo` (exclusive) that have no start yet begin at the entry about to be read.
  const startBlocks = (upTo: number, entryOffset: number, unitBefore: number) => {
    for (block++; block < upTo; block++) {
      rows[block * BLOCK_STRIDE] = entryOffset
      rows[block * BLOCK_STRIDE + 1] = unitBefore
    }
    block = upTo - 1
  }
  while (offset < end) {
    const entryOffset = offset
    const unitBefore = unit
    unit += read()
    let tf = 0
    if (merged) {
      for (let mask = read(); mask !== 0; mask &= mask - 1) tf += read()
    } else {
      tf = read()
      // Not `offset += read()`: that adds to the offset from before the read.
      const positionBytes = read()
      offset += positionBytes
    }
    const article = unitArticle[unit]!
    if (article >= articles) {
      stopOffset = entryOffset
      stopUnit = unitBefore
      break
    }
    if (article !== slot) {
      closeArticle()
      slot = article
      const own = article >> 5
      if (own > block) startBlocks(own + 1, entryOffset, unitBefore)
    }
    rows[(article >> 5) * BLOCK_STRIDE + 2]! |= 1 << (article & 31)
    const field = unitField[unit]!
    const norm = a[field]! + c[field]! * unitLength[unit]!
    const score = (factor[field]! * tf) / (tf + norm)
    sum[field]! += score
    if (score > best[field]!) best[field] = score
    const doubled = (factor[field]! * 2 * tf) / (2 * tf + norm)
    boostedSum[field]! += doubled
    if (doubled > boostedBest[field]!) boostedBest[field] = doubled
  }
  closeArticle()
  startBlocks(blockCount, stopOffset, stopUnit)
  for (let article = 0; article < articles; article++) {
    const row = (article >> 5) * BLOCK_STRIDE
    const at = 4 * (row + BLOCK_WORDS) + (article & 31)
    shares[at] = shareOf(totals[article]!, floats[row + 3]!)
    shares[at + BLOCK_ARTICLES] = shareOf(boostedTotals[article]!, floats[row + 4]!)
  }
  return rows
}

/**
 * An article's total as a share of its block's stored best, in 255ths rounded up (with the
 * stored margin again): share / 255 * best is at least the total. 0 only for an article without
 * the word.
 */
function shareOf(total: number, best: number): number {
  if (!(total > 0) || !(best > 0)) return 0
  return Math.min(ARTICLE_STEPS, Math.ceil((ARTICLE_STEPS * total * (1 + STORED_MARGIN)) / best))
}

/**
 * The largest total a word can give an article of the block at `row`: its stored best (boosted
 * when some spelling may match the query's accents), times the word's IDF `base`, times `growth`
 * (growthOf) and a margin against rounding. Why growth bounds the change of the statistics: a
 * unit's score is w * base * (K1 + 1) * tf / (tf + K1 * (1 - B) + K1 * B * length / average); with
 * the average grown r times (r > 1) the last term is divided by r, and the whole denominator by
 * at most r, so the score grows at most r times; a shrunk average only lowers it. An article's
 * total adds its units' scores with positive weights, so it grows at most as much.
 */
export function blockBound(floats: Float32Array, row: number, base: number, growth: number, boosted: boolean): number {
  return floats[row + (boosted ? 4 : 3)]! * base * growth * (1 + BOUND_MARGIN)
}

/**
 * What one of an article's per-article bytes is worth in the block at `row`: blockBound / 255,
 * so that byte × this bounds the article's total the way blockBound bounds the block's.
 */
export function shareWorth(floats: Float32Array, row: number, base: number, growth: number, boosted: boolean): number {
  return blockBound(floats, row, base, growth, boosted) / ARTICLE_STEPS
}

/** A relative margin against the rounding of the query's arithmetic (the bound's is not the score's). */
const BOUND_MARGIN = 1e-9

/** How much any field's average length grew from `then` (the blocks') to `now`: at least 1. */
export function growthOf(then: Float64Array, now: Float64Array): number {
  let growth = 1
  for (let f = 0; f < FIELD_COUNT; f++) if (then[f]! > 0 && now[f]! > then[f]!) growth = Math.max(growth, now[f]! / then[f]!)
  return growth
}
