import { detectLanguage } from '../../../common/text/detect-language'
import { languagesOf, type OcrLanguage, type OcrLanguageChoice } from './ocr-languages'

/**
 * The models a page is read with. A fixed choice is used as it is. 'auto' detects the page's
 * language first: a band of the page (a third of its height, below the top margin and heading)
 * is read with the Vietnamese model, whose letters include English's, and the text's language
 * (detectLanguage, as for any article) picks the model for the whole page: one model reads its
 * language better than both together (the bench: Vietnamese 1.1 % CER alone, 1.3 % with English),
 * and a band costs a fraction of a page. Too little text in the band, or neither language: both.
 */
export const PROBE_LANGUAGES: readonly OcrLanguage[] = ['vie']

export function probeBand(width: number, height: number): { left: number; top: number; width: number; height: number } {
  return { left: 0, top: Math.round(height * 0.15), width, height: Math.max(1, Math.round(height * 0.33)) }
}

export async function pageLanguages(choice: OcrLanguageChoice, probe: () => Promise<string>): Promise<OcrLanguage[]> {
  if (choice !== 'auto') return languagesOf(choice)
  switch (detectLanguage(await probe())) {
    case 'vi':
      return ['vie']
    case 'en':
      return ['eng']
    default:
      return ['vie', 'eng']
  }
}
