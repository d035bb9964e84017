import { afterAll, describe, expect, it } from 'vitest'
import type { OcrLanguage } from '../../src/node/import/ocr/ocr-languages'
import { pageRecogniser } from '../../src/node/import/ocr/page-recognition'
import { createTesseractEngine, type TesseractEngine } from '../../src/node/import/ocr/tesseract-engine'
import { ENGLISH_SAMPLE, png, renderPage, sampleParagraphs, VIETNAMESE_SAMPLE } from '../../bench/scan-fixtures'

/**
 * How many recognitions a page costs with languages detected (page-recognition.ts): a Vietnamese
 * page is read once, its detection taken from that reading; an English page after a Vietnamese
 * one (or first) is read twice; an English page after an English one has its band read first.
 * Real engines; each call is counted on its way through.
 */
const SLOW = 600_000

const engines = new Map<string, Promise<TesseractEngine>>()
const calls: string[] = []

function engineFor(languages: readonly OcrLanguage[]): Promise<TesseractEngine> {
  const key = languages.join('+')
  let engine = engines.get(key)
  if (engine === undefined) engines.set(key, (engine = createTesseractEngine(languages)))
  return engine.then((real) => ({
    ...real,
    recognize: (image, page) => (calls.push(`recognise ${key}`), real.recognize(image, page)),
    readText: (image, rectangle) => (calls.push(`band ${key}`), real.readText(image, rectangle)),
  }))
}

afterAll(async () => {
  for (const engine of engines.values()) await (await engine).terminate()
})

function page(paragraphs: readonly string[]): { image: Uint8Array; size: { width: number; height: number } } {
  const canvas = renderPage(paragraphs)
  return { image: new Uint8Array(png(canvas)), size: { width: canvas.width, height: canvas.height } }
}

describe('page recognition with languages detected', () => {
  it('reads a Vietnamese page once, an English page twice after it, and the next English page after its band', async () => {
    const vietnamese = page(sampleParagraphs(VIETNAMESE_SAMPLE, 3))
    const english = page(sampleParagraphs(ENGLISH_SAMPLE, 3))
    const pages = pageRecogniser('auto', engineFor)
    pages.warmUp()

    const first = await pages.recognise(vietnamese.image, 1, vietnamese.size)
    expect(first.languages).toEqual(['vie'])
    expect(calls.splice(0)).toEqual(['recognise vie'])

    const second = await pages.recognise(english.image, 2, english.size)
    expect(second.languages).toEqual(['eng'])
    expect(calls.splice(0)).toEqual(['recognise vie', 'recognise eng'])

    const third = await pages.recognise(english.image, 3, english.size)
    expect(third.languages).toEqual(['eng'])
    expect(third.lines.map((line) => line.text).join(' ')).toContain(sampleParagraphs(ENGLISH_SAMPLE, 1)[0]!.split(' ').slice(0, 4).join(' '))
    expect(calls.splice(0)).toEqual(['band vie', 'recognise eng'])

    // Back to Vietnamese after English: the band says so, and the page is read with the Vietnamese model.
    const fourth = await pages.recognise(vietnamese.image, 4, vietnamese.size)
    expect(fourth.languages).toEqual(['vie'])
    expect(calls.splice(0)).toEqual(['band vie', 'recognise vie'])
  }, SLOW)

  it('reads a page once with the models chosen, without detection', async () => {
    const english = page(sampleParagraphs(ENGLISH_SAMPLE, 2))
    const result = await pageRecogniser('eng', engineFor).recognise(english.image, 1, english.size)
    expect(result.languages).toEqual(['eng'])
    expect(calls.splice(0)).toEqual(['recognise eng'])
  }, SLOW)
})
