import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BrowserWindow, session, type WebContents } from 'electron'
import type { PdfPort } from '../../src/node/briefs/pdf-port'
import { PDF_PRINT_OPTIONS } from '../../src/node/briefs/print-options'

/**
 * PDF printing in the app: the export's standalone HTML, loaded from a temp file into a hidden,
 * sandboxed window with JavaScript off, in its own in-memory session that refuses every request
 * but the page being printed (fonts and images are data: URLs inside it), then, once its fonts
 * have loaded, webContents.printToPDF. The page's print CSS sets the page size, margins, marking
 * and page numbers, as in the CLI.
 *
 * The window is made on the first print and kept for the next ones (making one costs more than a
 * print): prints take turns in it, and after each the page is blanked and its temp file deleted,
 * so no brief stays loaded. close() destroys it; the app calls it when its main window closes,
 * because a hidden window left open would keep 'window-all-closed' from ever firing.
 */
export function electronPdfPort(): PdfPort {
  let printer: Printer | null = null
  let turn: Promise<unknown> = Promise.resolve()

  return {
    print(html) {
      const job = turn.then(() => {
        if (printer === null || printer.window.isDestroyed()) printer = newPrinter()
        return printWith(printer, html)
      })
      turn = job.catch(() => undefined)
      return job
    },
    async close() {
      if (printer !== null && !printer.window.isDestroyed()) printer.window.destroy()
      printer = null
    },
  }
}

interface Printer {
  readonly window: BrowserWindow
  /** The one URL the window may load now: the temp file being printed, or nothing. */
  allowedUrl: string | null
}

function newPrinter(): Printer {
  const printSession = session.fromPartition(`print-${randomBytes(4).toString('hex')}`, { cache: false })
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printSession,
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: false,
    },
  })
  const printer: Printer = { window, allowedUrl: null }
  printSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(details.url === printer.allowedUrl || details.url.startsWith('data:')) })
  })
  return printer
}

async function printWith(printer: Printer, html: string): Promise<Uint8Array> {
  const file = join(tmpdir(), `briefing-desk-print-${randomBytes(8).toString('hex')}.html`)
  await writeFile(file, html, { encoding: 'utf8', mode: 0o600 })
  try {
    printer.allowedUrl = pathToUrl(file)
    await printer.window.loadFile(file)
    await waitForFonts(printer.window.webContents)
    const { preferCSSPageSize, printBackground, tagged, outline } = PDF_PRINT_OPTIONS
    const pdf = await printer.window.webContents.printToPDF({ preferCSSPageSize, printBackground, generateTaggedPDF: tagged, generateDocumentOutline: outline })
    return new Uint8Array(pdf)
  } finally {
    printer.allowedUrl = null
    // The brief leaves the hidden window's memory as its file leaves the disk.
    if (!printer.window.isDestroyed()) await printer.window.loadURL('about:blank').catch(() => undefined)
    await rm(file, { force: true })
  }
}

/**
 * Fonts load when first laid out (the page's off-screen font lines, print-only-page.ts), and a
 * print started while one loads draws its text blank or in a fallback font: lay the page out,
 * then wait for document.fonts.ready, as the CLI's Chromium path does (chromium-pdf.ts). The
 * page itself runs no JavaScript (javascript: false, and its CSP allows no script); this is
 * evaluated through the DevTools protocol, which is how Playwright evaluates in the CLI's page
 * with JavaScript off. Should the protocol refuse, the print goes ahead as before, with a warning.
 */
const LAYOUT_THEN_FONTS = 'void document.body.offsetHeight, document.fonts.ready.then(() => undefined)'

async function waitForFonts(contents: WebContents): Promise<void> {
  try {
    if (!contents.debugger.isAttached()) contents.debugger.attach('1.3')
    const result = (await contents.debugger.sendCommand('Runtime.evaluate', { expression: LAYOUT_THEN_FONTS, awaitPromise: true, returnByValue: true })) as { exceptionDetails?: { text?: string } }
    // A script error comes back as a result, not a rejection.
    if (result.exceptionDetails !== undefined) throw new Error(result.exceptionDetails.text ?? 'the page refused the font wait')
  } catch (error) {
    console.warn('[briefing-desk] could not wait for the PDF page fonts:', error)
  }
}

function pathToUrl(file: string): string {
  return new URL(`file://${file.startsWith('/') ? '' : '/'}${file.replaceAll('\\', '/')}`).href
}
