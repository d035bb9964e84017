/**
 * What a posting list and a merged list share: variable-length integers appended to a growable
 * byte array, saved as is, and when loaded read from the saved file only when first touched
 * (opening reads no list). `lastUnit` is the base of the next unit delta; `entries` counts the
 * units appended.
 */
export abstract class VarintBytes {
  private stored: Uint8Array | null
  /** Reads the bytes on first use (a list of a loaded index: a piece of its file), `loadedLength` of them. */
  private loader: (() => Uint8Array) | null = null
  private loadedLength = 0
  /**
   * Bytes appended to a list not read yet: an update appends to the lists of the words it holds,
   * the most common ones among them, and reading those from the file (megabytes at 100,000
   * articles) only to append a few bytes is what made an edit cost what the library holds. They
   * join the file's bytes when the list is first read.
   */
  private tail: Uint8Array | null = null
  private tailLength = 0
  length: number
  lastUnit: number
  entries: number

  protected constructor(bytes: Uint8Array | null, length: number, lastUnit: number, entries: number) {
    this.stored = bytes
    this.length = length
    this.lastUnit = lastUnit
    this.entries = entries
  }

  /** Makes the bytes (`length` of them) what `load` returns, called when they are first needed. */
  protected loadLater(load: () => Uint8Array): void {
    this.stored = null
    this.loader = load
    this.loadedLength = this.length
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
      if (load === null) this.stored = new Uint8Array(16)
      else {
        const loaded = load()
        if (loaded.length !== this.loadedLength) throw new Error(`a ${this.kind} read as ${loaded.length} bytes, expected ${this.loadedLength}`)
        const tail = this.tail
        if (tail === null) this.stored = loaded
        else {
          const whole = new Uint8Array(Math.max(16, 2 * this.length))
          whole.set(loaded)
          whole.set(tail.subarray(0, this.tailLength), loaded.length)
          this.stored = whole
          this.tail = null
        }
        this.loader = null
      }
    }
    return this.stored
  }

  /** The bytes in use (a view, not a copy). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length)
  }

  protected reserve(extra: number): void {
    if (this.stored === null && this.loader !== null) {
      // Unread: the appended bytes go to the tail.
      const tail = this.tail
      if (tail !== null && this.tailLength + extra <= tail.length) return
      let capacity = Math.max(16, 2 * (tail?.length ?? 0))
      while (capacity < this.tailLength + extra) capacity *= 2
      const grown = new Uint8Array(capacity)
      if (tail !== null) grown.set(tail.subarray(0, this.tailLength))
      this.tail = grown
      return
    }
    if (this.length + extra <= this.bytes.length) return
    let capacity = Math.max(16, this.bytes.length * 2)
    while (capacity < this.length + extra) capacity *= 2
    const grown = new Uint8Array(capacity)
    grown.set(this.bytes.subarray(0, this.length))
    this.stored = grown
  }

  /** Writes one integer; the caller reserved room for it. */
  protected writeVarint(value: number): void {
    const inTail = this.stored === null && this.loader !== null
    const bytes = inTail ? this.tail! : this.bytes
    let at = inTail ? this.tailLength : this.length
    let rest = value
    while (rest >= 0x80) {
      bytes[at++] = (rest & 0x7f) | 0x80
      rest >>>= 7
    }
    bytes[at++] = rest
    if (inTail) {
      this.length += at - this.tailLength
      this.tailLength = at
    } else this.length = at
  }
}
