/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { ApiBridge } from '../common/api'

declare global {
  interface Window {
    /** Provided by the preload (Electron) or by the end-to-end harness (Chromium). */
    readonly api: ApiBridge
  }
}

export {}
