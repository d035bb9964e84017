import { createCanvas, PDFDocument, type Canvas } from '@napi-rs/canvas'
import { afterAll, describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { OcrService, setOcrProcessStarter } from '../../src/node/import/ocr/ocr-service'
import { forkOcrProcess } from '../../src/node/import/ocr/ocr-process'
import { SOURCE_PART_BYTES, type OcrMessage, type OcrSourcePart } from '../../src/node/import/ocr/ocr-protocol'
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

// The real process, started as the service starts it from source; the wrapper only notes each
// message sent to it, so the test sees that the PDF went in parts and not whole.
const sent: OcrMessage[] = []
setOcrProcessStarter(() => {
  const child = forkOcrProcess(fileURLToPath(new URL('../../src/node/import/ocr/ocr-worker.ts', import.meta.url)))
  const send = child.send.bind(child)
  return Object.assign(Object.create(child) as typeof child, {
    send(message: OcrMessage) {
      sent.push(message)
      send(message)
    },
  })
})
const service = new OcrService()
const isPart = (message: OcrMessage): message is OcrSourcePart => 'type' in message && message.type === 'part'
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
    // Sent in parts: at least three, every byte once in order, then one request naming them and carrying no bytes itself.
    const parts = sent.filter(isPart)
    expect(parts.length).toBeGreaterThanOrEqual(3)
    expect(sent.slice(0, parts.length)).toEqual(parts)
    const joined = Buffer.concat(parts.map((part) => part.bytes))
    expect(joined.equals(Buffer.from(bytes))).toBe(true)
    expect(sent).toHaveLength(parts.length + 1)
    const request = sent.at(-1)!
    expect('parts' in request && request.parts).toBe(parts.length)
    expect('source' in request && request.source.kind === 'pdf' && request.source.bytes.byteLength).toBe(0)
  }, 300_000)
})
