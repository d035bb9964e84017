import { EMBEDDED_FACES } from './embedded-fonts'

/**
 * What turns the brief's standalone page into a page made only to be printed (the PDF export),
 * and why: Chromium lays a page out for the screen when it loads, again when its web fonts arrive,
 * twice more to print it, and once more for the screen after printing. For a 200-passage brief each
 * full layout costs 0.2 to 0.5 s (mostly shaping the text), so the three screen layouts were about
 * half of the export. Hiding the brief from the screen (display: none outside print) leaves only
 * the two print layouts; the screen layouts then have nothing to lay out.
 *
 * A hidden brief uses no font, so nothing would load the embedded fonts before printing, and a
 * print started while a font loads draws its text blank or in a fallback font. So the screen shows
 * (off-screen, and hidden from assistive technology) one line per embedded face holding every
 * character of the page: unicode-range then loads exactly the font files that the brief's text
 * needs, in every face, before the print starts (the printers wait for the fonts, chromium-pdf.ts).
 */
export const PRINT_ONLY_CSS = `
@media not print {
  .brief { display: none; }
  .font-warmup { position: absolute; left: -10000px; top: 0; white-space: nowrap; }
${EMBEDDED_FACES.map((face, index) => `  .font-warmup > :nth-child(${index + 1}) { font-family: '${face.family}'; font-weight: ${face.weight}; font-style: ${face.style}; }`).join('\n')}
}
@media print {
  .font-warmup { display: none; }
}
`

/** The off-screen lines that make the fonts load: every distinct character of `text`, in each face. */
export function fontWarmupHtml(text: string): string {
  const characters = [...new Set(text.replace(/\s/gu, ''))]
    .filter((character) => !/\p{Cc}/u.test(character))
    .join('')
    .replace(/[&<>]/g, (character) => `&#${character.charCodeAt(0)};`)
  return `<div class="font-warmup" aria-hidden="true">${EMBEDDED_FACES.map(() => `<div>${characters}</div>`).join('')}</div>`
}
