import { mayNavigate } from '../../src/node/navigation-policy'

/**
 * The renderer's origin. In production it is served from the privileged app:// scheme; in
 * `npm run dev` from the Vite dev server (ELECTRON_RENDERER_URL). Navigation, IPC senders and
 * network requests are all checked against this one origin.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'briefing-desk'
const PRODUCTION_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

const devServerUrl = process.env['ELECTRON_RENDERER_URL']

export function rendererEntryUrl(): string {
  return devServerUrl ?? `${PRODUCTION_ORIGIN}/index.html`
}

export function rendererOrigin(): string {
  return devServerUrl ? new URL(devServerUrl).origin : PRODUCTION_ORIGIN
}

export function isAppUrl(candidate: string | undefined): boolean {
  return mayNavigate(candidate, rendererOrigin())
}
