import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiInputs } from '../../src/common/api'
import { translate } from '../../src/common/i18n/translate'
import { importFiles, type ImportSummary } from '../../src/node/import/import-files'
import { ocrService } from '../../src/node/import/ocr/ocr-service'
import { tempDir } from '../helpers'
import {
  characterErrorRate,
  encryptedPdf,
  ENGLISH_SAMPLE,
  jpeg,
  mixedPdf,
  png,
  pngClaiming,
  renderPage,
  sampleParagraphs,
  tiff,
  VIETNAMESE_SAMPLE,
  webp,
} from '../../bench/scan-fixtures'

/**
 * OCR through the real import pipeline, with real tesseract on scans made here from the sample
 * texts. Recognition is slow on two loaded cores: the scans are imported in one batch (one OCR
 * worker, one engine) and the tests read its outcomes.
 */
const SLOW = 600_000
const vietnamese = sampleParagraphs(VIETNAMESE_SAMPLE, 3)
const english = sampleParagraphs(ENGLISH_SAMPLE, 3)
let dir: string
let batch: ImportSummary
const pageProgress: string[] = []

function outcomeOf(name: string) {
  const outcome = batch.outcomes.find((item) => item.file === join(dir, name))
  if (outcome === undefined) throw new Error(`no outcome for ${name}`)
  return outcome
}

