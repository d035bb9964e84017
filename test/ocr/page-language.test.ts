import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pageLanguages, PROBE_LANGUAGES, probeBand } from '../../src/node/import/ocr/page-language'
import { createTesseractEngine, type TesseractEngine } from '../../src/node/import/ocr/tesseract-engine'
import { ENGLISH_SAMPLE, png, renderPage, sampleParagraphs, VIETNAMESE_SAMPLE } from '../../bench/scan-fixtures'

/**
 * Language detection reads a band of the page across its whole width (page-language.ts). The
 * band must be read as well as the page: tesseract.js 7 reads a rectangle that reaches the
 * image's right edge as noise ("mm eoneeneeee…"), which made every page 'und' and read with
 * both models (Vietnamese CER 1.08 % alone, 1.29 % with English).
 */
// A4 pages at 300 dpi, recognised on two loaded cores.
const SLOW = 300_000

let engine: TesseractEngine

beforeAll(async () => {
  engine = await createTesseractEngine(PROBE_LANGUAGES)
}, SLOW)

afterAll(async () => {
  await engine?.terminate()
})

/** The band's text and the models the page is then read with. */
async function probe(paragraphs: readonly string[]): Promise<{ text: string; languages: string[] }> {
  const canvas = renderPage(paragraphs)
  const image = new Uint8Array(png(canvas))
  let text = ''
  const languages = await pageLanguages('auto', async () => (text = await engine.readText(image, probeBand(canvas.width, canvas.height))))
  return { text, languages }
}

/** The band is part of the page: most of its words are the source's (its edges may cut a line). */
function expectWordsOf(paragraphs: readonly string[], text: string): void {
  const words = text.split(/\s+/u).filter((word) => /^\p{L}{3,}$/u.test(word))
  const source = new Set(paragraphs.join(' ').split(/[\s,.;:()]+/u))
  expect(words.length).toBeGreaterThan(50)
  expect(words.filter((word) => source.has(word)).length / words.length).toBeGreaterThan(0.8)
}

describe('page language detection', () => {
  it('reads the band of a Vietnamese page as Vietnamese text and picks the Vietnamese model', async () => {
    const paragraphs = sampleParagraphs(VIETNAMESE_SAMPLE, 8)
    const { text, languages } = await probe(paragraphs)
    expect(languages).toEqual(['vie'])
    expectWordsOf(paragraphs, text)
  }, SLOW)

  it('reads the band of an English page as English and picks the English model', async () => {
    const paragraphs = sampleParagraphs(ENGLISH_SAMPLE, 8)
    const { text, languages } = await probe(paragraphs)
    expect(languages).toEqual(['eng'])
    expectWordsOf(paragraphs, text)
  }, SLOW)
})
