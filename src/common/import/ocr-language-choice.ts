import * as v from 'valibot'

/**
 * The languages OCR reads a scan in, as the user chooses them in the import dialog: detected page
 * by page ('auto', the default), Vietnamese, English, or both models together (a page mixing the
 * two). Tesseract's names; the choice crosses IPC, hence the schema.
 */
export const OCR_LANGUAGE_CHOICES = ['auto', 'vie', 'eng', 'vie+eng'] as const
export type OcrLanguageChoice = (typeof OCR_LANGUAGE_CHOICES)[number]
export const OcrLanguageChoiceSchema = v.picklist(OCR_LANGUAGE_CHOICES)
export const DEFAULT_OCR_LANGUAGE_CHOICE: OcrLanguageChoice = 'auto'
