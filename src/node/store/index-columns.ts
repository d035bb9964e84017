import { crc32 } from 'node:zlib'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { ArticleSummary } from '../../common/model/article'

/**
 * The index's summaries as columns, in binary: what `library.cols` holds (index-columns-file.ts).
 *
 * Why: opening a library of 100,000 articles spent about 1.6 s of CPU decoding, parsing and
 * validating the 60 MB of `library.json`, and most of it went to the text itself: UTF-8 decoding,
 * then JSON's scanning of every character of 100,000 excerpts, then an object per summary built
 * key by key. Here each column is one run of text, decoded by one native call and cut into values
 * by their lengths (slices of one string, no scanning); numbers are a Float64Array. The excerpts,
 * which the first screen never shows and which are a third of the bytes, are decoded on first use
 * (a block of values at a time) rather than at open. So opening costs the bytes' checksum, one
 * decode per listed column and one object per summary.
 *
 * Layout (integers little-endian):
 *   `BDCOLS1\n`                   magic
 *   u32 header length, header JSON `{ meta, count, columns: [{ name, kind, ascii, bytes }], crc }`,
 *                                 padded with spaces so the columns start at a multiple of 8
 *   the columns, in the header's order:
 *     string: i32 length per value (UTF-16 units; -1 for null), then the values' text end to end,
 *             in Latin-1 when the column is all ASCII, else UTF-16LE
 *     number: f64 per value
 * `crc` is the CRC-32 of everything after the header: a damaged file is never decoded.
 */
const MAGIC = Buffer.from('BDCOLS1\n', 'latin1')

type StringKey = 'id' | 'title' | 'source' | 'url' | 'published' | 'importedAt' | 'language' | 'contentHash' | 'excerpt'
type NumberKey = 'revision' | 'wordCount'
const STRING_KEYS: readonly StringKey[] = ['id', 'title', 'source', 'url', 'published', 'importedAt', 'language', 'contentHash', 'excerpt']
const NUMBER_KEYS: readonly NumberKey[] = ['revision', 'wordCount']
/** Values encoded between two yields to the event loop, and decoded at once by a lazy column. */
const BLOCK = 4_096

interface ColumnHeader {
  readonly name: string
  readonly kind: 'string' | 'number'
  /** Every value is ASCII: stored as Latin-1 (one byte a character), else as UTF-16LE. */
  readonly ascii: boolean
  readonly bytes: number
}

export interface ColumnsHeader {
  /** What the columns belong to (the index's own fields, the checkpoint they copy): index-columns-file.ts. */
  readonly meta: unknown
  readonly count: number
  readonly columns: readonly ColumnHeader[]
  readonly crc: number
}

/**
 * Encodes summaries as columns, yielding to the event loop between blocks of values: about 1 s of
 * CPU at 100,000 articles, in pieces of a few ms (it runs with every compaction).
 */
