import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BrowserWindow, session } from 'electron'
import type { PdfPort } from '../../src/node/briefs/pdf-port'

/**
 * PDF printing in the app: the export's standalone HTML, loaded from a temp file into a hidden,
 * sandboxed window with JavaScript off, in its own in-memory session that refuses every request
 * but the page itself (fonts and images are data: URLs inside it), then webContents.printToPDF.
 * The page's print CSS sets the page size, margins, marking and page numbers, as in the CLI.
 */
export function electronPdfPort(): PdfPort {
  return {
    async print(html) {
      const file = join(tmpdir(), `briefing-desk-print-${randomBytes(8).toString('hex')}.html`)
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 })
      const printSession = session.fromPartition(`print-${randomBytes(4).toString('hex')}`, { cache: false })
      printSession.webRequest.onBeforeRequest((details, callback) => {
        callback({ cancel: !(details.url === pathToUrl(file) || details.url.startsWith('data:')) })
      })
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
      try {
        await window.loadFile(file)
        const pdf = await window.webContents.printToPDF({ preferCSSPageSize: true, printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true })
        return new Uint8Array(pdf)
      } finally {
        window.destroy()
        await rm(file, { force: true })
      }
    },
  }
}

function pathToUrl(file: string): string {
  return new URL(`file://${file.startsWith('/') ? '' : '/'}${file.replaceAll('\\', '/')}`).href
}
