import type { AppEvents } from '../src/common/menu-commands'
import type { ApiBridge } from '../src/common/api'

// The renderer's window.api, as the specs see it inside page.evaluate().
declare global {
  interface Window {
    readonly api: ApiBridge
    /** Menu commands and the library's change feed from the main process (absent without a preload). */
    readonly appEvents?: AppEvents
  }
}

export {}
