import { BLOCK_ARTICLES, BLOCK_STRIDE, BLOCK_WORDS, computeBlocks, keepsBlocks, rankingList, TermBlocks } from './block-bounds'
import { memorySource, type ByteSource } from './byte-source'
import { averageLengths } from './clause-match'
import { MergedPostings } from './merged-postings'
import { PostingList } from './posting-list'
import { check, fail, SearchIndexFormatError, type SerializedTag } from './saved-articles'
import { addVariant, hasMergedList, newTerm, SearchIndex, type ArticleRecord, type TagRecord, type Term } from './search-index'
import { restoreTags, StoredArticleRecord, StoredArticles, storedDetail, type StringTable } from './stored-articles'
import { FIELD_COUNT, UnitTable } from './unit-table'
import { decodeUtf8, encodeUtf8 } from './utf8'

/**
 * The index as one compact binary file, the search index's cache beside the library
 * (src/node/search/index-file.ts writes and reads it). Made to be loaded fast and lazily:
 *
 *   'BDSI' | u32 version | u32 head bytes | u32 0 | head (JSON, UTF-8, padded to 8) | sections
 *
 * The head holds what is small and needed whole: the store's change sequence number the index
 * was saved at (`seq`), the article records (ids, stamps, filter fields), the vocabulary
 * (folded keys and spellings with their list sizes) and where each section lies. Sections are
 * raw little-endian columns, each 8-aligned: the unit columns, every unit's text in UTF-8 with
 * its offsets, and every posting list and merged list one after the other, as the index holds
 * them in memory (variable-length integers, no base64).
 *
 * Opening reads only the head and the unit columns (a ByteSource: the file read piece by piece):
 * a posting list or merged list is read from the file the first time a query touches it, and a
 * unit's text the first time a snippet or an update needs it (UnitTable.textOf). So the first
 * search after opening reads what it needs, not the whole file, and memory holds what was used.
 * A list read is the list's own memory (an update appends to it; the file is never written
 * through). The file is a cache: anything wrong with it throws SearchIndexFormatError (or the
 * source's own error when a piece read later is damaged) and the caller rebuilds the index.
 */
export const BINARY_INDEX_MAGIC = 'BDSI'
/**
 * 2: `baseId` in the head, and the file read piece by piece (index-file.ts checks each piece).
 * 3: the article records out of the head, in sections read one record at a time (stored-articles.ts).
 * 4: the blocks of common words (block-bounds.ts), for queries that skip most of the library.
 *    A version 3 file is still read (its words have no blocks: queries take the general path
 *    until the next base is written).
 * 5: per article of a block, a byte bounding its own total (block-bounds.ts), so that queries of
 *    several common words skip more. A version 4 file is still read (its blocks bound blocks
 *    only, as before), and so is a version 3 one; the next base written is a version 5.
 */
export const BINARY_INDEX_VERSION = 5
const OLDEST_READABLE_VERSION = 3

type SectionName =
  | 'articleUnits'
  | 'articleIdOffsets'
  | 'articleIds'
  | 'articleDetailOffsets'
  | 'articleDetails'
  | 'field'
  | 'annotation'
  | 'tag'
  | 'length'
  | 'textOffsets'
  | 'text'
  | 'postings'
  | 'merged'
  | 'blocks'

interface BinaryHead {
  readonly seq: number
  /**
   * Names this file among the files ever written for the library: the change log beside it
   * (change-log.ts) holds changes made on top of the file whose baseId it names, and no other.
   */
  readonly baseId: string
  readonly unitCount: number
  /**
   * Each tag record once (id and folded names), however many highlights carry it: written out per
   * highlight they were most of the head, and a tenth of the file.
   */
  readonly tags: readonly SerializedTag[]
  /** The article records lie in the `article*` sections (stored-articles.ts), not here. */
  readonly articleCount: number
  /** The per-field average lengths the blocks' bests were computed with (block-bounds.ts); version 4 on. */
  readonly blockAverages?: readonly number[]
  readonly terms: {
    readonly keys: readonly string[]
    readonly df: readonly number[]
    readonly spellingCounts: readonly number[]
    readonly mergedEntries: readonly number[]
    readonly mergedByteLengths: readonly number[]
    /** Int32s of the term's blocks in the `blocks` section (0: none); version 4 on. */
    readonly blockWords?: readonly number[]
  }
  readonly spellings: {
    readonly exact: readonly string[]
    readonly entries: readonly number[]
    readonly occurrences: readonly number[]
    readonly lastUnit: readonly number[]
    readonly byteLengths: readonly number[]
  }
  /** [byte offset in the file, byte length] per section. */
  readonly sections: Readonly<Record<SectionName, readonly [number, number]>>
}

