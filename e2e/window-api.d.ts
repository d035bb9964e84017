import type { ApiBridge } from '../src/common/api'

// The renderer's window.api, as the specs see it inside page.evaluate().
declare global {
  interface Window {
    readonly api: ApiBridge
  }
}

export {}