export async function encodeColumns(meta: unknown, articles: readonly ArticleSummary[], onProgress?: (fraction: number) => void): Promise<Buffer[]> {
  const parts: Buffer[] = []
  const columns: ColumnHeader[] = []
  const count = articles.length
  for (const key of STRING_KEYS) {
    const lengths = new Int32Array(count)
    let ascii = true
    const texts: string[] = []
    for (let from = 0; from < count; from += BLOCK) {
      const values: string[] = []
      for (let i = from; i < Math.min(count, from + BLOCK); i++) {
        const value = articles[i]![key]
        lengths[i] = value === null ? -1 : value.length
        if (value !== null) values.push(value)
      }
      const text = values.join('')
      texts.push(text)
      ascii &&= Buffer.byteLength(text, 'utf8') === text.length
      onProgress?.((STRING_KEYS.indexOf(key) + Math.min(count, from + BLOCK) / Math.max(1, count)) / STRING_KEYS.length)
      await nextTurn()
    }
    const textParts = texts.map((text) => Buffer.from(text, ascii ? 'latin1' : 'utf16le'))
    const bytes = textParts.reduce((sum, part) => sum + part.length, lengths.byteLength)
    const padding = Buffer.alloc((8 - (bytes % 8)) % 8)
    parts.push(Buffer.from(lengths.buffer), ...textParts, padding)
    columns.push({ name: key, kind: 'string', ascii, bytes: bytes + padding.length })
    await nextTurn()
  }
  for (const key of NUMBER_KEYS) {
    const values = new Float64Array(count)
    for (let i = 0; i < count; i++) values[i] = articles[i]![key]
    parts.push(Buffer.from(values.buffer))
    columns.push({ name: key, kind: 'number', ascii: true, bytes: values.byteLength })
  }
  let crc = 0
  for (const part of parts) crc = crc32(part, crc)
  const header: ColumnsHeader = { meta, count, columns, crc }
  let headerText = JSON.stringify(header)
  const unpadded = MAGIC.length + 4 + Buffer.byteLength(headerText, 'utf8')
  headerText += ' '.repeat((8 - (unpadded % 8)) % 8)
  const headerBytes = Buffer.from(headerText, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32LE(headerBytes.length)
  return [MAGIC, length, headerBytes, ...parts]
}

/** Only the header (cheap): whether the columns may be used is decided from it before decoding. */
export function columnsHeaderOf(bytes: Buffer): { header: ColumnsHeader; bodyStart: number } | null {
  if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null
  const headerLength = bytes.readUInt32LE(MAGIC.length)
  const bodyStart = MAGIC.length + 4 + headerLength
  if (bodyStart > bytes.length) return null
  try {
    const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, bodyStart)) as ColumnsHeader
    if (!Number.isInteger(header.count) || header.count < 0 || !Array.isArray(header.columns) || !Number.isInteger(header.crc)) return null
    return { header, bodyStart }
  } catch {
    return null
  }
}

/**
 * The summaries, frozen, in index order; null when the bytes are damaged (checksum, sizes) or do
 * not hold the columns a summary needs. The values are not validated here: the file is what this
 * app wrote from validated summaries, proved whole by its checksum (index-columns-file.ts
 * validates them all afterwards, in slices).
 */
export function decodeColumns(bytes: Buffer, header: ColumnsHeader, bodyStart: number): ArticleSummary[] | null {
  const body = bytes.subarray(bodyStart)
  if (crc32(body) !== header.crc) return null
  const count = header.count
  const strings = new Map<string, TextColumn>()
  const numbers = new Map<string, Float64Array>()
  let offset = 0
  for (const column of header.columns) {
    const end = offset + column.bytes
    if (!Number.isInteger(column.bytes) || column.bytes < 0 || end > body.length) return null
    if (column.kind === 'number') {
      if (column.bytes !== count * 8) return null
      numbers.set(column.name, new Float64Array(...alignedView(body, offset, end, 8)))
    } else {
      const text = TextColumn.of(body, offset, end, count, column.ascii)
      if (text === null) return null
      strings.set(column.name, text)
    }
    offset = end
  }
  if (offset !== body.length) return null
  const [id, title, source, url, published, importedAt, language, contentHash, excerpt] = STRING_KEYS.map((key) => strings.get(key))
  const [revision, wordCount] = NUMBER_KEYS.map((key) => numbers.get(key))
  if (!id || !title || !source || !url || !published || !importedAt || !language || !contentHash || !excerpt || !revision || !wordCount) return null
  const [ids, titles, urls, imported, hashes, excerpts] = [id, title, url, importedAt, contentHash, excerpt].map((column) => column.all(false))
  // Sources, dates and languages repeat from article to article: one string per distinct value.
  const [sources, dates, languages] = [source, published, language].map((column) => column.all(true))
  const articles: ArticleSummary[] = new Array(count)
  for (let i = 0; i < count; i++) {
    // The keys in the summary's own order (summarize): the same JSON as the summary in library.json.
    // The excerpt is an enumerable getter: JSON, spreads, structured clones and validation see a
    // plain string property.
    articles[i] = Object.freeze({
      id: ids![i]!,
      title: titles![i]!,
      source: sources![i]!,
      url: urls![i]!,
      published: dates![i]!,
      importedAt: imported![i]!,
      language: languages![i]! as ArticleSummary['language'],
      contentHash: hashes![i]!,
      revision: revision[i]!,
      excerpt: excerpts![i]!,
      wordCount: wordCount[i]!,
    })
  }
  return articles
}

