import * as v from 'valibot'
import { locales } from '../i18n/translate'

/**
 * User preferences kept with the library. `locale: null` follows the operating system.
 * `markings` are handling markings the user added to the built-in list (Internal, Restricted…).
 */
/** The longest marking, and the most markings of the user's own. */
export const MAX_MARKING_LENGTH = 80
export const MAX_USER_MARKINGS = 50

export const MarkingSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_MARKING_LENGTH))

export const SettingsSchema = v.object({
  locale: v.nullable(v.picklist(locales)),
  markings: v.array(MarkingSchema),
})
export type Settings = v.InferOutput<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = { locale: null, markings: [] }

export const SettingsPatchSchema = v.strictObject({
  locale: v.optional(v.nullable(v.picklist(locales))),
  markings: v.optional(v.pipe(v.array(MarkingSchema), v.maxLength(MAX_USER_MARKINGS))),
})
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>
