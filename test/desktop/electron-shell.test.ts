import { describe, expect, it } from 'vitest'
import { unpackedPath } from '../../electron/main/asar-paths'
import { devServerUrl, devSocketOrigin } from '../../electron/main/dev-server'
import { saveDialogTitle } from '../../electron/main/dialog-title'
import { contentSecurityPolicy, CONTENT_SECURITY_POLICY } from '../../src/common/csp'
import { mayRequest } from '../../src/node/navigation-policy'

/** The Electron shell's decisions that need no Electron binary (docs/desktop.md lists the rest). */
describe('the dev server URL', () => {
  it('is honoured only by an unpackaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' }
    expect(devServerUrl(env, false)).toBe('http://localhost:5173')
    expect(devServerUrl(env, true)).toBeNull()
    expect(devServerUrl({ ELECTRON_RENDERER_URL: '' }, false)).toBeNull()
    expect(devServerUrl({}, false)).toBeNull()
  })

  it('gives Vite’s hot-reload socket origin, which the page origin alone would refuse', () => {
    const socket = devSocketOrigin('http://localhost:5173')
    expect(socket).toBe('ws://localhost:5173')
    expect(devSocketOrigin('https://localhost:5173/')).toBe('wss://localhost:5173')
    expect(devSocketOrigin(null)).toBeNull()
    expect(mayRequest('ws://localhost:5173/?token=x', 'http://localhost:5173')).toBe(false)
    expect(mayRequest('ws://localhost:5173/?token=x', socket!)).toBe(true)
    expect(mayRequest('ws://localhost:5174/', socket!)).toBe(false)
  })
})

describe('the content security policy', () => {
  it('is the strict one in the app, and in development adds only the socket and Vite’s style nonce', () => {
    const dev = contentSecurityPolicy({ socketOrigin: 'ws://localhost:5173', styleNonce: 'n0nce' })
    const directives = (policy: string) => new Map(policy.split('; ').map((part) => [part.split(' ')[0], part] as const))
    const strict = directives(CONTENT_SECURITY_POLICY)
    const relaxed = directives(dev)
    expect(strict.get('connect-src')).toBe("connect-src 'self'")
    expect(strict.get('style-src')).toBe("style-src 'self'")
    expect(relaxed.get('connect-src')).toBe("connect-src 'self' ws://localhost:5173")
    expect(relaxed.get('style-src')).toBe("style-src 'self' 'nonce-n0nce'")
    for (const [name, directive] of strict) if (name !== 'connect-src' && name !== 'style-src') expect(relaxed.get(name)).toBe(directive)
    expect(relaxed.size).toBe(strict.size)
  })
})

describe('worker paths in a packaged app', () => {
  it('point into app.asar.unpacked, and elsewhere stay as they are', () => {
    expect(unpackedPath('/opt/Briefing Desk/resources/app.asar/out/main/chunks/search-worker-1.js')).toBe('/opt/Briefing Desk/resources/app.asar.unpacked/out/main/chunks/search-worker-1.js')
    expect(unpackedPath('C:\\Apps\\Briefing Desk\\resources\\app.asar\\out\\main\\chunks\\w.js')).toBe('C:\\Apps\\Briefing Desk\\resources\\app.asar.unpacked\\out\\main\\chunks\\w.js')
    expect(unpackedPath('/home/an/briefing-desk/out/main/chunks/w.js')).toBe('/home/an/briefing-desk/out/main/chunks/w.js')
    expect(unpackedPath('/srv/app.asar.unpacked/out/w.js')).toBe('/srv/app.asar.unpacked/out/w.js')
  })
})

describe('the save dialog', () => {
  it('names the suggested file in its title on Linux, where the portal ignores defaultPath', () => {
    expect(saveDialogTitle('Export brief', 'Gặp Đại sứ Peru.pdf', 'linux')).toBe('Export brief — Gặp Đại sứ Peru.pdf')
    expect(saveDialogTitle('Export brief', 'Gặp Đại sứ Peru.pdf', 'darwin')).toBe('Export brief')
    expect(saveDialogTitle('Export brief', '', 'linux')).toBe('Export brief')
  })
})
