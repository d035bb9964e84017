import { HIGHLIGHT_COLORS, type HighlightColor } from '../model/annotation'
import { LANGUAGE_CODES, type LanguageCode, type PartialDate } from '../model/article'
import type { ByteSource } from './byte-source'
import { partialDateRange, type DayRange } from './date-range'
import { fail, type SerializedTag } from './saved-articles'
import type { AnnotationRecord, ArticleRecord, TagRecord } from './search-index'
import { decodeUtf8, encodeUtf8 } from './utf8'

/**
 * The article records of a saved base (binary-index.ts), read one at a time when first used.
 *
 * At 100,000 articles the records (id, stamp, source, date, language and ten highlights each) are
 * tens of megabytes of JSON: parsed whole at opening they were most of the first search's CPU.
 * So the base keeps them as two string tables (a `u32` byte offset per record, then the records'
 * UTF-8 one after the other): the ids, and each record's other fields as a small JSON array
 * (`StoredDetail`). Opening reads the offsets only; a record's id is read when a result, a tie in
 * the ranking or an update needs it (all of them at once when the index's map of ids is first
 * needed: an update), and its other fields when a filter or a snippet needs them. Unit counts are
 * a column of their own: the unit table needs every article's at opening.
 */

/** A record's fields other than its id and units, as the base stores them: highlights' tags as places in the base's tag table. */
export type StoredDetail = [
  stamp: string,
  source: string | null,
  sourceKey: string,
  language: LanguageCode,
  published: PartialDate | null,
  annotations: Array<[id: string, color: HighlightColor, hasNote: boolean, tags: number[]]>,
]

/** What a stored record holds besides its id: the article record without its place in the index. */
type Detail = Omit<ArticleRecord, 'id' | 'firstUnit' | 'unitCount' | 'alive'>

/** A record's detail as the base stores it; `tagPlace` gives a tag's place in the base's tag table. */
export function storedDetail(record: ArticleRecord, tagPlace: (tag: TagRecord) => number): Uint8Array {
  const detail: StoredDetail = [
    record.stamp,
    record.source,
    record.sourceKey,
    record.language,
    record.published,
    record.annotations.map((annotation) => [annotation.id, annotation.color, annotation.hasNote, annotation.tags.map(tagPlace)]),
  ]
  return encodeUtf8(JSON.stringify(detail))
}

/** A string table's place in the base: the offsets (count + 1, from 0 to `bytes`) and where its bytes start. */
export interface StringTable {
  readonly offsets: Uint32Array
  readonly from: number
}

export class StoredArticles {
  #ids: string[] | null = null

  constructor(
    private readonly source: ByteSource,
    private readonly ids: StringTable,
    private readonly details: StringTable,
    /** The base's tag table: a stored detail names its tags by their places in it. */
    readonly tags: readonly TagRecord[],
  ) {}

  idOf(stored: number): string {
    if (this.#ids !== null) return this.#ids[stored]!
    const { offsets, from } = this.ids
    return decodeUtf8(this.source.read(from + offsets[stored]!, offsets[stored + 1]! - offsets[stored]!))
  }

  /** Every id, read in one go (the index's map of ids is built from them). */
  allIds(): readonly string[] {
    if (this.#ids !== null) return this.#ids
    const { offsets, from } = this.ids
    const count = offsets.length - 1
    const bytes = this.source.read(from, offsets[count]!)
    const text = decodeUtf8(bytes)
    const ids = new Array<string>(count)
    // Ids are ASCII in practice: then a byte offset is a character offset, and one decode serves all.
    if (text.length === bytes.length) for (let i = 0; i < count; i++) ids[i] = text.slice(offsets[i], offsets[i + 1])
    else for (let i = 0; i < count; i++) ids[i] = decodeUtf8(bytes, offsets[i], offsets[i + 1])
    this.#ids = ids
    return ids
  }

  /** The record's detail bytes as stored, to be copied into a new base unchanged. */
  rawDetail(stored: number): Uint8Array {
    const { offsets, from } = this.details
    return this.source.read(from + offsets[stored]!, offsets[stored + 1]! - offsets[stored]!)
  }

  detailOf(stored: number): Detail {
    let parsed: unknown
    try {
      parsed = JSON.parse(decodeUtf8(this.rawDetail(stored)))
    } catch (error) {
      fail(`article ${stored}'s record is not JSON: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (!(Array.isArray(parsed) && parsed.length === 6)) fail(`article ${stored}'s record is malformed`)
    const [stamp, source, sourceKey, language, published, annotations] = parsed as StoredDetail
    if (!(typeof stamp === 'string' && (source === null || typeof source === 'string') && typeof sourceKey === 'string')) fail(`article ${stored}'s record is malformed`)
    if (!(LANGUAGE_CODES as readonly string[]).includes(language)) fail(`article ${stored} has a bad language`)
    if (!(published === null || typeof published === 'string')) fail(`article ${stored} has a bad date`)
    if (!Array.isArray(annotations)) fail(`article ${stored} has no annotation list`)
    const tagCount = this.tags.length
    const records = annotations.map((annotation): AnnotationRecord => {
      if (!(Array.isArray(annotation) && typeof annotation[0] === 'string' && (HIGHLIGHT_COLORS as readonly string[]).includes(annotation[1]) && Array.isArray(annotation[3]))) fail(`article ${stored} has a bad annotation`)
      const tags = annotation[3].map((place) => {
        if (!(Number.isInteger(place) && place >= 0 && place < tagCount)) fail(`article ${stored} names tag ${place} of ${tagCount}`)
        return this.tags[place]!
      })
      return { id: annotation[0], color: annotation[1], hasNote: annotation[2] === true, tags }
    })
    return { stamp, source, sourceKey, language, published, days: published === null ? null : partialDateRange(published), annotations: records }
  }
}

/** The base's tag table checked, as the records the index shares. */
export function restoreTags(tags: unknown): TagRecord[] {
  if (!Array.isArray(tags)) fail('the tag table is missing')
  for (const tag of tags as SerializedTag[]) {
    if (!(typeof tag === 'object' && tag !== null && typeof tag.id === 'string' && Array.isArray(tag.keys))) fail('the tag table is malformed')
  }
  return tags as TagRecord[]
}

/**
 * An article record of a saved base: its units at once, its id and detail read from the base
 * when first asked for. Results, filters and ties read a few records; a query never reads them all.
 */
export class StoredArticleRecord implements ArticleRecord {
  firstUnit: number
  unitCount: number
  alive = true
  #id: string | null = null
  #detail: Detail | null = null

  constructor(
    readonly table: StoredArticles,
    /** Its place in the base's tables (its slot changes when the index compacts). */
    readonly stored: number,
    firstUnit: number,
    unitCount: number,
  ) {
    this.firstUnit = firstUnit
    this.unitCount = unitCount
  }

  get id(): string {
    return (this.#id ??= this.table.idOf(this.stored))
  }

  get stamp(): string {
    return this.#read().stamp
  }

  get source(): string | null {
    return this.#read().source
  }

  get sourceKey(): string {
    return this.#read().sourceKey
  }

  get language(): LanguageCode {
    return this.#read().language
  }

  get published(): PartialDate | null {
    return this.#read().published
  }

  get days(): DayRange | null {
    return this.#read().days
  }

  get annotations(): readonly AnnotationRecord[] {
    return this.#read().annotations
  }

  #read(): Detail {
    return (this.#detail ??= this.table.detailOf(this.stored))
  }
}
