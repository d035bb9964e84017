import * as v from 'valibot'
import { OrganisationDecisionsSchema, PersonDecisionsSchema } from '../dossier/decision-schema'
import { locales } from '../i18n/translate'

/**
 * User preferences kept with the library. `locale: null` follows the operating system.
 * `markings` are handling markings the user added to the built-in list (Internal, Restricted…).
 * `readerTextSize` is the reader's text size in CSS pixels; absent (files written before it
 * existed, or never changed) means READER_TEXT_SIZE_DEFAULT.
 */
/** The longest marking, and the most markings of the user's own. */
export const MAX_MARKING_LENGTH = 80
export const MAX_USER_MARKINGS = 50

export const MarkingSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_MARKING_LENGTH))

/** The sizes the reader's A− / A+ step through. */
export const READER_TEXT_SIZES = [14, 16, 18, 20, 22, 24, 28] as const
export type ReaderTextSize = (typeof READER_TEXT_SIZES)[number]
export const READER_TEXT_SIZE_DEFAULT: ReaderTextSize = 18
export const ReaderTextSizeSchema = v.picklist(READER_TEXT_SIZES)

export const APPEARANCES = ['system', 'light', 'dark'] as const
export const AppearanceSchema = v.picklist(APPEARANCES)
export type Appearance = v.InferOutput<typeof AppearanceSchema>

export const SettingsSchema = v.object({
  locale: v.nullable(v.picklist(locales)),
  markings: v.array(MarkingSchema),
  // Optional: an added preference needs no migration, and an older app reading it just drops it.
  readerTextSize: v.optional(ReaderTextSizeSchema),
  /** Light, dark, or the system's choice (absent: the system's). */
  appearance: v.optional(AppearanceSchema),
  /**
   * The user's decisions about the dossier's people (confirm, rename, merge, split, hide), in the
   * order made: applied over extraction each time it is recomputed (docs/dossier.md). Kept here,
   * in a file with its second copy and generations, rather than in a file of their own.
   */
  dossierDecisions: v.optional(PersonDecisionsSchema),
  /** The same for the dossier's organisations (confirm, rename, merge, hide). */
  dossierOrganisationDecisions: v.optional(OrganisationDecisionsSchema),
})
export type Settings = v.InferOutput<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = { locale: null, markings: [] }

export const SettingsPatchSchema = v.strictObject({
  locale: v.optional(v.nullable(v.picklist(locales))),
  markings: v.optional(v.pipe(v.array(MarkingSchema), v.maxLength(MAX_USER_MARKINGS))),
  readerTextSize: v.optional(ReaderTextSizeSchema),
  /** Light, dark, or the system's choice (absent: the system's). */
  appearance: v.optional(AppearanceSchema),
})
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>
