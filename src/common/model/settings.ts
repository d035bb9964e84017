import * as v from 'valibot'
import { locales } from '../i18n/translate'

/** User preferences kept with the library. `locale: null` follows the operating system. */
export const SettingsSchema = v.object({
  locale: v.nullable(v.picklist(locales)),
})
export type Settings = v.InferOutput<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = { locale: null }

export const SettingsPatchSchema = v.strictObject({
  locale: v.optional(v.nullable(v.picklist(locales))),
})
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>