const PREAMBLE_BYTES = 16

function align8(value: number): number {
  return Math.ceil(value / 8) * 8
}

/** The bytes of a typed array's elements, little-endian (every platform the app runs on is). */
function rawBytes(array: Uint8Array | Int32Array | Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}

/**
 * The index as a binary file, saved at the store's sequence number `seq` and named `baseId`.
 * Compacts the index first (dropping removed articles), which changes no result. `version` 4
 * writes the blocks without their per-article bytes, as that version did (tests and benches
 * that compare the two).
 */
export function encodeBinaryIndex(index: SearchIndex, seq: number, baseId = '', version: typeof BINARY_INDEX_VERSION | 4 = BINARY_INDEX_VERSION): Uint8Array {
  index.compact()
  const units = index.units
  const count = units.count
  const terms = [...index.terms.values()]
  const spellings = terms.flatMap((term) => term.variants)

  // Texts: bytes as loaded when a unit was never read, else encoded now.
  const textParts: Uint8Array[] = []
  const textOffsets = new Uint32Array(count + 1)
  let textBytes = 0
  for (let unit = 0; unit < count; unit++) {
    const part = units.storedTextOf(unit) ?? encodeUtf8(units.textOf(unit))
    textParts.push(part)
    textOffsets[unit] = textBytes
    textBytes += part.length
  }
  textOffsets[count] = textBytes
  const postings = spellings.map((spelling) => spelling.postings.view())
  const merged = terms.flatMap((term) => (term.merged === null ? [] : [term.merged.view()]))
  const { tags, articleSections } = encodeArticles(index.articles)
  const averages = averageLengths(index)
  const blocks = terms.map((term) => (keepsBlocks(term, index.articles.length) ? computeBlocks(index, term, averages) : null)).map((rows) => (rows === null || version >= 5 ? rows : withoutArticleBounds(rows)))
  const sectionParts: Record<SectionName, readonly Uint8Array[]> = {
    ...articleSections,
    field: [units.field.subarray(0, count)],
    annotation: [rawBytes(units.annotation.subarray(0, count))],
    tag: [rawBytes(units.tag.subarray(0, count))],
    length: [rawBytes(units.length.subarray(0, count))],
    textOffsets: [rawBytes(textOffsets)],
    text: textParts,
    postings,
    merged,
    blocks: blocks.flatMap((rows) => (rows === null ? [] : [rawBytes(rows)])),
  }
  const sizes = Object.fromEntries(Object.entries(sectionParts).map(([name, parts]) => [name, parts.reduce((sum, part) => sum + part.length, 0)])) as Record<SectionName, number>

  const headWithout = (sections: BinaryHead['sections']): BinaryHead => ({
    seq,
    baseId,
    unitCount: count,
    tags,
    articleCount: index.articles.length,
    blockAverages: Array.from(averages),
    terms: {
      keys: terms.map((term) => term.key),
      df: terms.map((term) => term.df),
      spellingCounts: terms.map((term) => term.variants.length),
      mergedEntries: terms.map((term) => term.merged?.entries ?? 0),
      mergedByteLengths: terms.map((term) => term.merged?.length ?? 0),
      blockWords: blocks.map((rows) => rows?.length ?? 0),
    },
    spellings: {
      exact: spellings.map((spelling) => spelling.exact),
      entries: spellings.map((spelling) => spelling.postings.entries),
      occurrences: spellings.map((spelling) => spelling.postings.occurrences),
      lastUnit: spellings.map((spelling) => spelling.postings.lastUnit),
      byteLengths: spellings.map((spelling) => spelling.postings.length),
    },
    sections,
  })
  // Section offsets depend on the head's length, which depends on the offsets' digits: lay the
  // sections out after a head measured with placeholder offsets as long as any real one.
  const placeholder = Object.fromEntries(Object.keys(sectionParts).map((name) => [name, [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]])) as unknown as BinaryHead['sections']
  const maxHeadBytes = encodeUtf8(JSON.stringify(headWithout(placeholder))).length
  let offset = align8(PREAMBLE_BYTES + maxHeadBytes)
  const sections = {} as Record<SectionName, readonly [number, number]>
  for (const name of Object.keys(sectionParts) as SectionName[]) {
    sections[name] = [offset, sizes[name]]
    offset = align8(offset + sizes[name])
  }
  const head = encodeUtf8(JSON.stringify(headWithout(sections)))

  const file = new Uint8Array(offset)
  for (let i = 0; i < 4; i++) file[i] = BINARY_INDEX_MAGIC.charCodeAt(i)
  const view = new DataView(file.buffer)
  view.setUint32(4, version, true)
  view.setUint32(8, head.length, true)
  file.set(head, PREAMBLE_BYTES)
  for (const name of Object.keys(sectionParts) as SectionName[]) {
    let at = sections[name][0]
    for (const part of sectionParts[name]) {
      file.set(part, at)
      at += part.length
    }
  }
  return file
}

