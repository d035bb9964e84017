import { HIGHLIGHT_COLORS, type HighlightColor } from '../model/annotation'
import { LANGUAGE_CODES, type LanguageCode, type PartialDate } from '../model/article'
import { base64Length, encodeBase64, isBase64 } from './base64'
import { partialDateRange } from './date-range'
import { MergedPostings } from './merged-postings'
import { PostingList } from './posting-list'
import { addVariant, hasMergedList, newTerm, SearchIndex, type ArticleRecord, type Term } from './search-index'
import { FIELD_COUNT, UnitTable } from './unit-table'

/**
 * The index as one JSON-able object, for a cache file next to the library or a message to a
 * worker. Built for load time: columns of numbers rather than objects per unit, and all posting
 * lists as one base64 string, each list decoded only when a query first reads it.
 * Texts are included (snippets need them), so a loaded index is complete on its own.
 *
 * Bump SEARCH_INDEX_VERSION whenever folding, tokenizing or the layout changes: an older file is
 * then refused with SearchIndexFormatError, and the caller rebuilds from the library.
 */
export const SEARCH_INDEX_FORMAT = 'briefing-desk/search-index'
export const SEARCH_INDEX_VERSION = 2

export interface SerializedTag {
  readonly id: string
  readonly keys: readonly string[]
}

export interface SerializedAnnotation {
  readonly id: string
  readonly color: HighlightColor
  readonly hasNote: boolean
  readonly tags: readonly SerializedTag[]
}

export interface SerializedArticle {
  readonly id: string
  readonly stamp: string
  readonly source: string | null
  readonly sourceKey: string
  readonly language: LanguageCode
  readonly published: PartialDate | null
  readonly unitCount: number
  readonly annotations: readonly SerializedAnnotation[]
}

export interface SerializedSearchIndex {
  readonly format: typeof SEARCH_INDEX_FORMAT
  readonly version: number
  readonly articles: readonly SerializedArticle[]
  /** One entry per unit, in article order. */
  readonly units: {
    readonly field: readonly number[]
    readonly annotation: readonly number[]
    readonly tag: readonly number[]
    readonly length: readonly number[]
    readonly text: readonly string[]
  }
  /** One entry per term (folded key). */
  readonly terms: {
    readonly keys: readonly string[]
    readonly df: readonly number[]
    /** How many of the spellings below belong to each term, in order. */
    readonly spellingCounts: readonly number[]
    /**
     * Each term's merged list (merged-postings.ts): entries and bytes, 0 and 0 for a term without
     * one; the lists base64-encoded one after the other, like the postings. Since version 2.
     */
    readonly mergedEntries: readonly number[]
    readonly mergedByteLengths: readonly number[]
    readonly merged: string
  }
  /** One entry per spelling (accent-exact key) and its posting list. */
  readonly spellings: {
    readonly exact: readonly string[]
    readonly entries: readonly number[]
    readonly occurrences: readonly number[]
    readonly lastUnit: readonly number[]
    /**
     * Bytes of each posting list. `postings` holds each list base64-encoded on its own (padded),
     * one after the other, so that a list is decoded only when a query first reads it.
     */
    readonly byteLengths: readonly number[]
    readonly postings: string
  }
}

export class SearchIndexFormatError extends Error {
  override readonly name = 'SearchIndexFormatError'
}

