import * as v from 'valibot'
import { locales } from '../i18n/translate'

/**
 * User preferences kept with the library. `locale: null` follows the operating system.
 * `markings` are handling markings the user added to the built-in list (Internal, Restricted…).
 */
export const MarkingSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80))

export const SettingsSchema = v.object({
  locale: v.nullable(v.picklist(locales)),
  markings: v.array(MarkingSchema),
})
export type Settings = v.InferOutput<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = { locale: null, markings: [] }

export const SettingsPatchSchema = v.strictObject({
  locale: v.optional(v.nullable(v.picklist(locales))),
  markings: v.optional(v.pipe(v.array(MarkingSchema), v.maxLength(50))),
})
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>
