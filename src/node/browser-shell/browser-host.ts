import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CONTENT_SECURITY_POLICY } from '../../common/csp'
import type { MenuCommand } from '../../common/menu-commands'
import { fail } from '../../common/errors'
import type { DialogPort } from '../dialogs'
import { setOcrWorkerEntry } from '../import/ocr/ocr-service'
import { setThemeIndexWorkerEntry } from '../themes/theme-index-reader'
import { setTeamWorkerEntry } from '../team/page-checker'
import { createDispatcher } from '../dispatch'
import { BriefingService } from '../service'
import { rendererHeaders, resolveStaticPath } from '../static-files'
import { BRIDGE_BINDING, bridgeInitScript, libraryChangeExpression, menuCommandExpression, teamStatusExpression } from './bridge-script'

/**
 * Runs the built renderer in a plain Chromium, for machines where the Electron binary cannot be
 * had. The renderer is served from a loopback HTTP server with the app's CSP header, and
 * `window.api` is bridged with `exposeBinding` to the same dispatcher and service that the
 * Electron main process uses. Only the transport differs from the desktop app.
 */
export interface BrowserHostOptions {
  readonly rendererDir: string
  readonly libraryDir: string
  readonly samplesDir: string | undefined
  readonly version: string
  readonly headless: boolean
  readonly locale?: string
  readonly colorScheme?: 'light' | 'dark'
  readonly viewport?: { width: number; height: number } | null
  /** One app-mode window without tabs or address bar (the `npm start` fallback), rather than a test tab. */
  readonly appWindow?: boolean
  /** Answers to the dialogs the service opens (the Electron app shows native ones). */
  readonly dialogs?: DialogPort
}

export interface BrowserHost {
  readonly page: Page
  readonly context: BrowserContext
  readonly origin: string
  /** Every URL the page requested, in order. */
  readonly requests: readonly string[]
  /** Fires an application-menu command at the page, as the Electron main process does. */
  menuCommand(command: MenuCommand): Promise<void>
  close(): Promise<void>
}

/** An empty page of the app's origin, shown while the app window's bridge is installed. */
const STARTING_PAGE = '/starting.html'

export function chromiumExecutable(): string | undefined {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium'
}

// Chromium otherwise phones home (component updates, Google host lookups) at every start.
export const CHROMIUM_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
]

export async function serveRendererOverLoopback(rendererDir: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === STARTING_PAGE) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY }).end('<!doctype html><title></title>')
      return
    }
    const path = request.method === 'GET' ? resolveStaticPath(rendererDir, new URL(request.url ?? '/', 'http://x').pathname) : null
    if (path === null) {
      response.writeHead(404).end()
      return
    }
    readFile(path).then(
      (body) => response.writeHead(200, rendererHeaders(path, CONTENT_SECURITY_POLICY)).end(body),
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, server }
}

/** After opening, the Themes view's saved index loads in the background (electron/main does the same). */
const THEME_INDEX_DELAY_MS = 2_000

/**
 * A worker thread's script as electron-vite bundled it for the app (out/main/chunks/<name>-<hash>.js),
 * so this host runs the very workers the desktop app runs; null when the main process was not
 * built (the service then runs the worker from source).
 */
function builtWorker(rendererDir: string, name: 'search-worker' | 'parse-worker' | 'ocr-worker' | 'team-page-worker' | 'theme-index-worker'): string | null {
  const chunks = join(rendererDir, '..', 'main', 'chunks')
  const pattern = new RegExp(`^${name}-[\\w-]+\\.js$`, 'u')
  const file = existsSync(chunks) ? readdirSync(chunks).find((entry) => pattern.test(entry)) : undefined
  return file === undefined ? null : join(chunks, file)
}

export function builtSearchWorker(rendererDir: string): string | null {
  return builtWorker(rendererDir, 'search-worker')
}

export function builtParseWorker(rendererDir: string): string | null {
  return builtWorker(rendererDir, 'parse-worker')
}

