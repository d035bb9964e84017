import type { PassageRef } from './passage-refs'
import type { StoredThemeIndex } from './theme-index-file'

/**
 * The theme index's references in columns, the form the reading worker hands them to the main
 * thread in (theme-index-reader.ts): typed arrays (moved, not copied) and a few arrays of strings,
 * so that the main thread's part is to make one object per reference, not to parse and check
 * megabytes of JSON. Tag id lists are numbers into `tagNames` there.
 */
export interface ThemeIndexColumns {
  readonly seq: number
  readonly logLines: number
  readonly articleIds: string[]
  /** References per article, in `articleIds` order. */
  readonly refCounts: Uint32Array
  /** Per reference, in article order then each article's order. */
  readonly ids: string[]
  readonly starts: Float64Array
  /** 1: orphan, 2: noted. */
  readonly flags: Uint8Array
  readonly quoteLengths: Float64Array
  /** Reference i's tags are tagIndexes[tagOffsets[i], tagOffsets[i + 1]), each a place in `tagNames`. */
  readonly tagOffsets: Uint32Array
  readonly tagIndexes: Uint32Array
  readonly tagNames: string[]
}

export function toColumns(index: StoredThemeIndex): ThemeIndexColumns {
  let refs = 0
  let tagged = 0
  for (const list of index.articles.values()) {
    refs += list.length
    for (const ref of list) tagged += ref.tagIds.length
  }
  const columns = {
    seq: index.seq,
    logLines: index.logLines,
    articleIds: [...index.articles.keys()],
    refCounts: new Uint32Array(index.articles.size),
    ids: new Array<string>(refs),
    starts: new Float64Array(refs),
    flags: new Uint8Array(refs),
    quoteLengths: new Float64Array(refs),
    tagOffsets: new Uint32Array(refs + 1),
    tagIndexes: new Uint32Array(tagged),
    tagNames: [] as string[],
  }
  const tagPlaces = new Map<string, number>()
  let at = 0
  let article = 0
  for (const list of index.articles.values()) {
    columns.refCounts[article++] = list.length
    for (const ref of list) {
      columns.ids[at] = ref.id
      columns.starts[at] = ref.start
      columns.flags[at] = (ref.orphan ? 1 : 0) | (ref.noted ? 2 : 0)
      columns.quoteLengths[at] = ref.quoteLength
      let offset = columns.tagOffsets[at]!
      for (const tagId of ref.tagIds) {
        let place = tagPlaces.get(tagId)
        if (place === undefined) {
          place = columns.tagNames.push(tagId) - 1
          tagPlaces.set(tagId, place)
        }
        columns.tagIndexes[offset++] = place
      }
      columns.tagOffsets[++at] = offset
    }
  }
  return columns
}

/** The typed arrays of `columns`, to move to the other thread rather than copy. */
export function transferablesOf(columns: ThemeIndexColumns): ArrayBuffer[] {
  return [columns.refCounts, columns.starts, columns.flags, columns.quoteLengths, columns.tagOffsets, columns.tagIndexes].map((array) => array.buffer as ArrayBuffer)
}

/** The references back, per article. References with the same tags share one (frozen) tag id list. */
export function fromColumns(columns: ThemeIndexColumns): StoredThemeIndex {
  const articles = new Map<string, PassageRef[]>()
  const tagLists = new Map<string, readonly string[]>()
  let at = 0
  columns.articleIds.forEach((articleId, article) => {
    const count = columns.refCounts[article]!
    const refs: PassageRef[] = new Array<PassageRef>(count)
    for (let k = 0; k < count; k++, at++) {
      const from = columns.tagOffsets[at]!
      const to = columns.tagOffsets[at + 1]!
      const key = to - from === 1 ? String(columns.tagIndexes[from]) : columns.tagIndexes.subarray(from, to).join(',')
      let tagIds = tagLists.get(key)
      if (tagIds === undefined) {
        tagIds = Object.freeze(Array.from(columns.tagIndexes.subarray(from, to), (place) => columns.tagNames[place]!))
        tagLists.set(key, tagIds)
      }
      const flags = columns.flags[at]!
      refs[k] = { id: columns.ids[at]!, tagIds, start: columns.starts[at]!, orphan: (flags & 1) !== 0, noted: (flags & 2) !== 0, quoteLength: columns.quoteLengths[at]! }
    }
    articles.set(articleId, refs)
  })
  return { seq: columns.seq, articles, logLines: columns.logLines }
}
