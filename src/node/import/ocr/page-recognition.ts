import { languagesOf, type OcrLanguage, type OcrLanguageChoice } from './ocr-languages'
import type { OcrPage } from './ocr-page'
import { pageLanguages, PROBE_LANGUAGES, probeBand } from './page-language'
import type { PageInput } from './prepare-page'
import type { TesseractEngine } from './tesseract-engine'

/**
 * How the pages of one file are recognised in the languages asked for ('auto': detected page by
 * page, page-language.ts), with as few recognitions as possible:
 *
 * - A fixed choice: one recognition with its models.
 * - 'auto', the first page or a page after a Vietnamese one: the whole page is read with the
 *   Vietnamese model (the detection model, whose letters include English's) and its text's
 *   language decides. Vietnamese (the desk's usual scan): that reading is the page's, one
 *   recognition in all. Otherwise the page is read again with the model(s) detection picks.
 *   Measured (perf-log.md, loaded): the band read for detection cost 1.3 s CPU of a page's 3.6 s,
 *   as much as half a recognition, since tesseract sets up the whole image for a band too.
 * - 'auto' after a page that was not Vietnamese: the band is read first (pageLanguages), as
 *   before, so an English file costs a band and a recognition per page, not two recognitions.
 *
 * A page on which the Vietnamese reading finds no text at all (blank) is not read again.
 */
export type EngineFor = (languages: readonly OcrLanguage[]) => Promise<TesseractEngine>

export interface PageRecogniser {
  recognise(image: PageInput, page: number, size: { readonly width: number; readonly height: number }): Promise<OcrPage>
  /** Starts the engine the first page will need (its trained data loads while the page is drawn). */
  warmUp(): void
}

function same(a: readonly OcrLanguage[], b: readonly OcrLanguage[]): boolean {
  return a.length === b.length && a.every((language, index) => language === b[index])
}

export function pageRecogniser(choice: OcrLanguageChoice, engineFor: EngineFor): PageRecogniser {
  let previous: readonly OcrLanguage[] | null = null
  const fixed = choice === 'auto' ? null : languagesOf(choice)
  return {
    warmUp() {
      // A failed start is the page's to report, when it asks for the engine again.
      engineFor(fixed ?? PROBE_LANGUAGES).catch(() => {})
    },
    async recognise(image, page, size) {
      if (fixed !== null) return (await engineFor(fixed)).recognize(image, page)
      if (previous === null || same(previous, PROBE_LANGUAGES)) {
        const first = await (await engineFor(PROBE_LANGUAGES)).recognize(image, page)
        if (first.lines.length === 0) return first
        const languages = await pageLanguages('auto', async () => first.lines.map((line) => line.text).join('\n'))
        previous = languages
        return same(languages, PROBE_LANGUAGES) ? first : (await engineFor(languages)).recognize(image, page)
      }
      const languages = await pageLanguages('auto', async () => (await engineFor(PROBE_LANGUAGES)).readText(image, probeBand(size.width, size.height)))
      previous = languages
      return (await engineFor(languages)).recognize(image, page)
    },
  }
}
