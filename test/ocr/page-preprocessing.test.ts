import { describe, expect, it } from 'vitest'
import { embolden, greyFromRgba, meanDarkRun, median3, NOISY_SPECK_SHARE, speckShare, type GreyImage } from '../../src/node/import/ocr/page-pixels'
import { BOLD_MIN_STROKE, endsWhole, MAX_OCR_PIXELS, preparePage } from '../../src/node/import/ocr/prepare-page'
import { addNoise, jpeg, png, renderPage, sampleParagraphs, skew, tiff, VIETNAMESE_SAMPLE, webp } from '../../bench/scan-fixtures'
import type { Canvas } from '@napi-rs/canvas'

/** Preprocessing of page images before tesseract, on pages rendered from a sample article. */
// A4 pages at 300 dpi (8.7 megapixels) on two loaded cores.
const SLOW = 180_000
const paragraphs = sampleParagraphs(VIETNAMESE_SAMPLE, 2)

function greyOf(canvas: Canvas): GreyImage {
  return greyFromRgba(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)
}

function ink(image: GreyImage): number {
  let dark = 0
  for (const value of image.pixels) if (value < 128) dark++
  return dark
}

/** The PGM's header fields and where its pixels start. */
function pgmHeader(bytes: Uint8Array): { width: number; height: number; offset: number } {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 40))
  const match = /^P5\n(\d+) (\d+)\n255\n/u.exec(text)
  if (match === null) throw new Error('not a PGM')
  return { width: Number(match[1]), height: Number(match[2]), offset: match[0].length }
}

describe('page preprocessing', () => {
  it('finds no specks on clean, skewed and JPEG pages, and many on a noisy one', () => {
    const clean = renderPage(paragraphs, { dpi: 150 })
    expect(speckShare(greyOf(clean))).toBeLessThan(NOISY_SPECK_SHARE / 10)
    expect(speckShare(greyOf(skew(renderPage(paragraphs, { dpi: 150 }), 1)))).toBeLessThan(NOISY_SPECK_SHARE)
    expect(speckShare(greyOf(addNoise(renderPage(paragraphs, { dpi: 150 }))))).toBeGreaterThan(NOISY_SPECK_SHARE * 4)
  }, SLOW)

  it('the median filter removes the noise and keeps the print', () => {
    // At the resolution pages are read at: at 150 dpi strokes are one or two pixels wide.
    const clean = greyOf(renderPage(paragraphs))
    const noisy = greyOf(addNoise(renderPage(paragraphs)))
    const filtered = median3(noisy)
    expect(speckShare(filtered)).toBeLessThan(NOISY_SPECK_SHARE / 10)
    // The letters' ink survives within a few percent of the clean page's.
    expect(Math.abs(ink(filtered) - ink(clean)) / ink(clean)).toBeLessThan(0.1)
    // The median of a clean page is almost the page itself.
    let changed = 0
    const again = median3(clean)
    for (let i = 0; i < clean.pixels.length; i++) if (Math.abs(again.pixels[i]! - clean.pixels[i]!) > 64) changed++
    expect(changed / ink(clean)).toBeLessThan(0.2)
  }, SLOW)

  it('hands tesseract a grey PGM of the page, denoised only when noisy', async () => {
    const cleanPage = await preparePage(new Uint8Array(png(renderPage(paragraphs, { dpi: 150 }))))
    expect(cleanPage.denoised).toBe(false)
    expect(cleanPage.scale).toBe(1)
    const header = pgmHeader(cleanPage.bytes)
    expect([header.width, header.height]).toEqual([Math.round(8.27 * 150), Math.round(11.69 * 150)])
    expect(cleanPage.bytes.length).toBe(header.offset + header.width * header.height)

    const noisyPage = await preparePage(new Uint8Array(jpeg(addNoise(renderPage(paragraphs, { dpi: 150 })), 90)))
    expect(noisyPage.denoised).toBe(true)
  }, SLOW)

  it('makes print one pixel bolder: each pixel the darkest of its 2 × 2 square', () => {
    // A 4 × 3 white image with one black pixel at (1, 1) and a grey one in the last column.
    const pixels = new Uint8Array(12).fill(255)
    pixels[5] = 0
    pixels[7] = 100
    const bolder = embolden({ width: 4, height: 3, pixels })
    // Each dark pixel spreads up and to the left (to the squares that hold it); the last row
    // keeps its own pixels (nothing below it).
    expect([...bolder.pixels]).toEqual([0, 0, 100, 100, 0, 0, 100, 100, 255, 255, 255, 255])
    expect(pixels[0]).toBe(255)
  })

  it('measures strokes by the mean dark run, which grows with the type in pixels', () => {
    const at300 = meanDarkRun(greyOf(renderPage(paragraphs)))
    const at200 = meanDarkRun(greyOf(renderPage(paragraphs, { dpi: 200 })))
    const small = meanDarkRun(greyOf(renderPage(paragraphs, { points: 9 })))
    expect(at200).toBeLessThan(BOLD_MIN_STROKE)
    expect(small).toBeGreaterThan(BOLD_MIN_STROKE)
    expect(at300).toBeGreaterThan(small)
    // Bolder print has longer runs and more ink.
    const page = greyOf(renderPage(paragraphs))
    expect(meanDarkRun(embolden(page))).toBeGreaterThan(at300)
    expect(ink(embolden(page))).toBeGreaterThan(ink(page) * 1.2)
    expect(meanDarkRun({ width: 3, height: 3, pixels: new Uint8Array(9).fill(255) })).toBe(0)
  }, SLOW)

  it('makes a 300 dpi page bolder before tesseract, and not a 200 dpi one', async () => {
    const at300 = await preparePage(new Uint8Array(png(renderPage(paragraphs))))
    expect(at300.emboldened).toBe(true)
    const grey = greyOf(renderPage(paragraphs))
    const { offset } = pgmHeader(at300.bytes)
    expect(Buffer.from(at300.bytes.subarray(offset)).equals(Buffer.from(embolden(grey).pixels))).toBe(true)
    expect((await preparePage(new Uint8Array(png(renderPage(paragraphs, { dpi: 200 }))))).emboldened).toBe(false)
  }, SLOW)

  it('scales a page above the pixel budget down to about A4 at 300 dpi', async () => {
    const page = await preparePage(new Uint8Array(png(renderPage(paragraphs, { dpi: 400 }))))
    const { width, height } = pgmHeader(page.bytes)
    expect(page.scale).toBeLessThan(1)
    expect(width * height).toBeLessThanOrEqual(MAX_OCR_PIXELS * 1.001)
    expect(width * height).toBeGreaterThan(MAX_OCR_PIXELS * 0.99)
  }, SLOW)

  it('hands over cut-short files and kinds it does not decode unchanged (tesseract reports the damage; leptonica reads TIFF)', async () => {
    const page = renderPage(paragraphs, { dpi: 150 })
    for (const bytes of [png(page), jpeg(page, 80), webp(page, 80)]) {
      const whole = new Uint8Array(bytes)
      expect(endsWhole(whole)).toBe(true)
      const cut = whole.subarray(0, Math.floor(whole.length * 0.6))
      expect(endsWhole(cut)).toBe(false)
      expect((await preparePage(cut)).bytes).toBe(cut)
    }
    const pages = new Uint8Array(tiff([page]))
    expect((await preparePage(pages)).bytes).toBe(pages)
  }, SLOW)
})
