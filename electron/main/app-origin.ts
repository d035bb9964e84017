import { app } from 'electron'
import { mayNavigate, mayRequest } from '../../src/node/navigation-policy'
import { devServerUrl, devSocketOrigin } from './dev-server'

/**
 * The renderer's origin. In production it is served from the privileged app:// scheme; in
 * `npm run dev` (unpackaged only) from the Vite dev server (ELECTRON_RENDERER_URL). Navigation,
 * IPC senders and network requests are all checked against this one origin.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'briefing-desk'
const PRODUCTION_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

const devServer = devServerUrl(process.env, app.isPackaged)
const devSocket = devSocketOrigin(devServer)

export function rendererEntryUrl(): string {
  return devServer ?? `${PRODUCTION_ORIGIN}/index.html`
}

export function rendererOrigin(): string {
  return devServer ? new URL(devServer).origin : PRODUCTION_ORIGIN
}

export function isAppUrl(candidate: string | undefined): boolean {
  return mayNavigate(candidate, rendererOrigin())
}

/** Requests stay on the app's origin; in development, Vite's hot-reload socket too. */
export function mayRequestFromApp(url: string): boolean {
  return mayRequest(url, rendererOrigin()) || (devSocket !== null && mayRequest(url, devSocket))
}