function textOf(name: string): string {
  const outcome = outcomeOf(name)
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`)
  return outcome.article.blocks.map((block) => block.text).join('\n\n')
}

beforeAll(async () => {
  dir = await tempDir('brief-ocr-')
  const files: [string, Buffer][] = [
    ['vi.png', png(renderPage(vietnamese))],
    ['en.jpg', jpeg(renderPage(english), 80)],
    ['pages.tiff', tiff([renderPage(english.slice(0, 1), { dpi: 150 }), renderPage(vietnamese.slice(0, 1), { dpi: 150 })])],
    ['en.webp', webp(renderPage(english.slice(1, 2)))],
    ['mixed.pdf', mixedPdf(english.slice(0, 1), renderPage(vietnamese.slice(1, 2)))],
    ['cut-short.png', png(renderPage(english.slice(0, 1))).subarray(0, 4000)],
    ['bomb.png', pngClaiming(100_000, 100_000)],
    ['locked.pdf', encryptedPdf()],
    ['blank.png', png(renderPage([]))],
    ['not-an-image.webp', Buffer.from('this is text, not a picture\n')],
  ]
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes)
  batch = await importFiles(
    files.map(([name]) => join(dir, name)),
    { onPage: (file, done, total) => pageProgress.push(`${file.slice(dir.length + 1)} ${done}/${total}`) },
  )
}, SLOW)

afterAll(async () => {
  await ocrService().close()
})

describe('OCR import', () => {
  it('recognises a Vietnamese page (PNG) close to its source text, in NFC, and records the recognition', () => {
    const text = textOf('vi.png')
    expect(characterErrorRate(vietnamese.join(' '), text)).toBeLessThan(0.15)
    expect(text).toBe(text.normalize('NFC'))
    // The models drop this dot below (`Ngoai giao`); the word pairs put it back (word-pairs.test.ts).
    expect(text).toContain('Bộ Ngoại giao')
    expect(text).not.toContain('Ngoai')
    // Lines were joined into the source's paragraphs.
    const outcome = outcomeOf('vi.png')
    if (!outcome.ok) throw new Error('unreachable')
    expect(outcome.article.blocks.length).toBe(vietnamese.length)
    expect(outcome.article.language).toBe('vi')
    expect(outcome.format).toBe('image')
    // Detected on the page (the default): Vietnamese, read with the Vietnamese model alone.
    expect(outcome.article.ocr?.languages).toEqual(['vie'])
    expect(outcome.article.ocr?.pages).toEqual([1])
    expect(outcome.article.ocr?.meanConfidence).toBeGreaterThan(60)
    expect(outcome.article.ocr?.meanConfidence).toBeLessThanOrEqual(100)
    for (const word of outcome.article.ocr?.lowConfidence ?? []) expect(word.confidence).toBeLessThan(70)
  })

  it('recognises an English page (JPEG) and one from WebP', () => {
    expect(characterErrorRate(english.join(' '), textOf('en.jpg'))).toBeLessThan(0.15)
    expect(characterErrorRate(english[1]!, textOf('en.webp'))).toBeLessThan(0.15)
  })

  it('reads every page of a multi-page TIFF, in order', () => {
    const text = textOf('pages.tiff')
    expect(characterErrorRate(`${english[0]!} ${vietnamese[0]!}`, text)).toBeLessThan(0.15)
    const outcome = outcomeOf('pages.tiff')
    expect(outcome.ok && outcome.article.ocr?.pages).toEqual([1, 2])
    // An English page and a Vietnamese one, each detected and read with its own model.
    expect(outcome.ok && outcome.article.ocr?.languages).toEqual(['vie', 'eng'])
    expect(pageProgress).toEqual(expect.arrayContaining(['pages.tiff 1/2', 'pages.tiff 2/2']))
  })

  it('keeps the text layer of a mixed PDF and recognises only its scanned page', () => {
    const outcome = outcomeOf('mixed.pdf')
    if (!outcome.ok) throw new Error(outcome.error.message)
    expect(outcome.article.ocr?.pages).toEqual([2])
    const [first, ...rest] = outcome.article.blocks
    // The text layer comes through as set (but for the "ffi" ligature, which Skia's PDF writes
    // without its letters); the scan closely.
    expect(first!.text).toContain('Free connections for thousands of schools have become the most visible face')
    expect(characterErrorRate(english[0]!, first!.text)).toBeLessThan(0.02)
    expect(characterErrorRate(vietnamese[1]!, rest.map((block) => block.text).join(' '))).toBeLessThan(0.15)
    expect(pageProgress).toContain('mixed.pdf 2/2')
  })

  it('refuses each bad file with one line naming it and the reason, in English and Vietnamese, and imports the good ones', () => {
    const failures = Object.fromEntries(batch.outcomes.filter((item) => !item.ok).map((item) => [item.file!.slice(dir.length + 1), item.error]))
    expect(Object.keys(failures).sort()).toEqual(['blank.png', 'bomb.png', 'cut-short.png', 'locked.pdf', 'not-an-image.webp'])
    expect(failures['cut-short.png']?.code).toBe('import.imageDamaged')
    expect(failures['bomb.png']?.code).toBe('import.imageTooLarge')
    expect(failures['bomb.png']?.params).toMatchObject({ megapixels: 10_000, limit: 40 })
    expect(failures['locked.pdf']?.code).toBe('import.encrypted')
    expect(failures['blank.png']?.code).toBe('import.ocrNoText')
    expect(failures['not-an-image.webp']?.code).toBe('import.corrupt')
    for (const [name, error] of Object.entries(failures)) {
      for (const locale of ['en', 'vi'] as const) {
        const message = translate(locale, `error.${error.code}`, error.params)
        expect(message).toContain(join(dir, name))
        expect(message).not.toContain('\n')
      }
    }
    expect(batch.imported).toBe(5)
  })
})

describe('OCR language choice', () => {
  it('reads in the language chosen instead of detecting it: a Vietnamese page read as English loses its marks', async () => {
    const file = join(dir, 'vi-as-english.png')
    await writeFile(file, png(renderPage(vietnamese.slice(0, 1))))
    const summary = await importFiles([file], { ocrLanguages: 'eng' })
    const outcome = summary.outcomes[0]!
    if (!outcome.ok) throw new Error(outcome.error.message)
    expect(outcome.article.ocr?.languages).toEqual(['eng'])
    const text = outcome.article.blocks.map((block) => block.text).join(' ')
    // The English model has no ạ, ế, ư...: far more errors than the detected reading above.
    expect(characterErrorRate(vietnamese[0]!, text)).toBeGreaterThan(characterErrorRate(vietnamese.join(' '), textOf('vi.png')) + 0.03)
  }, SLOW)

  it('accepts only the four choices at the API boundary', () => {
    for (const choice of ['auto', 'vie', 'eng', 'vie+eng']) {
      expect(v.safeParse(apiInputs.importChoose, { folders: false, ocrLanguages: choice }).success).toBe(true)
      expect(v.safeParse(apiInputs.importDropped, { files: [{ name: 'a.png', size: 0, data: '' }], ocrLanguages: choice }).success).toBe(true)
    }
    for (const bad of ['fra', 'vie+eng+fra', '', 3, null]) {
      expect(v.safeParse(apiInputs.importChoose, { folders: false, ocrLanguages: bad }).success).toBe(false)
      expect(v.safeParse(apiInputs.importDropped, { files: [{ name: 'a.png', size: 0, data: '' }], ocrLanguages: bad }).success).toBe(false)
    }
  })
})

describe('OCR cancelling', () => {
  it('stops a scan between pages when the batch is cancelled, and reports the file as cancelled', async () => {
    const file = join(dir, 'long.tiff')
    const page = renderPage(english.slice(0, 1), { dpi: 150 })
    await writeFile(file, tiff([page, page, page, page]))
    const controller = new AbortController()
    const summary = await importFiles([file], {
      signal: controller.signal,
      onPage: () => controller.abort(),
    })
    expect(summary.cancelled).toEqual([file])
    expect(summary.imported).toBe(0)
  }, SLOW)
})
