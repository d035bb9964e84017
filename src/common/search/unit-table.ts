import type { ByteSource } from './byte-source'
import { SEARCH_FIELDS, type SearchField } from './searchable'
import { decodeUtf8 } from './utf8'

/**
 * Units: the indexed pieces of text. An article has a title unit, a body unit, and per annotation
 * a quote unit, a note unit (when it has a note) and one unit per tag (its names, one per line).
 * Postings point at units; a unit knows its article slot, field, annotation and tag, its length
 * in tokens (for BM25) and its text (for snippets). Columns in growable typed arrays: a library of
 * 10,000 articles has tens of thousands of units.
 */
export const FIELD_CODES: Readonly<Record<SearchField, number>> = { title: 0, body: 1, quote: 2, note: 3, tag: 4 }
export const FIELD_COUNT = SEARCH_FIELDS.length
export const CHECKPOINT_EVERY = 64

export class UnitTable {
  count = 0
  // Typed as any buffer's views: a loaded index's columns are views of the bytes read from its file.
  article: Int32Array = new Int32Array(64)
  field: Uint8Array = new Uint8Array(64)
  /** Index of the annotation in its article's list, or -1. */
  annotation: Int32Array = new Int32Array(64)
  /** Index of the tag in its annotation's list, or -1. */
  tag: Int32Array = new Int32Array(64)
  length: Int32Array = new Int32Array(64)
  /** Each unit's text; undefined for a unit of a loaded index not read yet (see textOf). */
  text: Array<string | undefined> = []
  /**
   * A loaded index's texts where the file holds them: UTF-8, unit u at bytes
   * [base + offsets[u], base + offsets[u + 1]) of `source`. A unit's text is read and decoded the
   * first time it is needed (a snippet, a removal), so opening a library of 100,000 articles
   * neither reads nor decodes half a gigabyte of text.
   */
  private stored: { readonly source: ByteSource; readonly base: number; readonly offsets: Uint32Array; readonly count: number } | null = null
  /**
   * For long units, (position, offset) of every CHECKPOINT_EVERY-th token, so that finding the
   * characters of a hit deep in a body does not rescan the body from its start. Recorded while
   * indexing; after loading, computed the first time a snippet needs them.
   */
  checkpoints: Array<number[] | undefined> = []

  add(article: number, field: number, annotation: number, tag: number, text: string): number {
    if (this.count === this.article.length) this.grow(Math.max(64, this.count * 2))
    const unit = this.count++
    this.article[unit] = article
    this.field[unit] = field
    this.annotation[unit] = annotation
    this.tag[unit] = tag
    this.length[unit] = 0
    this.text[unit] = text
    this.checkpoints[unit] = undefined
    return unit
  }

  /** The unit's text, decoded now if the index was loaded and it was not read yet. */
  textOf(unit: number): string {
    const text = this.text[unit]
    if (text !== undefined) return text
    const stored = this.stored
    if (stored === null || unit >= stored.count) throw new Error(`unit ${unit} has no text`)
    const from = stored.offsets[unit]!
    const decoded = decodeUtf8(stored.source.read(stored.base + from, stored.offsets[unit + 1]! - from))
    this.text[unit] = decoded
    return decoded
  }

  /** The unit's UTF-8 bytes as loaded, or null once decoded or for a unit added since: saving copies them as they are. */
  storedTextOf(unit: number): Uint8Array | null {
    const stored = this.stored
    if (stored === null || unit >= stored.count || this.text[unit] !== undefined) return null
    const from = stored.offsets[unit]!
    return stored.source.read(stored.base + from, stored.offsets[unit + 1]! - from)
  }

  /**
   * Takes the texts of `count` units (already added with empty text, see add) from a loaded file:
   * `source` bytes from `base` on, read and decoded on first use.
   */
  adoptStoredText(source: ByteSource, base: number, offsets: Uint32Array, count: number): void {
    if (offsets.length !== count + 1 || base + offsets[count]! > source.length) throw new Error('stored unit texts do not fit')
    this.stored = { source, base, offsets, count }
    for (let unit = 0; unit < count; unit++) if (this.text[unit] !== undefined) this.text[unit] = undefined
  }

  /**
   * Takes the columns of a loaded index's units as they are (a unit per element; texts then come
   * from adoptStoredText). They are never written through: adding a unit grows every column into
   * new memory first, since they hold no spare room.
   */
  adoptColumns(article: Int32Array, field: Uint8Array, annotation: Int32Array, tag: Int32Array, length: Int32Array): void {
    const count = field.length
    if (article.length !== count || annotation.length !== count || tag.length !== count || length.length !== count) throw new Error('unit columns differ in length')
    this.count = count
    this.article = article
    this.field = field
    this.annotation = annotation
    this.tag = tag
    this.length = length
    this.text = new Array<string | undefined>(count)
    this.checkpoints = new Array<number[] | undefined>(count)
  }

  reserve(capacity: number): void {
    if (capacity > this.article.length) this.grow(capacity)
  }

  private grow(capacity: number): void {
    const copy = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from.subarray(0, this.count))
      return to
    }
    this.article = copy(this.article, new Int32Array(capacity))
    this.field = copy(this.field, new Uint8Array(capacity))
    this.annotation = copy(this.annotation, new Int32Array(capacity))
    this.tag = copy(this.tag, new Int32Array(capacity))
    this.length = copy(this.length, new Int32Array(capacity))
  }
}
