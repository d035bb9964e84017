import { createRequire } from 'node:module'
import type * as NapiCanvas from '@napi-rs/canvas'
import { embolden, greyFromRgba, meanDarkRun, median3, NOISY_SPECK_SHARE, pgm, speckShare, type GreyImage } from './page-pixels'

/**
 * A page image made ready for tesseract, in the OCR worker (never the main thread):
 * - decoded and turned grey here, handed over as PGM: tesseract would otherwise hold the page as
 *   32-bit colour in its wasm heap, which never shrinks (docs/ocr.md, Memory);
 * - at most MAX_OCR_PIXELS (an A4 page at 300 dpi; more pixels read no better and cost memory
 *   and time): a 600 dpi scan or a large photo is scaled down;
 * - a noisy page (specks, see speckShare) goes through a 3 × 3 median filter: on the bench's noisy
 *   Vietnamese page CER fell from 5 % to 1 %; clean pages are left as they are;
 * - print whose strokes are at least BOLD_MIN_STROKE pixels wide is made one pixel bolder
 *   (embolden): the Vietnamese models then keep more of the thin marks, the dot below most
 *   (`Ngoại` read `Ngoai`). Thinner print (small type, 200 dpi) reads worse bolder, and is left.
 * An image the canvas cannot decode (TIFF: leptonica reads it), or cut short, is handed over
 * unchanged.
 */
export const MAX_OCR_PIXELS = 9_000_000

/**
 * The mean dark run (meanDarkRun, about the stroke width) from which the print is made bolder.
 * Measured with tesseract's CLI and the npm Vietnamese model on the sample articles, CER clean /
 * bolder: 300 dpi at 9, 11, 13 pt (runs 3.9, 4.9, 5.9 px): 1.00 → 0.81 % over the three
 * Vietnamese texts, no page worse, English 0 → 0 %; 200 dpi at 11 pt (3.1 px): 0.59 → 0.86 %.
 */
export const BOLD_MIN_STROKE = 3.5

/**
 * pdf.js's canvas package (native), loaded from node_modules as pdf.js loads it: a require the
 * bundler leaves alone, so the packed app finds it unpacked beside pdf.js (electron-builder.yml).
 */
let canvasPackage: typeof NapiCanvas | null = null
function napiCanvas(): typeof NapiCanvas {
  canvasPackage ??= createRequire(import.meta.url)('@napi-rs/canvas') as typeof NapiCanvas
  return canvasPackage
}

export interface PreparedPage {
  /** What tesseract reads: PGM, or the original bytes when they could not be decoded here. */
  readonly bytes: Uint8Array
  /** The scale applied (1 unless the image was larger than MAX_OCR_PIXELS): page coordinates ÷ this. */
  readonly scale: number
  readonly denoised: boolean
  /** Made one pixel bolder (embolden), its print being at least BOLD_MIN_STROKE wide. */
  readonly emboldened: boolean
}

/**
 * A page as recognition is given it: an encoded image file, or grey pixels already drawn (a PDF
 * page: pdf-document.ts reads them off its canvas, within MAX_OCR_PIXELS, which spares a PNG
 * encoding and decoding per page).
 */
export type PageInput = Uint8Array | GreyImage

/** The page once prepared, for the band read to detect the language and the page's recognition. */
const prepared = new WeakMap<PageInput, Promise<PreparedPage>>()

export function preparePage(image: PageInput): Promise<PreparedPage> {
  let page = prepared.get(image)
  if (page === undefined) {
    page = image instanceof Uint8Array ? prepare(image) : Promise.resolve(prepareGrey(image, 1))
    prepared.set(image, page)
  }
  return page
}

/**
 * Whether the encoded image ends as its format says it must (PNG: the IEND chunk; JPEG: the end
 * marker; WebP: as many bytes as its RIFF header counts). The canvas decodes a cut-short file
 * into a partly white page without a word; such a file must reach tesseract as it is, which
 * refuses it, so that the import reports the damage (import.imageDamaged).
 */
export function endsWhole(bytes: Uint8Array): boolean {
  const n = bytes.length
  if (n > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return n >= 12 && String.fromCharCode(...bytes.subarray(n - 8, n - 4)) === 'IEND'
  }
  if (n > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Some writers add bytes after the end marker: look for it near the end.
    for (let i = n - 2; i >= Math.max(2, n - 1024); i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true
    return false
  }
  if (n > 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') {
    const size = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24)
    return size + 8 <= n
  }
  // Other kinds (TIFF) are not decoded here.
  return false
}

async function prepare(image: Uint8Array): Promise<PreparedPage> {
  if (!endsWhole(image)) return { bytes: image, scale: 1, denoised: false, emboldened: false }
  const { createCanvas, Image } = napiCanvas()
  const decoded = new Image()
  try {
    decoded.src = image
    await decoded.decode()
  } catch {
    return { bytes: image, scale: 1, denoised: false, emboldened: false }
  }
  if (decoded.width === 0 || decoded.height === 0) return { bytes: image, scale: 1, denoised: false, emboldened: false }
  const scale = Math.min(1, Math.sqrt(MAX_OCR_PIXELS / (decoded.width * decoded.height)))
  const width = Math.max(1, Math.round(decoded.width * scale))
  const height = Math.max(1, Math.round(decoded.height * scale))
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  // Transparent parts are paper, not black.
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  // Pixels copied as they are at scale 1; a smooth reduction otherwise.
  context.imageSmoothingEnabled = scale < 1
  context.imageSmoothingQuality = 'high'
  context.drawImage(decoded, 0, 0, width, height)
  const grey = greyFromRgba(context.getImageData(0, 0, width, height).data, width, height)
  // The canvas's pixels go back now, not at the next collection.
  canvas.width = canvas.height = 0
  return prepareGrey(grey, scale)
}

/** Denoised and emboldened as the page needs (see above), as PGM. */
function prepareGrey(page: GreyImage, scale: number): PreparedPage {
  let grey = page
  const denoised = speckShare(grey) >= NOISY_SPECK_SHARE
  if (denoised) grey = median3(grey)
  // Measured after the median filter: specks are runs of one or two pixels.
  const emboldened = meanDarkRun(grey) >= BOLD_MIN_STROKE
  if (emboldened) grey = embolden(grey)
  return { bytes: pgm(grey), scale, denoised, emboldened }
}
