import { localizedMarking } from '../../common/brief/default-markings'
import { renderBriefBodyHtml } from '../../common/brief/render-body-html'
import { translate, type Locale } from '../../common/i18n/translate'
import type { Brief } from '../../common/model/brief'
import { nodeSanitizer } from '../markdown'
import { embeddedFontsCss } from './embedded-fonts'
import { fontWarmupHtml, PRINT_ONLY_CSS } from './print-only-page'

/** Nothing may load but the inline styles and the embedded fonts and images: no script, no network. */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:"

export interface BriefHtmlOptions {
  readonly locale: Locale
  readonly generatedAt: string
  readonly orphanedAnnotationIds: ReadonlySet<string>
  readonly keyFigures?: boolean
  /**
   * A page made only to be printed to PDF: the brief hidden from the screen, so that Chromium lays
   * it out only to print it (print-only-page.ts). Not for the HTML export, which people open.
   */
  readonly printOnly?: boolean
}

/**
 * A brief as one standalone HTML page, the source of both the HTML and the PDF export: UTF-8, the
 * fonts embedded (the files its characters need), a strict CSP, and print CSS whose page header
 * carries the marking once on every printed page and whose footer numbers the pages. On screen the
 * marking opens and closes the brief; in print those two lines give way to the page header, so a
 * one-page PDF reads the marking once, not four times. The body is the Markdown export
 * without its front matter (metadata for tools, not for readers), rendered block by block and
 * sanitised as the preview is (render-body-html.ts), with DOMPurify bound to jsdom. Text is NFC so
 * that every Vietnamese letter is one code point in the PDF's text layer.
 */
export async function renderBriefHtml(brief: Brief, options: BriefHtmlOptions): Promise<string> {
  const bodyHtml = renderBriefBodyHtml(
    brief,
    {
      locale: options.locale,
      generatedAt: options.generatedAt,
      orphanedAnnotationIds: options.orphanedAnnotationIds,
      ...(options.keyFigures === undefined ? {} : { keyFigures: options.keyFigures }),
    },
    nodeSanitizer(),
  )
  const marking = localizedMarking(brief.marking, options.locale)
  const markingText = marking === '' ? '' : `${translate(options.locale, 'brief.md.marking')}: ${marking}`.normalize('NFC')
  const markingCss = markingText === '' ? 'none' : cssString(markingText)
  // The margin boxes print the marking and the page numbers ("3 / 7"), the body its own text.
  // Each character once: the font files to embed and the warm-up lines only ask which it holds.
  const pageCharacters = [...new Set(`${markingText}0123456789 /${bodyHtml}`)].join('')
  const warmup = options.printOnly === true ? `\n${fontWarmupHtml(pageCharacters)}` : ''
  return `<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(brief.title.normalize('NFC'))}</title>
<style>
${await embeddedFontsCss(pageCharacters)}
${PAGE_CSS.replaceAll('MARKING', markingCss)}${options.printOnly === true ? PRINT_ONLY_CSS : ''}
</style>
</head>
<body>${warmup}
<main class="brief">
${bodyHtml}
</main>
</body>
</html>
`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** A CSS string literal: quotes, backslashes, line breaks and "<" (which could end the style element) escaped. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r\f]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`
}

const PAGE_CSS = `
:root { color-scheme: light; }
html { font-family: 'Noto Serif', serif; font-size: 11pt; line-height: 1.5; color: #1b1d21; background: #fff; }
body { margin: 0; }
.brief { max-width: 42em; margin: 2em auto; padding: 0 1.5em; }
h1, h2, h3, h4, th { font-family: 'Noto Sans', sans-serif; font-weight: 600; line-height: 1.25; }
h1 { font-size: 1.8em; margin: 0.4em 0 0.3em; padding-bottom: 0.3em; border-bottom: 2px solid #1b1d21; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; break-after: avoid; }
blockquote { margin: 0.8em 0; padding: 0.3em 1em; border-left: 3px solid #8a8f98; color: #2b2e33; break-inside: avoid; }
/* The quote's own paragraphs would add a blank line inside the bar, above and below the text. */
blockquote > :first-child { margin-top: 0; }
blockquote > :last-child { margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.92em; }
th, td { border: 1px solid #c5c8ce; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
tr { break-inside: avoid; }
a { color: inherit; }
.brief-marking > p { text-align: center; letter-spacing: 0.04em; }
/* The author's comment under a passage: set apart from the quote, in the brief's sans face. */
.passage-comment { margin: -0.3em 0 1em 1em; padding-left: 0.8em; border-left: 2px solid #c5c8ce; font-family: 'Noto Sans', sans-serif; font-size: 0.92em; color: #3b3f45; break-inside: avoid; }
.passage-comment > :first-child { margin-top: 0; }
.passage-comment > :last-child { margin-bottom: 0; }
@page {
  size: A4;
  margin: 22mm 18mm 20mm;
  @top-center { content: MARKING; font-family: 'Noto Sans', sans-serif; font-weight: 600; font-size: 9pt; }
  @bottom-right { content: counter(page) " / " counter(pages); font-family: 'Noto Serif', serif; font-size: 9pt; }
}
@media print {
  .brief { max-width: none; margin: 0; padding: 0; }
  /* The page header prints the marking on every page (when there is one). */
  .brief-marking { display: none; }
}
`
