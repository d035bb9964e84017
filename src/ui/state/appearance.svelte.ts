import type { Appearance as Choice } from '../../common/model/settings'

const DARK_QUERY = '(prefers-color-scheme: dark)'

/**
 * Light or dark: the user's choice (a library setting, like the text size), or the system's
 * when the choice is 'system'. The resolved scheme is set on the root element as
 * data-appearance="light|dark", which tokens.css and highlights.css read; a system change is
 * followed at once while the choice is 'system'.
 */
export class Appearance {
  readonly #save: (appearance: Choice) => Promise<unknown>
  readonly #onError: (error: unknown) => void
  readonly #query: MediaQueryList
  #choice = $state<Choice>('system')
  #systemDark = $state(false)
  /** Once the user chose, a late answer from the settings no longer overrides it. */
  #changed = false

  constructor(save: (appearance: Choice) => Promise<unknown>, onError: (error: unknown) => void) {
    this.#save = save
    this.#onError = onError
    this.#query = window.matchMedia(DARK_QUERY)
    this.#systemDark = this.#query.matches
    this.#query.addEventListener('change', (event) => {
      this.#systemDark = event.matches
      this.#apply()
    })
    this.#apply()
  }

  get choice(): Choice {
    return this.#choice
  }

  get dark(): boolean {
    return this.#choice === 'dark' || (this.#choice === 'system' && this.#systemDark)
  }

  /** The choice read from the settings (undefined: never set, the system's). */
  applySaved(choice: Choice | undefined): void {
    if (this.#changed) return
    this.#choice = choice ?? 'system'
    this.#apply()
  }

  choose(choice: Choice): void {
    this.#changed = true
    if (choice === this.#choice) return
    this.#choice = choice
    this.#apply()
    // The choice applies at once; a failed save is reported, and the choice holds this session.
    this.#save(choice).catch(this.#onError)
  }

  #apply(): void {
    document.documentElement.dataset['appearance'] = this.dark ? 'dark' : 'light'
  }
}
