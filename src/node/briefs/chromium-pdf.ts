import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
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
 * and kept for the next ones until close() (the service's close); each print gets a fresh,
 * empty browser context that is thrown away after it, so nothing carries from one brief to the
 * next. Playwright kills the browser if the process exits without closing it.
 */
export function chromiumPdfPort(executable = chromiumPath()): PdfPort {
  let browser: Promise<Browser> | null = null

  async function launch(): Promise<Browser> {
    // Loaded on first print: playwright-core is large, and most commands never print.
    const { chromium } = await import('playwright-core')
    const launched = await chromium.launch({ executablePath: executable, headless: true, args: ARGS })
    // A crashed or killed browser is started again on the next print.
    launched.on('disconnected', () => {
      browser = null
    })
    return launched
  }

  return {
    async print(html) {
      if (!existsSync(executable)) throw new AppError('export.noChromium', { path: executable })
      try {
        const started = (browser ??= launch().catch((error: unknown) => {
          browser = null
          throw error
        }))
        const context = await (await started).newContext({ javaScriptEnabled: false, offline: true })
        try {
          await context.route('**/*', (route) => route.abort())
          const page = await context.newPage()
          await page.setContent(html, { waitUntil: 'load' })
          // Fonts load when first laid out (the page's off-screen font lines, print-only-page.ts):
          // lay the page out now, then wait for them, since a print started earlier would draw
          // their text blank or in a fallback font. JavaScript is off for the page, not for this.
          await page.evaluate('void document.body.offsetHeight, document.fonts.ready.then(() => undefined)')
          return await page.pdf({ ...PDF_PRINT_OPTIONS })
        } finally {
          await context.close()
        }
      } catch (error) {
        if (error instanceof AppError) throw error
        throw new AppError('export.pdfFailed', { reason: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '' })
      }
    },

    async close() {
      const running = browser
      browser = null
      if (running !== null) await (await running.catch(() => null))?.close()
    },
  }
}
