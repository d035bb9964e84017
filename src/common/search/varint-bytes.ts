import { decodeBase64 } from './base64'

/**
 * What a posting list and a merged list share: variable-length integers appended to a growable
 * byte array, saved as is, and when loaded kept as base64 text until first read (loading stays
 * fast). `lastUnit` is the base of the next unit delta; `entries` counts the units appended.
 */
export abstract class VarintBytes {
  private stored: Uint8Array | null
  /** Base64 text the bytes are decoded from on first use (a freshly loaded index). */
  private encoded: { readonly text: string; readonly from: number; readonly to: number } | null = null
  length: number
  lastUnit: number
  entries: number

  protected constructor(bytes: Uint8Array | null, length: number, lastUnit: number, entries: number) {
    this.stored = bytes
    this.length = length
    this.lastUnit = lastUnit
    this.entries = entries
  }

  /** Makes the bytes text[from, to) in base64, decoded when first read. */
  protected decodeLater(text: string, from: number, to: number): void {
    this.stored = null
    this.encoded = { text, from, to }
  }

  /** What the error message calls this kind of list. */
  protected abstract get kind(): string

  get bytes(): Uint8Array {
    if (this.stored === null) {
      const encoded = this.encoded
      this.stored = encoded === null ? new Uint8Array(16) : decodeBase64(encoded.text, encoded.from, encoded.to)
      this.encoded = null
      if (this.stored.length !== this.length) throw new Error(`a ${this.kind} decoded to ${this.stored.length} bytes, expected ${this.length}`)
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
