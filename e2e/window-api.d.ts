import type { AppEvents } from '../src/common/menu-commands'
import type { ApiBridge } from '../src/common/api'

// The renderer's window.api, as the specs see it inside page.evaluate().
declare global {
  interface Window {
    readonly api: ApiBridge
    /** Menu commands from the main process (absent where there is no menu). */
    readonly appEvents?: AppEvents
  }
}

export {}
