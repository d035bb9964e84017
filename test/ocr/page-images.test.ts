import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Image } from '@napi-rs/canvas'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importFiles, type ImportSummary } from '../../src/node/import/import-files'
import { ocrService } from '../../src/node/import/ocr/ocr-service'
import { PAGE_IMAGE_DPI } from '../../src/node/import/ocr/page-image'
import { sha256Hex } from '../../src/node/store/article-assets'
import { tempDir } from '../helpers'
import { ENGLISH_SAMPLE, mixedPdf, png, renderPage, sampleParagraphs, tiff, VIETNAMESE_SAMPLE } from '../../bench/scan-fixtures'

/**
 * The page images an OCR import keeps (made in the OCR worker): one per recognised page, grey
 * WebP at the reading resolution, named by their digest in the article's record. Real scans,
 * real tesseract.
 */
const SLOW = 300_000
let dir: string
let batch: ImportSummary

beforeAll(async () => {
  dir = await tempDir('brief-page-images-')
  await writeFile(join(dir, 'vi.png'), png(renderPage(sampleParagraphs(VIETNAMESE_SAMPLE, 2))))
  await writeFile(join(dir, 'mixed.pdf'), mixedPdf(sampleParagraphs(ENGLISH_SAMPLE, 1), renderPage(sampleParagraphs(VIETNAMESE_SAMPLE, 2).slice(1))))
  // Two pages at 150 dpi, as a sheet-fed scanner writes them (uncompressed grey).
  await writeFile(join(dir, 'pages.tiff'), tiff([renderPage(sampleParagraphs(ENGLISH_SAMPLE, 1), { dpi: 150 }), renderPage(sampleParagraphs(VIETNAMESE_SAMPLE, 1), { dpi: 150 })]))
  batch = await importFiles([join(dir, 'vi.png'), join(dir, 'mixed.pdf'), join(dir, 'pages.tiff')])
}, SLOW)

afterAll(async () => {
  await ocrService().close()
})

function decode(bytes: Uint8Array): Promise<Image> {
  const image = new Image()
  return new Promise((resolve, reject) => {
    image.onload = () => resolve(image)
    image.onerror = reject
    image.src = Buffer.from(bytes)
  })
}

describe('page images of an OCR import', () => {
  it('keeps a reduced grey WebP of an image file, named by its digest in the article', async () => {
    const outcome = batch.outcomes.find((item) => item.file === join(dir, 'vi.png'))!
    if (!outcome.ok) throw new Error(outcome.error.message)
    const [blob] = outcome.pageImages ?? []
    expect(outcome.pageImages).toHaveLength(1)
    expect(outcome.article.ocr?.pageImages).toEqual([blob!.ref])
    expect(blob!.ref).toMatchObject({ page: 1, type: 'image/webp', bytes: blob!.bytes.length })
    expect(blob!.ref.asset).toBe(await sha256Hex(blob!.bytes))
    // RIFF....WEBP, decodable, at the reading size (an A4 page's long side at 150 dpi), a few hundred KB at most.
    expect(Buffer.from(blob!.bytes.subarray(8, 12)).toString('latin1')).toBe('WEBP')
    const image = await decode(blob!.bytes)
    expect([image.width, image.height]).toEqual([blob!.ref.width, blob!.ref.height])
    expect(Math.max(image.width, image.height)).toBe(Math.round((297 / 25.4) * PAGE_IMAGE_DPI))
    expect(blob!.bytes.length).toBeLessThan(400_000)
    // The page's first words, to tell which paragraph lies on it.
    expect(outcome.article.blocks.map((block) => block.text).join(' ')).toContain(blob!.ref.startsWith!.split(' ').slice(0, 3).join(' '))
  })

  it('keeps images only of the recognised pages of a mixed PDF, drawn at 150 dpi', async () => {
    const outcome = batch.outcomes.find((item) => item.file === join(dir, 'mixed.pdf'))!
    if (!outcome.ok) throw new Error(outcome.error.message)
    expect(outcome.article.ocr?.pages).toEqual([2])
    expect(outcome.pageImages?.map((blob) => blob.ref.page)).toEqual([2])
    const ref = outcome.pageImages![0]!.ref
    // A4 at 150 dpi: 1240 × 1754 (pdf.js draws the page's points at 150/72).
    expect(Math.abs(ref.width - 1240)).toBeLessThanOrEqual(2)
    expect(Math.abs(ref.height - 1754)).toBeLessThanOrEqual(2)
    expect((await decode(outcome.pageImages![0]!.bytes)).width).toBe(ref.width)
  })

  it('keeps an image of each page of a multi-page TIFF (decoded by leptonica, as recognition does), which opens', async () => {
    const outcome = batch.outcomes.find((item) => item.file === join(dir, 'pages.tiff'))!
    if (!outcome.ok) throw new Error(outcome.error.message)
    expect(outcome.article.ocr?.pages).toEqual([1, 2])
    expect(outcome.pageImages?.map((blob) => blob.ref.page)).toEqual([1, 2])
    expect(outcome.article.ocr?.pageImages).toEqual(outcome.pageImages!.map((blob) => blob.ref))
    const text = outcome.article.blocks.map((block) => block.text).join(' ')
    for (const blob of outcome.pageImages!) {
      expect(blob.ref).toMatchObject({ type: 'image/webp', bytes: blob.bytes.length })
      expect(blob.ref.asset).toBe(await sha256Hex(blob.bytes))
      const image = await decode(blob.bytes)
      expect([image.width, image.height]).toEqual([blob.ref.width, blob.ref.height])
      // Each page's own words, so each image is its page and not a copy of the first.
      expect(text).toContain(blob.ref.startsWith!.split(' ').slice(0, 3).join(' '))
    }
    const [first, second] = outcome.pageImages!.map((blob) => blob.ref)
    // A4 at 150 dpi (1241 × 1754) is already the reading size: kept whole.
    for (const ref of [first!, second!]) expect([ref.width, ref.height]).toEqual([1241, 1754])
    expect(first!.startsWith).not.toBe(second!.startsWith)
  })
})
