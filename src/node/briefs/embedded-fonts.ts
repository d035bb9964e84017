import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { appRoot } from '../app-root'

/**
 * The bundled Noto fonts as @font-face rules with data: URLs, for exports that must render alike
 * anywhere and fetch nothing: Noto Serif for the text, Noto Sans for headings. Each face comes in
 * latin, latin-ext and vietnamese files; unicode-range picks the file per character, as in the app.
 * Checked: Chromium embeds them in a PDF whose text layer pdftotext reads back exactly, ụ ị ọ
 * included, when the text is NFC (render-brief-html.ts normalises it).
 */
const SUBSETS = {
  latin:
    'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  'latin-ext':
    'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
  vietnamese:
    'U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB',
} as const

/** The faces embedded, in the order of their rules. */
export const EMBEDDED_FACES = [
  { family: 'Noto Serif', file: 'noto-serif', weight: 400, style: 'normal' },
  { family: 'Noto Serif', file: 'noto-serif', weight: 700, style: 'normal' },
  { family: 'Noto Serif', file: 'noto-serif', weight: 400, style: 'italic' },
  { family: 'Noto Sans', file: 'noto-sans', weight: 600, style: 'normal' },
] as const

let cached: Promise<string> | null = null

/** The CSS, read once per process (about 300 KB). */
export function embeddedFontsCss(): Promise<string> {
  cached ??= build()
  return cached
}

async function build(): Promise<string> {
  const dir = join(appRoot(), 'resources', 'fonts')
  const rules: string[] = []
  for (const face of EMBEDDED_FACES) {
    for (const [subset, range] of Object.entries(SUBSETS)) {
      const bytes = await readFile(join(dir, `${face.file}-${subset}-${face.weight}-${face.style}.woff2`))
      rules.push(
        `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};` +
          `src:url(data:font/woff2;base64,${bytes.toString('base64')}) format('woff2');unicode-range:${range}}`,
      )
    }
  }
  return rules.join('\n')
}
