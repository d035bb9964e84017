/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { AppEvents } from '../common/menu-commands'
import type { ApiBridge } from '../common/api'

declare global {
  interface Window {
    /** Provided by the preload (Electron) or by the end-to-end harness (Chromium). */
    readonly api: ApiBridge
    /** Menu commands and the library's change feed from the main process (absent without a preload). */
    readonly appEvents?: AppEvents
  }
}

export {}
