/**
 * What a posting list and a merged list share: variable-length integers appended to a growable
 * byte array, saved as is, and when loaded read from the saved file only when first touched
 * (opening reads no list). `lastUnit` is the base of the next unit delta; `entries` counts the
 * units appended.
 */
export abstract class VarintBytes {
  private stored: Uint8Array | null
  /** Reads the bytes on first use (a list of a loaded index: a piece of its file). */
  private loader: (() => Uint8Array) | null = null
  length: number
  lastUnit: number
  entries: number

  protected constructor(bytes: Uint8Array | null, length: number, lastUnit: number, entries: number) {
    this.stored = bytes
    this.length = length
    this.lastUnit = lastUnit
    this.entries = entries
  }

  /** Makes the bytes what `load` returns, called when they are first needed. */
  protected loadLater(load: () => Uint8Array): void {
    this.stored = null
    this.loader = load
  }

  /** Whether the bytes are still to be read (a loaded list no query has touched). */
  get unread(): boolean {
    return this.stored === null
  }

  /** What the error message calls this kind of list. */
  protected abstract get kind(): string

  get bytes(): Uint8Array {
    if (this.stored === null) {
      const load = this.loader
      const loaded = load === null ? new Uint8Array(16) : load()
      if (load !== null && loaded.length !== this.length) throw new Error(`a ${this.kind} read as ${loaded.length} bytes, expected ${this.length}`)
      this.stored = loaded
      this.loader = null
    }
    return this.stored
  }

  /** The bytes in use (a view, not a copy). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length)
  }

  protected reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return
    let capacity = Math.max(16, this.bytes.length * 2)
    while (capacity < this.length + extra) capacity *= 2
    const grown = new Uint8Array(capacity)
    grown.set(this.bytes.subarray(0, this.length))
    this.stored = grown
  }

  protected writeVarint(value: number): void {
    const bytes = this.bytes
    let rest = value
    while (rest >= 0x80) {
      bytes[this.length++] = (rest & 0x7f) | 0x80
      rest >>>= 7
    }
    bytes[this.length++] = rest
  }
}
