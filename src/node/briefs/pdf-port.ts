/**
 * Prints a standalone HTML page (render-brief-html.ts) to PDF. The page carries its own page
 * size, margins, header and footer in print CSS, so every printer gives the same document:
 * Electron's webContents.printToPDF in the app (electron/main/pdf-printer.ts), Debian's
 * Chromium driven by playwright-core in the CLI and the test harness (chromium-pdf.ts).
 */
export interface PdfPort {
  print(html: string): Promise<Uint8Array>
}
