import { MergedPostings } from './merged-postings'
import { PostingList } from './posting-list'
import { addVariant, hasMergedList, newTerm, SearchIndex, type Term } from './search-index'
import { restoreArticles, SearchIndexFormatError, type SerializedArticle, type SerializedTag } from './serialize'
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
 * Loading copies nothing big: posting lists and merged lists are views of the file's bytes
 * (a list copies itself only when an update appends to it), and unit texts stay bytes until a
 * snippet or an update first reads them (UnitTable.textOf). The file is a cache: anything wrong
 * with it throws SearchIndexFormatError and the caller rebuilds the index from the library.
 */
export const BINARY_INDEX_MAGIC = 'BDSI'
export const BINARY_INDEX_VERSION = 1

type SectionName = 'field' | 'annotation' | 'tag' | 'length' | 'textOffsets' | 'text' | 'postings' | 'merged'

/** An article as the head holds it: its highlights' tags as places in the head's tag table. */
interface HeadArticle extends Omit<SerializedArticle, 'annotations'> {
  readonly annotations: ReadonlyArray<Omit<SerializedArticle['annotations'][number], 'tags'> & { readonly tags: readonly number[] }>
}

interface BinaryHead {
  readonly seq: number
  readonly unitCount: number
  /**
   * Each tag record once (id and folded names), however many highlights carry it: written out per
   * highlight they were most of the head, and a tenth of the file.
   */
  readonly tags: readonly SerializedTag[]
  readonly articles: readonly HeadArticle[]
  readonly terms: {
    readonly keys: readonly string[]
    readonly df: readonly number[]
    readonly spellingCounts: readonly number[]
    readonly mergedEntries: readonly number[]
    readonly mergedByteLengths: readonly number[]
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
 * The index as a binary file, saved at the store's sequence number `seq`. Compacts the index
 * first (dropping removed articles), which changes no result.
 */
export function encodeBinaryIndex(index: SearchIndex, seq: number): Uint8Array {
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
  const sectionParts: Record<SectionName, readonly Uint8Array[]> = {
    field: [units.field.subarray(0, count)],
    annotation: [rawBytes(units.annotation.subarray(0, count))],
    tag: [rawBytes(units.tag.subarray(0, count))],
    length: [rawBytes(units.length.subarray(0, count))],
    textOffsets: [rawBytes(textOffsets)],
    text: textParts,
    postings,
    merged,
  }
  const sizes = Object.fromEntries(Object.entries(sectionParts).map(([name, parts]) => [name, parts.reduce((sum, part) => sum + part.length, 0)])) as Record<SectionName, number>

  const tags: SerializedTag[] = []
  const tagPlaces = new Map<string, number>()
  const tagPlace = (tag: SerializedTag): number => {
    const key = JSON.stringify([tag.id, tag.keys])
    let place = tagPlaces.get(key)
    if (place === undefined) {
      place = tags.push({ id: tag.id, keys: tag.keys }) - 1
      tagPlaces.set(key, place)
    }
    return place
  }
  const articles: HeadArticle[] = index.articles.map((record) => ({
    id: record.id,
    stamp: record.stamp,
    source: record.source,
    sourceKey: record.sourceKey,
    language: record.language,
    published: record.published,
    unitCount: record.unitCount,
    annotations: record.annotations.map((annotation) => ({ id: annotation.id, color: annotation.color, hasNote: annotation.hasNote, tags: annotation.tags.map(tagPlace) })),
  }))
  const headWithout = (sections: BinaryHead['sections']): BinaryHead => ({
    seq,
    unitCount: count,
    tags,
    articles,
    terms: {
      keys: terms.map((term) => term.key),
      df: terms.map((term) => term.df),
      spellingCounts: terms.map((term) => term.variants.length),
      mergedEntries: terms.map((term) => term.merged?.entries ?? 0),
      mergedByteLengths: terms.map((term) => term.merged?.length ?? 0),
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
  view.setUint32(4, BINARY_INDEX_VERSION, true)
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

function check(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new SearchIndexFormatError(reason)
}

function isNumbers(value: unknown, length: number): value is number[] {
  return Array.isArray(value) && value.length === length
}

/** A section's bytes, as a view of the file (copied only when misaligned for its element size). */
function section(bytes: Uint8Array, head: BinaryHead, name: SectionName, elementBytes: number, elements: number): Uint8Array {
  const place = head.sections[name]
  check(Array.isArray(place) && Number.isInteger(place[0]) && Number.isInteger(place[1]), `section ${name} is missing`)
  const [from, length] = place
  check(from >= PREAMBLE_BYTES && length >= 0 && from + length <= bytes.length, `section ${name} lies outside the file`)
  check(elements < 0 || length === elementBytes * elements, `section ${name} holds ${length} bytes, expected ${elementBytes * elements}`)
  const view = bytes.subarray(from, from + length)
  return (bytes.byteOffset + from) % elementBytes === 0 ? view : view.slice()
}

function int32s(bytes: Uint8Array): Int32Array {
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
}

/** The sequence number and index of a file from encodeBinaryIndex; SearchIndexFormatError when it is not one. */
export function decodeBinaryIndex(bytes: Uint8Array): { readonly seq: number; readonly index: SearchIndex } {
  check(bytes.length >= PREAMBLE_BYTES, 'the file is too short')
  check(String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === BINARY_INDEX_MAGIC, 'not a search index file')
  const preamble = new DataView(bytes.buffer, bytes.byteOffset, PREAMBLE_BYTES)
  const version = preamble.getUint32(4, true)
  check(version === BINARY_INDEX_VERSION, `search index file version ${version}, expected ${BINARY_INDEX_VERSION}`)
  const headBytes = preamble.getUint32(8, true)
  check(PREAMBLE_BYTES + headBytes <= bytes.length, 'the head lies outside the file')
  let head: BinaryHead
  try {
    head = JSON.parse(decodeUtf8(bytes, PREAMBLE_BYTES, PREAMBLE_BYTES + headBytes)) as BinaryHead
  } catch (error) {
    throw new SearchIndexFormatError(`the head is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  check(typeof head === 'object' && head !== null && Number.isFinite(head.seq) && Number.isInteger(head.unitCount) && head.unitCount >= 0, 'the head is malformed')
  check(Array.isArray(head.articles) && Array.isArray(head.tags) && typeof head.terms === 'object' && typeof head.spellings === 'object' && typeof head.sections === 'object', 'the head lacks a part')
  const count = head.unitCount
  const records = restoreArticles(expandTags(head), count)

  const field = section(bytes, head, 'field', 1, count)
  const annotation = int32s(section(bytes, head, 'annotation', 4, count))
  const tag = int32s(section(bytes, head, 'tag', 4, count))
  const length = int32s(section(bytes, head, 'length', 4, count))
  const offsetBytes = section(bytes, head, 'textOffsets', 4, count + 1)
  const textOffsets = new Uint32Array(offsetBytes.buffer, offsetBytes.byteOffset, count + 1)
  const text = section(bytes, head, 'text', 1, -1)
  for (let unit = 0; unit < count; unit++) check(textOffsets[unit]! <= textOffsets[unit + 1]!, `unit ${unit}'s text has a negative length`)
  check(textOffsets[0] === 0 && textOffsets[count] === text.length, 'unit texts do not fill their section')

  const units = new UnitTable()
  units.reserve(count)
  records.forEach((record, slot) => {
    for (let unit = record.firstUnit; unit < record.firstUnit + record.unitCount; unit++) {
      check(field[unit]! < FIELD_COUNT, `unit ${unit} has a bad field`)
      units.add(slot, field[unit]!, annotation[unit]!, tag[unit]!, '')
    }
  })
  units.length.set(length)
  units.adoptStoredText(text, textOffsets, count)

  const terms = restoreBinaryTerms(bytes, head, count)
  const index = new SearchIndex()
  index.adopt(records, units, terms)
  return { seq: head.seq, index }
}

/** The head's articles with each highlight's tags looked up in the tag table (shared records, not copies). */
function expandTags(head: BinaryHead): SerializedArticle[] {
  for (const tag of head.tags) check(typeof tag === 'object' && tag !== null && typeof tag.id === 'string' && Array.isArray(tag.keys), 'the tag table is malformed')
  return head.articles.map((article) => {
    check(typeof article === 'object' && article !== null && Array.isArray(article.annotations), 'an article is malformed')
    return {
      ...article,
      annotations: article.annotations.map((annotation) => {
        check(Array.isArray(annotation.tags), `article ${article.id} has a malformed highlight`)
        return {
          ...annotation,
          tags: annotation.tags.map((place: number) => {
            const tag = head.tags[place]
            check(tag !== undefined, `article ${article.id} names tag ${place} of ${head.tags.length}`)
            return tag
          }),
        }
      }),
    }
  })
}

function restoreBinaryTerms(bytes: Uint8Array, head: BinaryHead, unitCount: number): Term[] {
  const { terms, spellings } = head
  check(Array.isArray(terms.keys) && Array.isArray(spellings.exact), 'the vocabulary is missing')
  for (const column of [terms.df, terms.spellingCounts, terms.mergedEntries, terms.mergedByteLengths]) check(isNumbers(column, terms.keys.length), 'term columns differ in length')
  const spellingCount = spellings.exact.length
  for (const column of [spellings.entries, spellings.occurrences, spellings.lastUnit, spellings.byteLengths]) check(isNumbers(column, spellingCount), 'spelling columns differ in length')
  const postings = section(bytes, head, 'postings', 1, -1)
  const merged = section(bytes, head, 'merged', 1, -1)
  let offset = 0
  let mergedOffset = 0
  let spelling = 0
  const restored = terms.keys.map((key, i) => {
    check(typeof key === 'string', `term ${i} has no key`)
    const term = newTerm(key, terms.df[i]!)
    for (let n = 0; n < terms.spellingCounts[i]!; n++, spelling++) {
      check(spelling < spellingCount, `term ${key} claims more spellings than the file has`)
      const length = spellings.byteLengths[spelling]!
      const lastUnit = spellings.lastUnit[spelling]!
      check(Number.isInteger(length) && length > 0 && offset + length <= postings.length, `term ${key} points outside the postings`)
      check(Number.isInteger(lastUnit) && lastUnit >= 0 && lastUnit < unitCount, `term ${key} points at unit ${lastUnit} of ${unitCount}`)
      const list = new PostingList(postings.subarray(offset, offset + length), length, lastUnit, spellings.entries[spelling]!, spellings.occurrences[spelling]!)
      addVariant(term, String(spellings.exact[spelling]), list)
      offset += length
    }
    const mergedLength = terms.mergedByteLengths[i]!
    const mergedEntries = terms.mergedEntries[i]!
    if (hasMergedList(term.variants.length)) {
      check(Number.isInteger(mergedLength) && mergedLength > 0 && mergedEntries > 0 && mergedOffset + mergedLength <= merged.length, `term ${key} has no merged list`)
      const lastUnit = Math.max(...term.variants.map((variant) => variant.postings.lastUnit))
      term.merged = new MergedPostings(merged.subarray(mergedOffset, mergedOffset + mergedLength), mergedLength, lastUnit, mergedEntries)
      mergedOffset += mergedLength
    } else check(mergedLength === 0 && mergedEntries === 0, `term ${key} has a merged list it cannot use`)
    return term
  })
  check(spelling === spellingCount && offset === postings.length, 'postings hold data no term claims')
  check(mergedOffset === merged.length, 'merged postings hold data no term claims')
  return restored
}
