/**
 * An image's kind and size read from its first bytes, before anything decodes it: the pixel cap
 * (a decompression bomb is a small file that claims a huge image) and the check that the file is
 * what it claims to be both need only the header. TIFF files hold several images (pages), each
 * with its own header (IFD), all read here.
 */
export type ImageKind = 'png' | 'jpeg' | 'webp' | 'tiff'

export interface ImageHeader {
  readonly kind: ImageKind
  /** Each page's size in pixels (one entry except for a multi-page TIFF). */
  readonly pages: readonly { readonly width: number; readonly height: number; readonly offset: number }[]
}

/** Why a header could not be read: the file is not an image of a known kind, or it is cut short or damaged. */
export class ImageHeaderError extends Error {
  constructor(readonly reason: 'not-an-image' | 'damaged') {
    super(reason)
  }
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, i) => bytes[at + i] === byte)
}

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const need = (end: number) => {
    if (end > bytes.length) throw new ImageHeaderError('damaged')
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    need(24)
    if (!startsWith(bytes, [0x49, 0x48, 0x44, 0x52], 12)) throw new ImageHeaderError('damaged')
    return { kind: 'png', pages: [{ width: view.getUint32(16), height: view.getUint32(20), offset: 0 }] }
  }
  if (startsWith(bytes, [0xff, 0xd8])) return { kind: 'jpeg', pages: [jpegSize(bytes, view)] }
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return { kind: 'webp', pages: [webpSize(bytes, view)] }
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'tiff', pages: tiffPages(bytes, view) }
  throw new ImageHeaderError('not-an-image')
}

/** A JPEG's size: the first start-of-frame marker, found by walking the segments. */
function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number; offset: number } {
  let at = 2
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new ImageHeaderError('damaged')
    const marker = bytes[at + 1]!
    if (marker === 0xff) {
      at++
      continue
    }
    const length = view.getUint16(at + 2)
    // SOF0-SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > bytes.length) break
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7), offset: 0 }
    }
    at += 2 + length
  }
  throw new ImageHeaderError('damaged')
}

/** A WebP's size from its first chunk: lossy (VP8), lossless (VP8L) or extended (VP8X). */
function webpSize(bytes: Uint8Array, view: DataView): { width: number; height: number; offset: number } {
  if (bytes.length < 30) throw new ImageHeaderError('damaged')
  const chunk = String.fromCharCode(...bytes.subarray(12, 16))
  if (chunk === 'VP8X') {
    const width = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16))
    const height = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16))
    return { width, height, offset: 0 }
  }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true)
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, offset: 0 }
  }
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff, offset: 0 }
  throw new ImageHeaderError('damaged')
}

/** Every image (page) of a TIFF: the chain of IFDs, each with its ImageWidth (256) and ImageLength (257) tags. */
function tiffPages(bytes: Uint8Array, view: DataView): { width: number; height: number; offset: number }[] {
  const little = bytes[0] === 0x49
  need(bytes, 8)
  let offset = view.getUint32(4, little)
  const pages: { width: number; height: number; offset: number }[] = []
  const seen = new Set<number>()
  while (offset !== 0) {
    // A loop in the chain, or more pages than any scan has: damaged.
    if (seen.has(offset) || pages.length >= 1000) throw new ImageHeaderError('damaged')
    seen.add(offset)
    need(bytes, offset + 2)
    const count = view.getUint16(offset, little)
    need(bytes, offset + 2 + count * 12 + 4)
    let width = 0
    let height = 0
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12
      const tag = view.getUint16(entry, little)
      const type = view.getUint16(entry + 2, little)
      const value = type === 3 ? view.getUint16(entry + 8, little) : view.getUint32(entry + 8, little)
      if (tag === 256) width = value
      if (tag === 257) height = value
    }
    if (width === 0 || height === 0) throw new ImageHeaderError('damaged')
    pages.push({ width, height, offset })
    offset = view.getUint32(offset + 2 + count * 12, little)
  }
  if (pages.length === 0) throw new ImageHeaderError('damaged')
  return pages
}

function need(bytes: Uint8Array, end: number): void {
  if (end > bytes.length) throw new ImageHeaderError('damaged')
}

/**
 * One page of a multi-page TIFF as a TIFF of its own, for a decoder that reads only the first
 * image: the same bytes (every offset inside stays valid), with the header pointing at that
 * page's IFD and the IFD's link to the next page cut.
 */
export function tiffPage(bytes: Uint8Array, header: ImageHeader, index: number): Uint8Array {
  const page = header.pages[index]
  if (header.kind !== 'tiff' || page === undefined) throw new RangeError(`no TIFF page ${index}`)
  const copy = new Uint8Array(bytes)
  const view = new DataView(copy.buffer)
  const little = copy[0] === 0x49
  view.setUint32(4, page.offset, little)
  const count = view.getUint16(page.offset, little)
  view.setUint32(page.offset + 2 + count * 12, 0, little)
  return copy
}
