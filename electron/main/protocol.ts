import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../src/common/csp'
import { rendererHeaders, resolveStaticPath } from '../../src/node/static-files'
import { APP_HOST, APP_SCHEME } from './app-origin'

/** Must run before `app.whenReady()`: app:// behaves like https (standard, secure origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

/**
 * Serves the built renderer from `rendererDir` with the app's CSP on every response. Requests
 * for another host, a path outside the folder, or a missing file get a plain 404.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const path = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null
    if (path === null || request.method !== 'GET') return new Response(null, { status: 404 })
    try {
      const body = await readFile(path)
      return new Response(body, { status: 200, headers: rendererHeaders(path, CONTENT_SECURITY_POLICY) })
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}
