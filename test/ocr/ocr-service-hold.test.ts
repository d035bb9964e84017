import { PDFDocument } from '@napi-rs/canvas'
import { afterAll, describe, expect, it } from 'vitest'
import { OcrService } from '../../src/node/import/ocr/ocr-service'
import { sampleParagraphs, VIETNAMESE_SAMPLE } from '../../bench/scan-fixtures'

/**
 * The OCR worker's end for idleness (its heap's unmapping costs the main thread) never falls
 * inside an import batch: a batch holds the service. A PDF with a text layer goes through the real
 * worker without tesseract, which keeps this test quick.
 */
function textPdf(): Uint8Array {
  const document = new PDFDocument()
  const page = document.beginPage(595, 842)
  page.fillStyle = '#000'
  page.font = '12px sans-serif'
  page.fillText(sampleParagraphs(VIETNAMESE_SAMPLE, 1)[0]!.slice(0, 60), 72, 100)
  document.endPage()
  return new Uint8Array(document.close())
}

const service = new OcrService()
afterAll(() => service.close())

describe('OCR service lifetime', () => {
  it('counts down to its end only when no batch holds it', async () => {
    const release = service.hold()
    const reading = await service.read({ kind: 'pdf', bytes: textPdf() }, 'auto')
    expect(reading.blocks.length).toBeGreaterThan(0)
    // The file is done, but the batch is not: the worker stays.
    expect(service.endingWhenIdle).toBe(false)
    const second = service.hold()
    release()
    expect(service.endingWhenIdle).toBe(false)
    second()
    expect(service.endingWhenIdle).toBe(true)
    // A new batch stops the countdown before it reaches the service with a file.
    const next = service.hold()
    expect(service.endingWhenIdle).toBe(false)
    next()
    next()
    expect(service.endingWhenIdle).toBe(true)
  }, 120_000)

  it('schedules nothing while no worker runs', () => {
    const idle = new OcrService()
    idle.hold()()
    expect(idle.endingWhenIdle).toBe(false)
  })
})
