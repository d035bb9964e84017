import { app } from 'electron'
import type { MessageKey } from '../../src/common/i18n/en'
import { localeFromTag, translate, type Locale, type MessageParams } from '../../src/common/i18n/translate'
import type { Settings } from '../../src/common/model/settings'

export type Translate = (key: MessageKey, params?: MessageParams) => string

/**
 * The system's language. app.getLocale() may only be called once the app is ready; before that
 * (a failure during startup) the JavaScript engine's default locale, which needs no app, stands in.
 */
export function systemLocale(): string {
  return app.isReady() ? app.getLocale() : Intl.DateTimeFormat().resolvedOptions().locale
}

/** The main process speaks the user's chosen language, or the system's when none is chosen. */
export class MainI18n {
  /** The user's choice; null follows the system, asked when a message is needed (after ready). */
  #chosen: Locale | null = null

  readonly t: Translate = (key, params) => translate(this.#chosen ?? localeFromTag(systemLocale()), key, params)

  follow(settings: Settings): void {
    this.#chosen = settings.locale
  }
}
