/**
 * The print options both printers use (chromium-pdf.ts, electron/main/pdf-printer.ts), in one place
 * so that the app and the CLI make the same document: the page size and margins come from the
 * page's own @page rule, backgrounds print, and the PDF is tagged (its structure, headings, lists
 * and tables, is there for screen readers and reflow) with an outline built from the headings.
 * Tagging costs 20 to 30 % of the print's wall time (docs/briefs.md has the figures); it is kept
 * because a brief must be readable by everyone it is sent to.
 */
export const PDF_PRINT_OPTIONS = {
  preferCSSPageSize: true,
  printBackground: true,
  tagged: true,
  outline: true,
} as const