type ArticleSection = 'articleUnits' | 'articleIdOffsets' | 'articleIds' | 'articleDetailOffsets' | 'articleDetails'

/** Strings one after the other, with a u32 byte offset per string and one for the end (a StringTable). */
function stringTable(parts: readonly Uint8Array[]): { offsets: Uint8Array; bytes: readonly Uint8Array[] } {
  const offsets = new Uint32Array(parts.length + 1)
  let at = 0
  parts.forEach((part, i) => {
    offsets[i] = at
    at += part.length
  })
  offsets[parts.length] = at
  return { offsets: rawBytes(offsets), bytes: parts }
}

/**
 * The article records as the base's sections (stored-articles.ts), and the tag table their
 * highlights name. A record read from a base and never changed is copied as its bytes: the tag
 * table starts as that base's, so the places in those bytes still hold.
 */
function encodeArticles(records: readonly ArticleRecord[]): { tags: SerializedTag[]; articleSections: Record<ArticleSection, readonly Uint8Array[]> } {
  const stored = records.find((record): record is StoredArticleRecord => record instanceof StoredArticleRecord)?.table ?? null
  const tags: SerializedTag[] = []
  const tagPlaces = new Map<string, number>()
  const tagPlace = (tag: TagRecord): number => {
    const key = JSON.stringify([tag.id, tag.keys])
    let place = tagPlaces.get(key)
    if (place === undefined) {
      place = tags.push({ id: tag.id, keys: tag.keys }) - 1
      tagPlaces.set(key, place)
    }
    return place
  }
  for (const tag of stored?.tags ?? []) {
    const key = JSON.stringify([tag.id, tag.keys])
    // A table may hold a record twice (its places then both stand): the first is the one reused.
    if (!tagPlaces.has(key)) tagPlaces.set(key, tags.length)
    tags.push({ id: tag.id, keys: tag.keys })
  }
  const units = Int32Array.from(records, (record) => record.unitCount)
  // Ids, then details, each in file order: a base is read piece by piece, and alternating between
  // two sections would read every piece again for every record.
  stored?.allIds()
  const ids = records.map((record) => encodeUtf8(record.id))
  const details = records.map((record) => (record instanceof StoredArticleRecord && record.table === stored ? record.table.rawDetail(record.stored) : storedDetail(record, tagPlace)))
  const idTable = stringTable(ids)
  const detailTable = stringTable(details)
  return {
    tags,
    articleSections: {
      articleUnits: [rawBytes(units)],
      articleIdOffsets: [idTable.offsets],
      articleIds: idTable.bytes,
      articleDetailOffsets: [detailTable.offsets],
      articleDetails: detailTable.bytes,
    },
  }
}

