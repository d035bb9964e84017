import { app } from 'electron'
import type { MessageKey } from '../../src/common/i18n/en'
import { localeFromTag, translate, type Locale, type MessageParams } from '../../src/common/i18n/translate'
import type { Settings } from '../../src/common/model/settings'

export type Translate = (key: MessageKey, params?: MessageParams) => string

/** The main process speaks the user's chosen language, or the system's when none is chosen. */
export class MainI18n {
  #locale: Locale = localeFromTag(app.getLocale())

  readonly t: Translate = (key, params) => translate(this.#locale, key, params)

  follow(settings: Settings): void {
    this.#locale = settings.locale ?? localeFromTag(app.getLocale())
  }
}