export async function launchBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const searchWorker = builtSearchWorker(options.rendererDir)
  const parseWorker = builtParseWorker(options.rendererDir)
  const ocrWorker = builtWorker(options.rendererDir, 'ocr-worker')
  if (ocrWorker !== null) setOcrWorkerEntry(ocrWorker)
  const teamWorker = builtWorker(options.rendererDir, 'team-page-worker')
  if (teamWorker !== null) setTeamWorkerEntry(teamWorker)
  const themeIndexWorker = builtWorker(options.rendererDir, 'theme-index-worker')
  if (themeIndexWorker !== null) setThemeIndexWorkerEntry(themeIndexWorker)
  const service = await BriefingService.open({
    libraryDir: options.libraryDir,
    samplesDir: options.samplesDir,
    shell: 'browser',
    version: options.version,
    systemLocale: options.locale ?? 'en-GB',
    ...(options.dialogs ? { dialogs: options.dialogs } : {}),
    ...(searchWorker === null ? {} : { searchWorker }),
    ...(parseWorker === null ? {} : { parseWorker }),
  })
  const dispatch = createDispatcher(service)
  const { origin, server } = await serveRendererOverLoopback(options.rendererDir)

  let opened: OpenedChromium | undefined
  try {
    opened = options.appWindow ? await openAppWindow(options, origin) : await openTestPage(options)
    const { context, page } = opened
    // The same sender check as electron/main/ipc.ts: only the app's own page may call.
    await context.exposeBinding(BRIDGE_BINDING, ({ frame }, method: unknown, input: unknown) => {
      if (new URL(frame.url()).origin !== origin) return fail('api.untrustedSender')
      return dispatch(method, input)
    })
    await context.addInitScript({ content: bridgeInitScript() })
    // The change feed goes to the page as the Electron main process sends it to the window: every
    // commit, in order (Playwright delivers evaluations in the order they were asked for). A page
    // that is loading or gone misses it, as a window would.
    const stopFeed = service.onLibraryChange((change) => void page.evaluate(libraryChangeExpression(change)).catch(() => undefined))
    // ...and so does the team's sync state; a connected library starts syncing in the background.
    const stopTeam = service.onTeamStatus((status) => void page.evaluate(teamStatusExpression(status)).catch(() => undefined))
    void service.startTeamSync().catch((error: unknown) => console.error('[briefing-desk] team sync could not start:', error instanceof Error ? error.message : String(error)))
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(`${origin}/index.html`)
    // The Themes view's saved index, loaded off the startup path as the Electron app does.
    let themeIndexLoad: Promise<unknown> | null = null
    const themeIndexTimer = setTimeout(() => {
      themeIndexLoad = service.loadThemeIndex().catch((error: unknown) => console.error('[briefing-desk] the theme index could not load:', error))
    }, THEME_INDEX_DELAY_MS)
    const { close: closeChromium } = opened
    return {
      page,
      context,
      origin,
      requests,
      async menuCommand(command) {
        await page.evaluate(menuCommandExpression(command))
      },
      async close() {
        stopFeed()
        stopTeam()
        clearTimeout(themeIndexTimer)
        await themeIndexLoad
        await closeChromium()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await service.close()
      },
    }
  } catch (error) {
    await opened?.close()
    server.close()
    await service.close()
    throw error
  }
}

interface OpenedChromium {
  readonly context: BrowserContext
  readonly page: Page
  close(): Promise<void>
}

/** A fresh, isolated context and tab, as the end-to-end specs want it. */
async function openTestPage(options: BrowserHostOptions): Promise<OpenedChromium> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), headless: options.headless, args: CHROMIUM_ARGS })
  try {
    const context = await browser.newContext({
      locale: options.locale ?? 'en-GB',
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport === undefined ? { width: 1320, height: 860 } : options.viewport,
    })
    return { context, page: await context.newPage(), close: () => browser.close() }
  } catch (error) {
    await browser.close()
    throw error
  }
}

/**
 * One plain window in Chromium's app mode (`--app=URL`: no tabs, no address bar), for people.
 * App mode needs a persistent profile, kept in a temp folder and removed on close. The window
 * first shows an empty page of the app's own origin, so that the bridge is installed before the
 * app loads and the window never leaves that origin (which would bring back a URL bar). Chromium's
 * own sandbox stays on, except as root, where Chromium refuses to start with it.
 */
async function openAppWindow(options: BrowserHostOptions, origin: string): Promise<OpenedChromium> {
  const profile = await mkdtemp(join(tmpdir(), 'briefing-desk-chromium-'))
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumExecutable(),
      headless: options.headless,
      chromiumSandbox: process.getuid?.() !== 0,
      args: [...CHROMIUM_ARGS, `--app=${origin}${STARTING_PAGE}`, '--window-size=1320,860'],
      // Playwright opens about:blank beside the app window unless told not to.
      ignoreDefaultArgs: ['about:blank'],
      locale: options.locale ?? 'en-GB',
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport === undefined ? null : options.viewport,
    })
    const page = context.pages()[0] ?? (await context.waitForEvent('page'))
    return {
      context,
      page,
      async close() {
        // The browser may be gone already (its last window closed, or the display it ran on went
        // away): closing it then rejects, and the library must still be closed after it.
        await context.close().catch(() => undefined)
        await rm(profile, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await rm(profile, { recursive: true, force: true })
    throw error
  }
}