/** Serialises the index. Compacts it first (dropping removed articles), which changes no result. */
export function serializeIndex(index: SearchIndex): SerializedSearchIndex {
  index.compact()
  const units = index.units
  const terms = [...index.terms.values()]
  const spellings = terms.flatMap((term) => term.variants)
  return {
    format: SEARCH_INDEX_FORMAT,
    version: SEARCH_INDEX_VERSION,
    articles: index.articles.map((record) => ({
      id: record.id,
      stamp: record.stamp,
      source: record.source,
      sourceKey: record.sourceKey,
      language: record.language,
      published: record.published,
      unitCount: record.unitCount,
      annotations: record.annotations,
    })),
    units: {
      field: Array.from(units.field.subarray(0, units.count)),
      annotation: Array.from(units.annotation.subarray(0, units.count)),
      tag: Array.from(units.tag.subarray(0, units.count)),
      length: Array.from(units.length.subarray(0, units.count)),
      text: Array.from({ length: units.count }, (_, unit) => units.textOf(unit)),
    },
    terms: {
      keys: terms.map((term) => term.key),
      df: terms.map((term) => term.df),
      spellingCounts: terms.map((term) => term.variants.length),
      mergedEntries: terms.map((term) => term.merged?.entries ?? 0),
      mergedByteLengths: terms.map((term) => term.merged?.length ?? 0),
      merged: terms.map((term) => (term.merged === null ? '' : encodeBase64(term.merged.view()))).join(''),
    },
    spellings: {
      exact: spellings.map((spelling) => spelling.exact),
      entries: spellings.map((spelling) => spelling.postings.entries),
      occurrences: spellings.map((spelling) => spelling.postings.occurrences),
      lastUnit: spellings.map((spelling) => spelling.postings.lastUnit),
      byteLengths: spellings.map((spelling) => spelling.postings.length),
      postings: spellings.map((spelling) => encodeBase64(spelling.postings.view())).join(''),
    },
  }
}

function check(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new SearchIndexFormatError(reason)
}

function isArray(value: unknown, length?: number): value is unknown[] {
  return Array.isArray(value) && (length === undefined || value.length === length)
}

export function restoreArticles(articles: readonly SerializedArticle[], unitTotal: number): ArticleRecord[] {
  let firstUnit = 0
  const records = articles.map((article, i): ArticleRecord => {
    check(typeof article === 'object' && article !== null && typeof article.id === 'string', `article ${i} has no id`)
    check(Number.isInteger(article.unitCount) && article.unitCount >= 0, `article ${article.id} has a bad unit count`)
    check((LANGUAGE_CODES as readonly string[]).includes(article.language), `article ${article.id} has a bad language`)
    check(isArray(article.annotations), `article ${article.id} has no annotation list`)
    for (const annotation of article.annotations) {
      check((HIGHLIGHT_COLORS as readonly string[]).includes(annotation.color) && isArray(annotation.tags), `article ${article.id} has a bad annotation`)
    }
    const record: ArticleRecord = {
      id: article.id,
      stamp: String(article.stamp),
      source: article.source,
      sourceKey: String(article.sourceKey),
      language: article.language,
      published: article.published,
      days: article.published === null ? null : partialDateRange(article.published),
      annotations: article.annotations,
      firstUnit,
      unitCount: article.unitCount,
      alive: true,
    }
    firstUnit += article.unitCount
    return record
  })
  check(firstUnit === unitTotal, `articles claim ${firstUnit} units, the file has ${unitTotal}`)
  return records
}

function restoreUnits(data: SerializedSearchIndex['units'], records: readonly ArticleRecord[]): UnitTable {
  const count = data.text.length
  for (const column of [data.field, data.annotation, data.tag, data.length]) check(isArray(column, count), 'unit columns differ in length')
  const units = new UnitTable()
  units.reserve(count)
  records.forEach((record, slot) => {
    for (let unit = record.firstUnit; unit < record.firstUnit + record.unitCount; unit++) {
      const field = data.field[unit]!
      check(Number.isInteger(field) && field >= 0 && field < FIELD_COUNT, `unit ${unit} has a bad field`)
      units.add(slot, field, data.annotation[unit]!, data.tag[unit]!, String(data.text[unit]))
      units.length[unit] = data.length[unit]!
    }
  })
  return units
}

