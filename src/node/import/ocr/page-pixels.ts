/**
 * Page pixels prepared for tesseract, pure functions over 8-bit grey images (no canvas, no I/O;
 * the OCR process decodes and calls them: page-image.ts).
 *
 * Why grey and PGM: tesseract (leptonica) would otherwise decode the page as 32-bit RGBA, four
 * times the pixels of grey, in its wasm heap, which only grows; a binary PGM is read without a
 * decoder and costs no compression time.
 */
export interface GreyImage {
  readonly width: number
  readonly height: number
  /** One byte per pixel, rows top to bottom, 0 black … 255 white. */
  readonly pixels: Uint8Array
}

/** RGBA (canvas ImageData order) to grey, by luma (ITU-R BT.601 weights in integers). */
export function greyFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GreyImage {
  const pixels = new Uint8Array(width * height)
  for (let i = 0, j = 0; j < pixels.length; i += 4, j++) {
    pixels[j] = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114 + 500) / 1000
  }
  return { width, height, pixels }
}

/**
 * The share of specks: dark pixels with no dark neighbour among the eight, among all pixels,
 * sampled on every other row. Print never has them (a letter's stroke at 200-300 dpi is several
 * pixels wide, a dot below is a few pixels square); scanner dust and noise do.
 */
export function speckShare(image: GreyImage, dark = 128): number {
  const { width, height, pixels } = image
  let specks = 0
  let seen = 0
  for (let y = 1; y < height - 1; y += 2) {
    const row = y * width
    for (let x = 1; x < width - 1; x++) {
      seen++
      if (pixels[row + x]! >= dark) continue
      if (
        pixels[row - width + x - 1]! >= dark &&
        pixels[row - width + x]! >= dark &&
        pixels[row - width + x + 1]! >= dark &&
        pixels[row + x - 1]! >= dark &&
        pixels[row + x + 1]! >= dark &&
        pixels[row + width + x - 1]! >= dark &&
        pixels[row + width + x]! >= dark &&
        pixels[row + width + x + 1]! >= dark
      ) {
        specks++
      }
    }
  }
  return seen === 0 ? 0 : specks / seen
}

/**
 * A page is treated as noisy from this share of specks on (one isolated dark pixel in 2,000).
 * A clean render or a clean scan has next to none (measured: 0 on the bench's clean, skewed,
 * JPEG and 200 dpi pages; 0.4 % on its noisy page).
 */
export const NOISY_SPECK_SHARE = 0.0005

/**
 * 3 × 3 median filter: removes isolated specks (salt and pepper) and grain while keeping edges.
 * Not applied to clean pages: it rounds the thinnest parts of small marks.
 * The border rows and columns are copied.
 */
export function median3(image: GreyImage): GreyImage {
  const { width, height, pixels } = image
  const out = new Uint8Array(pixels)
  // Each column of three sorted once per row and used by three windows: the window's median is
  // the median of (the largest of the columns' minimums, the median of their medians, the
  // smallest of their maximums), an exact identity for 3 × 3.
  const low = new Uint8Array(width)
  const middle = new Uint8Array(width)
  const high = new Uint8Array(width)
  for (let y = 1; y < height - 1; y++) {
    const row = y * width
    for (let x = 0; x < width; x++) {
      let a = pixels[row - width + x]!
      let b = pixels[row + x]!
      let c = pixels[row + width + x]!
      if (a > b) [a, b] = [b, a]
      if (b > c) [b, c] = [c, b]
      if (a > b) [a, b] = [b, a]
      low[x] = a
      middle[x] = b
      high[x] = c
    }
    for (let x = 1; x < width - 1; x++) {
      const maxLow = Math.max(low[x - 1]!, low[x]!, low[x + 1]!)
      const minHigh = Math.min(high[x - 1]!, high[x]!, high[x + 1]!)
      const midMid = median3Values(middle[x - 1]!, middle[x]!, middle[x + 1]!)
      out[row + x] = median3Values(maxLow, midMid, minHigh)
    }
  }
  return { width, height, pixels: out }
}

function median3Values(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c))
}

/**
 * The mean length of the horizontal runs of dark pixels, over every third row: about the width
 * of the print's strokes and bars, which grows with the type's size in pixels (the bench's 11 pt
 * page: 4.9 px at 300 dpi, 3.1 px at 200 dpi; 9 pt at 300 dpi: 3.9 px). 0 on a blank page.
 */
export function meanDarkRun(image: GreyImage, dark = 128): number {
  const { width, height, pixels } = image
  let runs = 0
  let length = 0
  for (let y = 0; y < height; y += 3) {
    const row = y * width
    let run = 0
    for (let x = 0; x < width; x++) {
      if (pixels[row + x]! < dark) run++
      else if (run > 0) {
        runs++
        length += run
        run = 0
      }
    }
    if (run > 0) {
      runs++
      length += run
    }
  }
  return runs === 0 ? 0 : length / runs
}

/**
 * The print made one pixel bolder: each pixel takes the darkest of itself and its right, lower
 * and lower-right neighbours (a 2 × 2 minimum; the last row and column use what exists). The
 * Vietnamese models drop thin marks, the dot below most (`Ngoại` read `Ngoai`): on the bench's
 * clean 300 dpi pages, read with tesseract's own CLI and the npm model, CER fell from 1.02 to
 * 0.70 % (and 0.36 to 0.27 % on the held-out text; English stayed at 0 %).
 */
export function embolden(image: GreyImage): GreyImage {
  const { width, height, pixels } = image
  // Across (x, x + 1), then down (y, y + 1).
  const across = new Uint8Array(pixels.length)
  for (let y = 0; y < height; y++) {
    const row = y * width
    for (let x = 0; x < width - 1; x++) across[row + x] = Math.min(pixels[row + x]!, pixels[row + x + 1]!)
    across[row + width - 1] = pixels[row + width - 1]!
  }
  const out = new Uint8Array(pixels.length)
  for (let y = 0; y < height - 1; y++) {
    const row = y * width
    for (let x = 0; x < width; x++) out[row + x] = Math.min(across[row + x]!, across[row + width + x]!)
  }
  out.set(across.subarray((height - 1) * width), (height - 1) * width)
  return { width, height, pixels: out }
}

/** A binary PGM (P5): the simplest grey format leptonica reads. */
export function pgm(image: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`)
  const out = new Uint8Array(header.length + image.pixels.length)
  out.set(header, 0)
  out.set(image.pixels, header.length)
  return out
}
