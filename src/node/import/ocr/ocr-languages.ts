import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OcrLanguageChoice } from '../../../common/import/ocr-language-choice'

/**
 * The languages OCR reads, as tesseract names them, and where their trained data lives: the npm
 * packages @tesseract.js-data/vie and @tesseract.js-data/eng, installed with the app. The data is
 * read from those files and handed to tesseract as bytes, so tesseract never looks for it anywhere
 * else (its default is a CDN).
 */
export const OCR_LANGUAGES = ['vie', 'eng'] as const
export type OcrLanguage = (typeof OCR_LANGUAGES)[number]

export type { OcrLanguageChoice } from '../../../common/import/ocr-language-choice'

/** The models of a fixed choice (not 'auto', which is decided page by page: page-language.ts). */
export function languagesOf(choice: Exclude<OcrLanguageChoice, 'auto'>): OcrLanguage[] {
  return choice.split('+') as OcrLanguage[]
}

/**
 * The "best, integer" LSTM models (tessdata_best converted to integers): the most accurate models
 * tesseract.js publishes, and LSTM-only, which is the engine used. The package's other folder
 * (4.0.0) holds the faster "fast" models together with the legacy engine's data.
 */
const MODEL_FOLDER = '4.0.0_best_int'

export function trainedDataPath(language: OcrLanguage): string {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve(`@tesseract.js-data/${language}/package.json`)
  return join(dirname(manifest), MODEL_FOLDER, `${language}.traineddata.gz`)
}

/**
 * A private folder holding the trained data of the given languages, for tesseract's langPath.
 * tesseract.js reads every language from one folder, and the npm packages keep each language in
 * its own; its other way in (language objects carrying their bytes) is broken in tesseract.js 7
 * (initialisation then names the language by its bytes). So the files (1.4 and 2.9 MB) are copied
 * into a temporary folder, which the engine removes as soon as tesseract has read them.
 */
export async function languageFolder(languages: readonly OcrLanguage[]): Promise<{ readonly path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'briefing-desk-ocr-'))
  try {
    await Promise.all(languages.map((language) => copyFile(trainedDataPath(language), join(path, `${language}.traineddata.gz`))))
  } catch (error) {
    await rm(path, { recursive: true, force: true })
    throw error
  }
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}