/**
 * A typed array's arguments for the bytes body[start..end): a view when they are aligned to
 * `unit` in their buffer (the columns start at multiples of 8 in the file, and a file read whole
 * has a buffer of its own), else a copy (aligned).
 */
function alignedView(body: Buffer, start: number, end: number, unit: number): [ArrayBuffer, number, number] {
  const at = body.byteOffset + start
  if (at % unit === 0) return [body.buffer as ArrayBuffer, at, (end - start) / unit]
  return [new Uint8Array(body.buffer, at, end - start).slice().buffer, 0, (end - start) / unit]
}

/** One column of text: values decoded a block at a time, on first use, and kept. */
class TextColumn {
  readonly #body: Buffer
  readonly #ascii: boolean
  readonly #lengths: Int32Array
  /** Byte offset in #body of each block's first value. */
  readonly #blockStarts: Float64Array
  readonly #blocks: ((string | null)[] | undefined)[]

  private constructor(body: Buffer, ascii: boolean, lengths: Int32Array, blockStarts: Float64Array) {
    this.#body = body
    this.#ascii = ascii
    this.#lengths = lengths
    this.#blockStarts = blockStarts
    this.#blocks = new Array(blockStarts.length - 1)
  }

  /** The column at body[start..end); null when its sizes do not add up (damage the checksum missed cannot reach here, but sizes are checked anyway). */
  static of(body: Buffer, start: number, end: number, count: number, ascii: boolean): TextColumn | null {
    if (end - start < count * 4) return null
    const lengths = new Int32Array(...alignedView(body, start, start + count * 4, 4))
    const unit = ascii ? 1 : 2
    const blockStarts = new Float64Array(Math.ceil(count / BLOCK) + 1)
    let at = start + count * 4
    for (let i = 0; i < count; i++) {
      if (i % BLOCK === 0) blockStarts[i / BLOCK] = at
      const length = lengths[i]!
      if (length > 0) at += length * unit
    }
    blockStarts[blockStarts.length - 1] = at
    // Up to 7 bytes of padding follow the text.
    if (at > end || end - at >= 8) return null
    return new TextColumn(body, ascii, lengths, blockStarts)
  }

  at(i: number): string | null {
    const block = Math.floor(i / BLOCK)
    return (this.#blocks[block] ??= this.#decode(block))[i - block * BLOCK]!
  }

  /**
   * Every value (decoded once, as one string per block: slices of it are views, not copies).
   * `intern`: equal values become one string (fewer strings for the collector to keep and move
   * when they repeat: 100,000 summaries hold a few dozen sources and languages).
   */
  all(intern: boolean): (string | null)[] {
    const values: (string | null)[] = new Array(this.#lengths.length)
    const seen = intern ? new Map<string, string>() : null
    for (let block = 0; block < this.#blocks.length; block++) {
      const decoded = (this.#blocks[block] ??= this.#decode(block))
      for (let k = 0; k < decoded.length; k++) {
        const value = decoded[k]!
        if (seen === null || value === null) values[block * BLOCK + k] = value
        else {
          let kept = seen.get(value)
          if (kept === undefined) seen.set(value, (kept = value))
          values[block * BLOCK + k] = kept
        }
      }
    }
    return values
  }

  #decode(block: number): (string | null)[] {
    const text = this.#body.toString(this.#ascii ? 'latin1' : 'utf16le', this.#blockStarts[block]!, this.#blockStarts[block + 1]!)
    const from = block * BLOCK
    const until = Math.min(this.#lengths.length, from + BLOCK)
    const values: (string | null)[] = new Array(until - from)
    let at = 0
    for (let i = from; i < until; i++) {
      const length = this.#lengths[i]!
      if (length < 0) values[i - from] = null
      else {
        values[i - from] = text.slice(at, at + length)
        at += length
      }
    }
    return values
  }
}
