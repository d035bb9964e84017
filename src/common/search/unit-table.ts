import { SEARCH_FIELDS, type SearchField } from './searchable'

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
  article = new Int32Array(64)
  field = new Uint8Array(64)
  /** Index of the annotation in its article's list, or -1. */
  annotation = new Int32Array(64)
  /** Index of the tag in its annotation's list, or -1. */
  tag = new Int32Array(64)
  length = new Int32Array(64)
  text: string[] = []
  /**
   * For long units, (position, offset) of every CHECKPOINT_EVERY-th token, so that finding the
   * characters of a hit deep in a body does not rescan the body from its start. Recorded while
   * indexing; after loading, computed the first time a snippet needs them.
   */
  checkpoints: Array<number[] | undefined> = []

  add(article: number, field: number, annotation: number, tag: number, text: string): number {
    if (this.count === this.article.length) this.grow(this.count * 2)
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
