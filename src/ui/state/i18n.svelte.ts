import { getContext, setContext } from 'svelte'
import type { MessageKey } from '../../common/i18n/en'
import { translate, type Locale, type MessageParams, type PluralKey } from '../../common/i18n/translate'
import type { ErrorInfo } from '../../common/errors'

/** The active language. `t` reads it, so every template that calls `t` follows a switch. */
export class I18n {
  #locale = $state<Locale>('en')

  constructor(locale: Locale) {
    this.#locale = locale
  }

  get locale(): Locale {
    return this.#locale
  }

  set locale(locale: Locale) {
    this.#locale = locale
    document.documentElement.lang = locale
  }

  t = (key: MessageKey | PluralKey, params?: MessageParams): string => translate(this.#locale, key, params)

  /** An error from the service, in the active language. */
  error = (info: ErrorInfo): string => translate(this.#locale, `error.${info.code}`, info.params)
}

const KEY = Symbol('i18n')

export function provideI18n(i18n: I18n): I18n {
  return setContext(KEY, i18n)
}

export function useI18n(): I18n {
  return getContext<I18n>(KEY)
}