function restoreTerms(terms: SerializedSearchIndex['terms'], spellings: SerializedSearchIndex['spellings'], unitCount: number): Term[] {
  for (const column of [terms.df, terms.spellingCounts, terms.mergedEntries, terms.mergedByteLengths]) check(isArray(column, terms.keys.length), 'term columns differ in length')
  const mergedText = terms.merged
  check(typeof mergedText === 'string' && isBase64(mergedText), 'merged postings are not base64')
  let mergedOffset = 0
  const count = spellings.exact.length
  for (const column of [spellings.entries, spellings.occurrences, spellings.lastUnit, spellings.byteLengths]) {
    check(isArray(column, count), 'spelling columns differ in length')
  }
  const text = spellings.postings
  check(typeof text === 'string' && isBase64(text), 'postings are not base64')
  let offset = 0
  let spelling = 0
  const restored = terms.keys.map((key, i) => {
    const term = newTerm(key, terms.df[i]!)
    for (let n = 0; n < terms.spellingCounts[i]!; n++, spelling++) {
      check(spelling < count, `term ${key} claims more spellings than the file has`)
      const length = spellings.byteLengths[spelling]!
      const lastUnit = spellings.lastUnit[spelling]!
      const chars = base64Length(length)
      check(Number.isInteger(length) && length >= 0 && offset + chars <= text.length, `term ${key} points outside the postings`)
      check(Number.isInteger(lastUnit) && lastUnit < unitCount, `term ${key} points at unit ${lastUnit} of ${unitCount}`)
      const list = PostingList.encoded(text, offset, offset + chars, length, lastUnit, spellings.entries[spelling]!, spellings.occurrences[spelling]!)
      addVariant(term, String(spellings.exact[spelling]), list)
      offset += chars
    }
    const mergedLength = terms.mergedByteLengths[i]!
    const mergedEntries = terms.mergedEntries[i]!
    check(Number.isInteger(mergedLength) && Number.isInteger(mergedEntries), `term ${key} has a bad merged list`)
    if (hasMergedList(term.variants.length)) {
      const chars = base64Length(mergedLength)
      check(mergedLength > 0 && mergedEntries > 0 && mergedOffset + chars <= mergedText.length, `term ${key} has no merged list`)
      const lastUnit = Math.max(...term.variants.map((variant) => variant.postings.lastUnit))
      term.merged = MergedPostings.encoded(mergedText, mergedOffset, mergedOffset + chars, mergedLength, lastUnit, mergedEntries)
      mergedOffset += chars
    } else check(mergedLength === 0 && mergedEntries === 0, `term ${key} has a merged list it cannot use`)
    return term
  })
  check(spelling === count && offset === text.length, 'postings hold data no term claims')
  check(mergedOffset === mergedText.length, 'merged postings hold data no term claims')
  return restored
}

/** Rebuilds an index from `serializeIndex` output (e.g. JSON.parse of a cache file). */
export function deserializeIndex(data: unknown): SearchIndex {
  check(typeof data === 'object' && data !== null, 'not an object')
  const candidate = data as Partial<SerializedSearchIndex>
  check(candidate.format === SEARCH_INDEX_FORMAT, `not a search index (format ${String(candidate.format)})`)
  check(candidate.version === SEARCH_INDEX_VERSION, `search index version ${String(candidate.version)}, expected ${SEARCH_INDEX_VERSION}`)
  check(isArray(candidate.articles) && typeof candidate.units === 'object' && typeof candidate.terms === 'object' && typeof candidate.spellings === 'object', 'sections are missing')
  const serialized = candidate as SerializedSearchIndex
  check(isArray(serialized.units.text) && isArray(serialized.terms.keys) && isArray(serialized.spellings.exact), 'columns are missing')
  const records = restoreArticles(serialized.articles, serialized.units.text.length)
  const units = restoreUnits(serialized.units, records)
  const terms = restoreTerms(serialized.terms, serialized.spellings, units.count)
  const index = new SearchIndex()
  index.adopt(records, units, terms)
  return index
}