function isNumbers(value: unknown, length: number): value is number[] {
  return Array.isArray(value) && value.length === length
}

/** Where a section lies, checked to be inside the file and, when `elements` is not -1, of that many elements. */
function placeOf(source: ByteSource, head: BinaryHead, name: SectionName, elementBytes: number, elements: number): readonly [number, number] {
  const place = head.sections[name]
  if (!(Array.isArray(place) && Number.isInteger(place[0]) && Number.isInteger(place[1]))) fail(`section ${name} is missing`)
  const [from, length] = place
  if (!(from >= PREAMBLE_BYTES && length >= 0 && from + length <= source.length)) fail(`section ${name} lies outside the file`)
  if (!(elements < 0 || length === elementBytes * elements)) fail(`section ${name} holds ${length} bytes, expected ${elementBytes * elements}`)
  return [from, length]
}

/** A section's bytes, read now (copied when misaligned for its element size). */
function section(source: ByteSource, head: BinaryHead, name: SectionName, elementBytes: number, elements: number): Uint8Array {
  const [from, length] = placeOf(source, head, name, elementBytes, elements)
  const bytes = source.read(from, length)
  // A copy when misaligned (new Uint8Array copies, whatever the source's array: a Buffer's slice() would not).
  return bytes.byteOffset % elementBytes === 0 ? bytes : new Uint8Array(bytes)
}

function int32s(bytes: Uint8Array): Int32Array {
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}

export interface DecodedIndex {
  readonly seq: number
  readonly baseId: string
  readonly index: SearchIndex
}

/**
 * The index of a file from encodeBinaryIndex (its bytes, or a source that reads them on demand);
 * SearchIndexFormatError when it is not one. Reads the head and the unit columns now, lists and
 * texts when first used.
 */
