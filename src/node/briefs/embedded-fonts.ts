import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { appRoot } from '../app-root'
import { formatUnicodeRange, parseUnicodeRange, rangesCover, subtractRanges, type Interval } from './unicode-ranges'

/**
 * The bundled Noto fonts as @font-face rules with data: URLs, for exports that must render alike
 * anywhere and fetch nothing: Noto Serif for the text, Noto Sans for headings. Each face comes in
 * latin, latin-ext and vietnamese files; unicode-range picks the file per character, as in the app.
 * Checked: Chromium embeds them in a PDF whose text layer pdftotext reads back exactly, ụ ị ọ
 * included, when the text is NFC (render-brief-html.ts normalises it).
 *
 * The three ranges overlap (ă, đ, ơ, ư are in both latin-ext and vietnamese). CSS picks the face
 * declared last among those whose range holds a character, but Chromium, while that file loads,
 * also starts loading the next one in line as a fallback: every Vietnamese page loaded the large
 * latin-ext files (55 to 67 KB each) for nothing, about 0.3 s of a PDF export. So each file's range
 * here leaves out what a file declared after it covers (the same choice CSS would make), and a page
 * embeds only the files that hold one of its characters.
 */
export const SUBSETS = {
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

type Subset = keyof typeof SUBSETS
const SUBSET_ORDER = Object.keys(SUBSETS) as Subset[]

/** Each file's range without what the files declared after it cover: no character is in two. */
export const DISJOINT_RANGES = {} as Record<Subset, readonly Interval[]>
SUBSET_ORDER.forEach((subset, index) => {
  const later = SUBSET_ORDER.slice(index + 1).map((next) => parseUnicodeRange(SUBSETS[next]))
  DISJOINT_RANGES[subset] = later.reduce(subtractRanges, parseUnicodeRange(SUBSETS[subset]))
})

const fontData = new Map<string, Promise<string>>()

/** A font file as base64, read once per process. */
function base64Of(file: string): Promise<string> {
  let data = fontData.get(file)
  if (data === undefined) {
    data = readFile(join(appRoot(), 'resources', 'fonts', file)).then((bytes) => bytes.toString('base64'))
    data.catch(() => fontData.delete(file))
    fontData.set(file, data)
  }
  return data
}

/** The subsets holding at least one character of `text`. */
export function subsetsFor(text: string): Subset[] {
  const codes = new Set<number>()
  for (const character of text) codes.add(character.codePointAt(0)!)
  return SUBSET_ORDER.filter((subset) => [...codes].some((code) => rangesCover(DISJOINT_RANGES[subset], code)))
}

/** The @font-face rules of every embedded face, with only the files that `text`'s characters need. */
export async function embeddedFontsCss(text: string): Promise<string> {
  const subsets = subsetsFor(text)
  const rules: string[] = []
  for (const face of EMBEDDED_FACES) {
    for (const subset of subsets) {
      const data = await base64Of(`${face.file}-${subset}-${face.weight}-${face.style}.woff2`)
      rules.push(
        `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${formatUnicodeRange(DISJOINT_RANGES[subset])}}`,
      )
    }
  }
  return rules.join('\n')
}
