import { existsSync } from 'node:fs'
import { AppError } from '../../common/errors'
import type { PdfPort } from './pdf-port'

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
 * refused (the page's fonts are data: URLs, which are not requests). One browser per print keeps
 * nothing running between exports; starting it is most of the time a print takes.
 */
export function chromiumPdfPort(executable = chromiumPath()): PdfPort {
  return {
    async print(html) {
      if (!existsSync(executable)) throw new AppError('export.noChromium', { path: executable })
      // Loaded on first print: playwright-core is large, and most commands never print.
      const { chromium } = await import('playwright-core')
      const browser = await chromium.launch({ executablePath: executable, headless: true, args: ARGS })
      try {
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
        await context.route('**/*', (route) => route.abort())
        const page = await context.newPage()
        await page.setContent(html, { waitUntil: 'load' })
        // Fonts load when first used; printing before they are ready would embed a fallback.
        await page.evaluate('document.fonts.ready.then(() => undefined)')
        return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true })
      } catch (error) {
        if (error instanceof AppError) throw error
        throw new AppError('export.pdfFailed', { reason: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '' })
      } finally {
        await browser.close()
      }
    },
  }
}