export function decodeBinaryIndex(file: Uint8Array | ByteSource): DecodedIndex {
  const source = file instanceof Uint8Array ? memorySource(file) : file
  check(source.length >= PREAMBLE_BYTES, 'the file is too short')
  const preambleBytes = source.read(0, PREAMBLE_BYTES)
  check(String.fromCharCode(preambleBytes[0]!, preambleBytes[1]!, preambleBytes[2]!, preambleBytes[3]!) === BINARY_INDEX_MAGIC, 'not a search index file')
  const preamble = new DataView(preambleBytes.buffer, preambleBytes.byteOffset, PREAMBLE_BYTES)
  const version = preamble.getUint32(4, true)
  if (!(version >= OLDEST_READABLE_VERSION && version <= BINARY_INDEX_VERSION)) fail(`search index file version ${version}, expected ${OLDEST_READABLE_VERSION} to ${BINARY_INDEX_VERSION}`)
  const headBytes = preamble.getUint32(8, true)
  check(PREAMBLE_BYTES + headBytes <= source.length, 'the head lies outside the file')
  let head: BinaryHead
  try {
    head = JSON.parse(decodeUtf8(source.read(PREAMBLE_BYTES, headBytes))) as BinaryHead
  } catch (error) {
    throw new SearchIndexFormatError(`the head is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  check(typeof head === 'object' && head !== null && Number.isFinite(head.seq) && typeof head.baseId === 'string' && Number.isInteger(head.unitCount) && head.unitCount >= 0, 'the head is malformed')
  check(Number.isInteger(head.articleCount) && head.articleCount >= 0 && typeof head.terms === 'object' && typeof head.spellings === 'object' && typeof head.sections === 'object', 'the head lacks a part')
  const count = head.unitCount
  const records = restoreArticles(source, head, count)

  const field = section(source, head, 'field', 1, count)
  const annotation = int32s(section(source, head, 'annotation', 4, count))
  const tag = int32s(section(source, head, 'tag', 4, count))
  const length = int32s(section(source, head, 'length', 4, count))
  const offsetBytes = section(source, head, 'textOffsets', 4, count + 1)
  const textOffsets = new Uint32Array(offsetBytes.buffer, offsetBytes.byteOffset, count + 1)
  const [textFrom, textLength] = placeOf(source, head, 'text', 1, -1)
  for (let unit = 0; unit < count; unit++) if (!(textOffsets[unit]! <= textOffsets[unit + 1]!)) fail(`unit ${unit}'s text has a negative length`)
  check(textOffsets[0] === 0 && textOffsets[count] === textLength, 'unit texts do not fill their section')

  for (let unit = 0; unit < count; unit++) if (field[unit]! >= FIELD_COUNT) fail(`unit ${unit} has a bad field`)
  const article = new Int32Array(count)
  records.forEach((record, slot) => article.fill(slot, record.firstUnit, record.firstUnit + record.unitCount))
  const units = new UnitTable()
  units.adoptColumns(article, field, annotation, tag, length)
  units.adoptStoredText(source, textFrom, textOffsets, count)

  const terms = restoreBinaryTerms(source, head, count)
  if (version >= 4) restoreBlocks(source, head, terms, version >= 5 ? BLOCK_STRIDE : BLOCK_WORDS)
  const index = new SearchIndex()
  index.adopt(records, units, terms, () => records[0]?.table.allIds() ?? [])
  return { seq: head.seq, baseId: head.baseId, index }
}

/** A string table's place, its offsets read now and checked to rise from 0 to the end of its bytes. */
function stringTableOf(source: ByteSource, head: BinaryHead, offsetsName: SectionName, bytesName: SectionName, count: number): StringTable {
  const bytes = section(source, head, offsetsName, 4, count + 1)
  const offsets = new Uint32Array(bytes.buffer, bytes.byteOffset, count + 1)
  const [from, length] = placeOf(source, head, bytesName, 1, -1)
  for (let i = 0; i < count; i++) if (!(offsets[i]! <= offsets[i + 1]!)) fail(`${bytesName} ${i} has a negative length`)
  check(offsets[0] === 0 && offsets[count] === length, `${bytesName} do not fill their section`)
  return { offsets, from }
}

/**
 * The article records, their units numbered in order from 0 (`unitTotal` must be their sum):
 * only the unit counts are read now, each record's id and fields when first used
 * (stored-articles.ts), so that opening a library of 100,000 articles parses none of them.
 */
function restoreArticles(source: ByteSource, head: BinaryHead, unitTotal: number): StoredArticleRecord[] {
  const count = head.articleCount
  const units = int32s(section(source, head, 'articleUnits', 4, count))
  const ids = stringTableOf(source, head, 'articleIdOffsets', 'articleIds', count)
  const details = stringTableOf(source, head, 'articleDetailOffsets', 'articleDetails', count)
  const table = new StoredArticles(source, ids, details, restoreTags(head.tags))
  const records = new Array<StoredArticleRecord>(count)
  let firstUnit = 0
  for (let i = 0; i < count; i++) {
    const unitCount = units[i]!
    if (!(unitCount >= 0)) fail(`article ${i} has a bad unit count`)
    records[i] = new StoredArticleRecord(table, i, firstUnit, unitCount)
    firstUnit += unitCount
  }
  if (!(firstUnit === unitTotal)) fail(`articles claim ${firstUnit} units, the file has ${unitTotal}`)
  return records
}

/** A version 4 block row: the first BLOCK_WORDS of each row, without the per-article bytes. */
function withoutArticleBounds(rows: Int32Array): Int32Array {
  const blockCount = rows.length / BLOCK_STRIDE
  const old = new Int32Array(blockCount * BLOCK_WORDS)
  for (let b = 0; b < blockCount; b++) old.set(rows.subarray(b * BLOCK_STRIDE, b * BLOCK_STRIDE + BLOCK_WORDS), b * BLOCK_WORDS)
  return old
}

/** Each term's blocks (block-bounds.ts), read when a query first needs them; checked to fit its list and the articles. */
function restoreBlocks(source: ByteSource, head: BinaryHead, terms: readonly Term[], stride: number): void {
  const words = head.terms.blockWords
  check(isNumbers(words, terms.length), 'the block column differs in length')
  const averages = head.blockAverages
  check(isNumbers(averages, FIELD_COUNT) && averages.every((average) => Number.isFinite(average) && average >= 0), 'the blocks have no average lengths')
  const blockAverages = Float64Array.from(averages)
  const [from, length] = placeOf(source, head, 'blocks', 1, -1)
  const expected = Math.ceil(head.articleCount / BLOCK_ARTICLES) * stride
  let offset = 0
  terms.forEach((term, i) => {
    const count = words[i]!
    if (count === 0) return
    const list = rankingList(term)
    if (!(count === expected && list !== null)) fail(`term ${term.key} has blocks it cannot use`)
    if (!(offset + 4 * count <= length)) fail(`term ${term.key} points outside the blocks`)
    const at = from + offset
    term.blocks = new TermBlocks(list, head.articleCount, list.length, list.lastUnit, blockAverages, () => {
      const bytes = source.read(at, 4 * count)
      // A copy when misaligned (a source's pieces need not be 4-aligned in memory).
      const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes)
      return new Int32Array(aligned.buffer, aligned.byteOffset, count)
    }, stride)
    offset += 4 * count
  })
  check(offset === length, 'blocks hold data no term claims')
}

function restoreBinaryTerms(source: ByteSource, head: BinaryHead, unitCount: number): Term[] {
  const { terms, spellings } = head
  check(Array.isArray(terms.keys) && Array.isArray(spellings.exact), 'the vocabulary is missing')
  for (const column of [terms.df, terms.spellingCounts, terms.mergedEntries, terms.mergedByteLengths]) check(isNumbers(column, terms.keys.length), 'term columns differ in length')
  const spellingCount = spellings.exact.length
  for (const column of [spellings.entries, spellings.occurrences, spellings.lastUnit, spellings.byteLengths]) check(isNumbers(column, spellingCount), 'spelling columns differ in length')
  const [postingsFrom, postingsLength] = placeOf(source, head, 'postings', 1, -1)
  const [mergedFrom, mergedBytes] = placeOf(source, head, 'merged', 1, -1)
  let offset = 0
  let mergedOffset = 0
  let spelling = 0
  const restored = terms.keys.map((key, i) => {
    if (!(typeof key === 'string')) fail(`term ${i} has no key`)
    const term = newTerm(key, terms.df[i]!)
    for (let n = 0; n < terms.spellingCounts[i]!; n++, spelling++) {
      if (!(spelling < spellingCount)) fail(`term ${key} claims more spellings than the file has`)
      const length = spellings.byteLengths[spelling]!
      const lastUnit = spellings.lastUnit[spelling]!
      if (!(Number.isInteger(length) && length > 0 && offset + length <= postingsLength)) fail(`term ${key} points outside the postings`)
      if (!(Number.isInteger(lastUnit) && lastUnit >= 0 && lastUnit < unitCount)) fail(`term ${key} points at unit ${lastUnit} of ${unitCount}`)
      const at = postingsFrom + offset
      const list = PostingList.lazy(() => source.read(at, length), length, lastUnit, spellings.entries[spelling]!, spellings.occurrences[spelling]!)
      addVariant(term, String(spellings.exact[spelling]), list)
      offset += length
    }
    const mergedLength = terms.mergedByteLengths[i]!
    const mergedEntries = terms.mergedEntries[i]!
    if (hasMergedList(term.variants.length)) {
      if (!(Number.isInteger(mergedLength) && mergedLength > 0 && mergedEntries > 0 && mergedOffset + mergedLength <= mergedBytes)) fail(`term ${key} has no merged list`)
      const lastUnit = Math.max(...term.variants.map((variant) => variant.postings.lastUnit))
      const at = mergedFrom + mergedOffset
      term.merged = MergedPostings.lazy(() => source.read(at, mergedLength), mergedLength, lastUnit, mergedEntries)
      mergedOffset += mergedLength
    } else if (!(mergedLength === 0 && mergedEntries === 0)) fail(`term ${key} has a merged list it cannot use`)
    return term
  })
  check(spelling === spellingCount && offset === postingsLength, 'postings hold data no term claims')
  check(mergedOffset === mergedBytes, 'merged postings hold data no term claims')
  return restored
}
