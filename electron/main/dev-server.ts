/**
 * `npm run dev`: electron-vite serves the renderer from Vite's dev server and says where in
 * ELECTRON_RENDERER_URL. Pure decisions, testable without Electron (test/desktop/dev-server.test.ts).
 */

/**
 * The dev server's URL, honoured only by an unpackaged app: a packaged one always loads its own
 * app:// pages, whatever the environment says, or anyone able to set the user's environment could
 * make it load a remote page with the full window.api.
 */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  if (isPackaged) return null
  const url = env['ELECTRON_RENDERER_URL']
  return url ? url : null
}

/** Vite's hot-reload socket: the dev server's host and port over ws(s)://, which the page's http origin does not cover. */
export function devSocketOrigin(devServer: string | null): string | null {
  if (devServer === null) return null
  const url = new URL(devServer)
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`
}
