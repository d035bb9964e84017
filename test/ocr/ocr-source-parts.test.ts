import { createCanvas, PDFDocument, type Canvas } from '@napi-rs/canvas'
import { afterAll, describe, expect, it } from 'vitest'
import { OcrService } from '../../src/node/import/ocr/ocr-service'
import { SOURCE_PART_BYTES } from '../../src/node/import/ocr/ocr-protocol'
import { sampleParagraphs, VIETNAMESE_SAMPLE } from '../../bench/scan-fixtures'

/**
 * A PDF larger than one part reaches the OCR process in parts, one per turn of the main thread's
 * loop (ocr-service.ts, OcrSourcePart), and is joined whole there: its text layers on each page
 * come back in order. Text layers only, so tesseract is never loaded.
 */
function largePdf(lines: readonly string[]): Uint8Array {
  let state = 18
  // Noise does not compress, and a new picture for each page (the same one would be kept once).
  const noise = () => {
    const canvas = createCanvas(600, 600)
    const context = canvas.getContext('2d')
    const pixels = context.createImageData(600, 600)
    for (let i = 0; i < pixels.data.length; i++) {
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      pixels.data[i] = i % 4 === 3 ? 255 : state & 255
    }
    context.putImageData(pixels, 0, 0)
    return canvas
  }
  const document = new PDFDocument()
  for (const line of lines) {
    const page = document.beginPage(595, 842)
    ;(page as unknown as { drawImage(image: Canvas, x: number, y: number, w: number, h: number): void }).drawImage(noise(), 72, 300, 400, 400)
    page.fillStyle = '#000'
    page.font = '12px sans-serif'
    page.fillText(line, 72, 100)
    document.endPage()
  }
  return new Uint8Array(document.close())
}

const service = new OcrService()
afterAll(() => service.close())

describe('OCR source in parts', () => {
  it('reads a PDF sent in several parts whole, its pages in order', async () => {
    const lines = sampleParagraphs(VIETNAMESE_SAMPLE, 3).map((paragraph) => paragraph.slice(0, 60))
    const bytes = largePdf(lines)
    expect(bytes.byteLength).toBeGreaterThan(2 * SOURCE_PART_BYTES)
    const reading = await service.read({ kind: 'pdf', bytes }, 'auto')
    const text = reading.blocks.map((block) => block.text).join(' ')
    for (const line of lines) expect(text).toContain(line.split(' ').slice(0, 5).join(' '))
    expect(text.indexOf(lines[0]!.split(' ')[0]!)).toBeLessThan(text.indexOf(lines[2]!.split(' ').slice(0, 5).join(' ')))
    expect(reading.ocr).toBeNull()
  }, 300_000)
})
