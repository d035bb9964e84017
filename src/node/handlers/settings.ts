import type { ApiHandlers } from '../../common/api'
import type { LibraryParts } from './library-parts'

export type SettingsHandlers = Pick<ApiHandlers, 'getSettings' | 'updateSettings'>

/** Preferences kept with the library; a change reaches the shell through the store's change feed. */
export function settingsHandlers({ store }: LibraryParts): SettingsHandlers {
  return {
    async getSettings() {
      return store.settings
    },
    updateSettings(input) {
      return store.updateSettings(input)
    },
  }
}
