/**
 * Bytes read on demand: the saved index's file (src/node/search/index-file.ts reads it piece by
 * piece, checking each piece's checksum the first time) or, in tests and benches, bytes already in
 * memory. src/common touches no file system, so the index sees its file only through this.
 */
export interface ByteSource {
  /** How many bytes there are. */
  readonly length: number
  /**
   * Bytes [offset, offset + length). The caller keeps them and never writes to them (a view of
   * memory the source may share). Throws when they cannot be read or are damaged.
   */
  read(offset: number, length: number): Uint8Array
}

/** A source over bytes in memory: reads are views, nothing is copied. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    length: bytes.length,
    read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > bytes.length) throw new RangeError(`bytes [${offset}, ${offset + length}) lie outside ${bytes.length}`)
      return bytes.subarray(offset, offset + length)
    },
  }
}

/** A piece of a source that cannot be used (it does not match its checksum): the file is damaged. */
export class SourceDamaged extends Error {
  override readonly name: string = 'SourceDamaged'
}
