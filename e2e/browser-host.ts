import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { apiMethodNames } from '../src/common/api-methods'
import { CONTENT_SECURITY_POLICY } from '../src/common/csp'
import type { MenuCommand } from '../src/common/menu-commands'
import { fail } from '../src/common/errors'
import type { DialogPort } from '../src/node/dialogs'
import { createDispatcher } from '../src/node/dispatch'
import { BriefingService } from '../src/node/service'
import { rendererHeaders, resolveStaticPath } from '../src/node/static-files'

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

const BINDING = '__briefingDeskInvoke'

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

/**
 * A worker thread's script as electron-vite bundled it for the app (out/main/chunks/<name>-<hash>.js),
 * so this host runs the very workers the desktop app runs; null when the main process was not
 * built (the service then runs the worker from source).
 */
function builtWorker(rendererDir: string, name: 'search-worker' | 'parse-worker'): string | null {
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

  let browser: Browser | undefined
  try {
    browser = await chromium.launch({
      executablePath: chromiumExecutable(),
      headless: options.headless,
      args: CHROMIUM_ARGS,
    })
    const context = await browser.newContext({
      locale: options.locale ?? 'en-GB',
      colorScheme: options.colorScheme ?? 'light',
      viewport: options.viewport === undefined ? { width: 1320, height: 860 } : options.viewport,
    })
    // The same sender check as electron/main/ipc.ts: only the app's own page may call.
    await context.exposeBinding(BINDING, ({ frame }, method: unknown, input: unknown) => {
      if (new URL(frame.url()).origin !== origin) return fail('api.untrustedSender')
      return dispatch(method, input)
    })
    await context.addInitScript(
      ({ names, binding }) => {
        const invoke = (name: string, input: unknown) =>
          (window as unknown as Record<string, (name: string, input: unknown) => Promise<unknown>>)[binding]?.(name, input)
        const api = Object.freeze(Object.fromEntries(names.map((name) => [name, (input?: unknown) => invoke(name, input)])))
        Object.defineProperty(window, 'api', { value: api, enumerable: true })
        // The application menu's commands: the harness fires them with menuCommand() below.
        const listeners = new Set<(command: string) => void>()
        const appEvents = Object.freeze({
          onMenuCommand(listener: (command: string) => void) {
            listeners.add(listener)
            return () => void listeners.delete(listener)
          },
        })
        Object.defineProperty(window, 'appEvents', { value: appEvents, enumerable: true })
        Object.defineProperty(window, '__briefingDeskMenuCommand', { value: (command: string) => listeners.forEach((listener) => listener(command)) })
      },
      { names: [...apiMethodNames], binding: BINDING },
    )
    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(`${origin}/index.html`)
    const openedBrowser = browser
    return {
      page,
      context,
      origin,
      requests,
      async menuCommand(command) {
        await page.evaluate((name) => (window as unknown as { __briefingDeskMenuCommand: (name: string) => void }).__briefingDeskMenuCommand(name), command)
      },
      async close() {
        await openedBrowser.close()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await service.close()
      },
    }
  } catch (error) {
    await browser?.close()
    server.close()
    await service.close()
    throw error
  }
}
