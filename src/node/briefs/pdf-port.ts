/**
 * Prints a standalone HTML page (render-brief-html.ts) to PDF. The page carries its own page
 * size, margins, header and footer in print CSS, so every printer gives the same document:
 * Electron's webContents.printToPDF in the app (electron/main/pdf-printer.ts), Debian's
 * Chromium driven by playwright-core in the CLI and the test harness (chromium-pdf.ts).
 * A printer may keep its browser or window between prints (starting one costs more than a
 * print); close() lets it go, and is safe to call when nothing was ever printed.
 */
export interface PdfPort {
  print(html: string): Promise<Uint8Array>
  close(): Promise<void>
}
