import { createRequire } from 'node:module'
import type * as NapiCanvas from '@napi-rs/canvas'
import type { createCanvas } from '@napi-rs/canvas'
import type { PageImageType } from '../../../common/model/article'
import { readImageHeader, type ImageKind } from './image-header'
import type { OcrPage } from './ocr-page'

/**
 * The image of a recognised page that the article keeps, so the reader can show it beside the
 * text (docs/ocr.md, "Page images"). Made in the OCR process, where the page is decoded or drawn
 * anyway: scaled to a reading resolution, grey, WebP. A 300 dpi A4 scan (2480 × 3508) becomes
 * 1240 × 1754 at about 100-250 KB, against 0.3-1 MB for the recognised PNG.
 */

/** Enough to read body text on screen beside the recognised text, and to spot a misread word. */
export const PAGE_IMAGE_DPI = 150
/** An image's own dpi is unknown: its longer side is brought to an A4 page's at PAGE_IMAGE_DPI. */
export const PAGE_IMAGE_LONG_SIDE = Math.round((297 / 25.4) * PAGE_IMAGE_DPI)
/** WebP's lossy quality: text edges stay clean at 75 and the file stays small. */
const WEBP_QUALITY = 75
/** The page's first recognised words kept with its image (which paragraph lies on which page). */
const STARTS_WITH_CHARS = 80

/**
 * The package pdf.js draws with, required from node_modules as pdf.js does (never bundled: the
 * bundler's copy of its native binding fails to load), on first use.
 */
function napiCanvas(): typeof NapiCanvas {
  return createRequire(import.meta.url)('@napi-rs/canvas') as typeof NapiCanvas
}

/** One page's image as the worker hands it back (its bytes transferred, not copied). */
export interface PageImageReading {
  readonly page: number
  readonly bytes: Uint8Array
  readonly type: PageImageType
  readonly width: number
  readonly height: number
  /** The page's first recognised words (absent: no text on the page). */
  readonly startsWith?: string
}

export type Drawable = Parameters<ReturnType<ReturnType<typeof createCanvas>['getContext']>['drawImage']>[0]

/** The page as a grey WebP, `scale` times its size in pixels (never enlarged). */
export async function encodePageImage(source: Drawable, width: number, height: number, scale: number): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const factor = Math.min(1, scale)
  const outWidth = Math.max(1, Math.round(width * factor))
  const outHeight = Math.max(1, Math.round(height * factor))
  // Loaded on first use, and inside the caller's guard: a canvas that cannot load costs the page image, never the page's text.
  const canvas = napiCanvas().createCanvas(outWidth, outHeight)
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, outWidth, outHeight)
  // Grey: a scan's colour carries nothing the reader compares, and WebP stores the flat chroma for almost nothing.
  context.filter = 'grayscale(1)'
  context.imageSmoothingEnabled = true
  context.imageSmoothingQuality = 'high'
  context.drawImage(source, 0, 0, outWidth, outHeight)
  const encoded = await canvas.encode('webp', WEBP_QUALITY)
  // A copy in an ArrayBuffer of its own (here, in the worker): the encoder's buffer is native memory, which cannot be transferred.
  return { bytes: new Uint8Array(encoded), width: outWidth, height: outHeight }
}

const SKIA_DECODES: ReadonlySet<ImageKind | null> = new Set<ImageKind>(['png', 'jpeg', 'webp'])

function imageKind(bytes: Uint8Array): ImageKind | null {
  try {
    return readImageHeader(bytes).kind
  } catch {
    return null
  }
}

/**
 * An image file's page (PNG, JPEG or WebP; what Skia decodes) as a page image; null when it cannot
 * be decoded here. A TIFF page is null here: read-in-worker.ts has leptonica (tesseract's decoder)
 * write it as PNG, and comes back with that.
 */
export async function pageImageOfImageFile(bytes: Uint8Array, page: number): Promise<PageImageReading | null> {
  // Only the kinds Skia decodes reach it: handed a TIFF, its decoder crashes the process rather than failing.
  if (!SKIA_DECODES.has(imageKind(bytes))) return null
  const { Image } = napiCanvas()
  const image = new Image()
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve()
      image.onerror = (error) => reject(error instanceof Error ? error : new Error(String(error)))
      image.src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    })
  } catch {
    return null
  }
  if (image.width === 0 || image.height === 0) return null
  const encoded = await encodePageImage(image, image.width, image.height, PAGE_IMAGE_LONG_SIDE / Math.max(image.width, image.height))
  return { page, type: 'image/webp', ...encoded }
}

/** The page's first recognised words, for its image (see PageImageRef.startsWith). */
export function withStartOf(image: PageImageReading, recognised: OcrPage): PageImageReading {
  // From the first line of three words or more: a running head or a page number is not where the text starts.
  const lines = recognised.lines.map((line) => line.text.replace(/\s+/gu, ' ').trim())
  const start = lines.findIndex((text) => text.split(' ').length >= 3)
  const first = start < 0 ? '' : lines.slice(start).join(' ').normalize('NFC')
  return first === '' ? image : { ...image, startsWith: first.slice(0, STARTS_WITH_CHARS) }
}
