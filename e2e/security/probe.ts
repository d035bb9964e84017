import type { Page } from '@playwright/test'

/**
 * Watches a page for the three signs that a payload ran: `top.__canary` set, a dialog opened, a
 * request to anywhere but the page's own origin. Requests are recorded from the moment of
 * attaching, including those of subframes and those that fail (the harness resolves no host, so
 * an escaped request fails, but its attempt is still seen here).
 */
export interface Probe {
  readonly dialogs: readonly string[]
  readonly requests: readonly string[]
  /** The canary's value in the page, or null when no payload has set it. */
  canary(): Promise<unknown>
  /** Requests to any origin other than `allowedOrigin`. */
  foreignRequests(allowedOrigin: string): string[]
}

export function attachProbe(page: Page): Probe {
  const dialogs: string[] = []
  const requests: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss().catch(() => undefined)
  })
  page.on('request', (request) => requests.push(request.url()))
  return {
    dialogs,
    requests,
    canary: () => page.evaluate(() => (window as unknown as { __canary?: unknown }).__canary ?? null),
    foreignRequests: (allowedOrigin) => requests.filter((url) => !sameOrigin(url, allowedOrigin)),
  }
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin
  } catch {
    return false
  }
}
