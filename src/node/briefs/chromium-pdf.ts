import { existsSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { AppError } from '../../common/errors'
import type { PdfPort } from './pdf-port'
import { PDF_PRINT_OPTIONS } from './print-options'

/** Where Chromium is: CHROMIUM_PATH, else Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['CHROMIUM_PATH'] || '/usr/bin/chromium'
}

// No lookups, no component updates: the page has nothing to fetch and Chromium must not phone home.
const ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/**
 * PDF printing outside Electron: a headless Chromium with JavaScript off and every request
 * refused (the page's fonts are data: URLs, which are not requests). Starting Chromium is most of
 * what a print costs (seconds on a loaded machine), so the browser is started on the first print
 * and kept for the next ones until close() (the service's close). Each print gets a fresh, empty
 * browser context that is thrown away after it, so nothing carries from one brief to the next.
 *
 * A new context's first page starts a renderer process: about 0.35 s, a sixth of a 200-passage
 * export. So once a print is done, the next one's empty context and page are made at once, while
 * nobody waits (the spare), and the used context is closed without keeping the caller waiting.
 * A one-off export (the CLI's `export`) asks for no spare: it would only slow the browser's close.
 * Playwright kills the browser if the process exits without closing it.
 */
export function chromiumPdfPort(executable = chromiumPath(), { spare: keepSpare = true }: { readonly spare?: boolean } = {}): PdfPort {
  let browser: Promise<Browser> | null = null
  let spare: Promise<Tab> | null = null

  function launch(): Promise<Browser> {
    const starting = (async () => {
      // Loaded on first print: playwright-core is large, and most commands never print.
      const { chromium } = await import('playwright-core')
      const launched = await chromium.launch({ executablePath: executable, headless: true, args: ARGS })
      // A crashed or killed browser is started again on the next print. Its end is reported late
      // under load, possibly after a print has already started its successor: forget it only if
      // it is still the current one, or the successor would run on unseen and never be closed.
      launched.on('disconnected', () => forget(starting))
      return launched
    })()
    starting.catch(() => forget(starting))
    return starting
  }

  /** Drops a browser that ended (and its spare page) if it is still the current one. */
  function forget(ended: Promise<Browser>): void {
    if (browser !== ended) return
    browser = null
    spare = null
  }

  async function openTab(): Promise<Tab> {
    const running = await (browser ??= launch())
    return whileConnected(running, (async () => {
      const context = await running.newContext({ javaScriptEnabled: false, offline: true })
      try {
        await context.route('**/*', (route) => route.abort())
        return { context, page: await context.newPage() }
      } catch (error) {
        await context.close().catch(() => undefined)
        throw error
      }
    })())
  }

  /** Closes a used or unusable context in the background (close() closing the browser ends any left). */
  function discard(tab: Tab): void {
    tab.context.close().catch(() => undefined)
  }

  /** The spare if there is one (an unusable spare is dropped for a new tab), else a new tab. */
  async function takeTab(): Promise<Tab> {
    const ready = spare
    spare = null
    if (ready !== null) {
      const tab = await ready.catch(() => null)
      if (tab !== null && !tab.page.isClosed()) return tab
      if (tab !== null) discard(tab)
    }
    return openTab()
  }

  async function printIn(tab: Tab, html: string): Promise<Uint8Array> {
    const running = tab.context.browser()
    const printing = (async () => {
      await tab.page.setContent(html, { waitUntil: 'load' })
      // Fonts load when first laid out (the page's off-screen font lines, print-only-page.ts):
      // lay the page out now, then wait for them, since a print started earlier would draw
      // their text blank or in a fallback font. JavaScript is off for the page, not for this.
      await tab.page.evaluate('void document.body.offsetHeight, document.fonts.ready.then(() => undefined)')
      return tab.page.pdf({ ...PDF_PRINT_OPTIONS })
    })()
    return running === null ? printing : whileConnected(running, printing)
  }

  /** One print in the spare or a new tab; the next print's spare is made as this one ends. */
  async function printOnce(html: string): Promise<Uint8Array> {
    const tab = await takeTab()
    try {
      return await printIn(tab, html)
    } finally {
      discard(tab)
      if (keepSpare && spare === null && browser !== null) {
        spare = openTab()
        // A spare that fails is dropped; the next print makes its own tab and reports why.
        spare.catch(() => undefined)
      }
    }
  }

  /** Forgets the current browser if it has ended (its report may not have arrived yet). */
  async function forgetEnded(): Promise<void> {
    const current = browser
    if (current === null) return
    const running = await current.catch(() => null)
    if (running === null || !running.isConnected()) forget(current)
  }

  return {
    async print(html) {
      if (!existsSync(executable)) throw new AppError('export.noChromium', { path: executable })
      try {
        try {
          return await printOnce(html)
        } catch (error) {
          // The browser died between prints (crashed, killed, out of memory) and the report of
          // its end had not arrived, so this print was handed its dead page. Printing is not what
          // failed: forget that browser and print once more in a new one.
          if (!browserEnded(error)) throw error
          await forgetEnded()
          return await printOnce(html)
        }
      } catch (error) {
        if (error instanceof AppError) throw error
        throw new AppError('export.pdfFailed', { reason: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '' })
      }
    },

    async close() {
      const running = browser
      browser = null
      // Closing the browser closes the spare too, or ends its making: a one-off export (the CLI)
      // does not wait for a page it will never use.
      spare = null
      if (running !== null) await (await running.catch(() => null))?.close()
    },
  }
}

/**
 * The work's result, or a rejection as soon as the browser ends. Playwright leaves a page being
 * made when its browser is killed unsettled for ever (newPage waits for a renderer that will
 * never report), and a print waiting for that page waited until the test's time ran out.
 */
function whileConnected<T>(running: Browser, work: Promise<T>): Promise<T> {
  let stop = (): void => undefined
  const ended = new Promise<never>((_, reject) => {
    const onEnd = (): void => reject(new BrowserEnded())
    if (!running.isConnected()) return onEnd()
    running.once('disconnected', onEnd)
    stop = () => running.off('disconnected', onEnd)
  })
  work.catch(() => undefined)
  return Promise.race([work, ended]).finally(stop)
}

class BrowserEnded extends Error {
  constructor() {
    super('The browser ended')
  }
}

/**
 * Whether a print failed because its browser ended: our own report, or Playwright's when it saw
 * the end first (it has no exported class for it, only this message).
 */
function browserEnded(error: unknown): boolean {
  return error instanceof BrowserEnded || (error instanceof Error && error.message.includes('has been closed'))
}

interface Tab {
  readonly context: BrowserContext
  readonly page: Page
}
