import { readFileSync } from 'node:fs'
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas'

/**
 * Test scans made from the project's own sample texts: the text set in the bundled Noto Serif on
 * a white A4 page, as a scanner would give it, then spoiled on purpose (noise, skew, JPEG, lower
 * resolution). Used by the OCR tests and bench/ocr.bench.ts; nothing here is product code.
 */

const FONTS = new URL('../../resources/fonts/', import.meta.url)
let registered = false

/** The Noto subsets as three families, listed together so that each letter finds its subset. */
function registerFonts(): string {
  if (!registered) {
    GlobalFonts.register(readFileSync(new URL('noto-serif-latin-400-normal.woff2', FONTS)), 'ScanSerifLatin')
    GlobalFonts.register(readFileSync(new URL('noto-serif-vietnamese-400-normal.woff2', FONTS)), 'ScanSerifVi')
    GlobalFonts.register(readFileSync(new URL('noto-serif-latin-ext-400-normal.woff2', FONTS)), 'ScanSerifLatinExt')
    registered = true
  }
  return 'ScanSerifLatin, ScanSerifVi, ScanSerifLatinExt'
}

/** A sample article's story paragraphs (no date line, no photo caption, no bracketed links), as plain text. */
export function sampleParagraphs(name: string, count = 4): string[] {
  const text = readFileSync(new URL(`../../data/samples/${name}`, import.meta.url), 'utf8').normalize('NFC')
  return text
    .split(/\n\s*\n/u)
    .map((paragraph) => paragraph.replace(/\s+/gu, ' ').trim())
    .filter((paragraph) => paragraph.length > 80 && !paragraph.startsWith('date ') && !paragraph.startsWith('['))
    .slice(0, count)
}

export const VIETNAMESE_SAMPLE = '01-tham-van-chinh-tri-viet-nam-peru.txt'
export const ENGLISH_SAMPLE = '03-bitel-schools-education-ties.txt'

export interface PageOptions {
  /** Dots per inch of the scan (an A4 page is 8.27 × 11.69 in). */
  readonly dpi?: number
  /** Type size in points. */
  readonly points?: number
}

function wrap(context: SKRSContext2D, paragraph: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of paragraph.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (line !== '' && context.measureText(candidate).width > width) {
      lines.push(line)
      line = word
    } else line = candidate
  }
  if (line !== '') lines.push(line)
  return lines
}

/** Paragraphs set on a white A4 page: 11 pt Noto Serif, one-inch margins, a blank line between paragraphs. */
export function renderPage(paragraphs: readonly string[], options: PageOptions = {}): Canvas {
  const dpi = options.dpi ?? 300
  const canvas = createCanvas(Math.round(8.27 * dpi), Math.round(11.69 * dpi))
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.fillStyle = '#000'
  const size = ((options.points ?? 11) / 72) * dpi
  context.font = `${size}px ${registerFonts()}`
  const margin = dpi
  const lineHeight = size * 1.45
  let y = margin + size
  for (const paragraph of paragraphs) {
    for (const line of wrap(context, paragraph, canvas.width - 2 * margin)) {
      context.fillText(line, margin, y)
      y += lineHeight
    }
    y += lineHeight * 0.8
  }
  return canvas
}

/** A small deterministic generator (mulberry32), so that a noisy page is the same every run. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Scanner noise: a share of the pixels flipped to black or white, and a little grey jitter everywhere. */
export function addNoise(canvas: Canvas, share = 0.01, seed = 7): Canvas {
  const context = canvas.getContext('2d')
  const image = context.getImageData(0, 0, canvas.width, canvas.height)
  const next = random(seed)
  const data = image.data
  for (let i = 0; i < data.length; i += 4) {
    let value = data[i]!
    const roll = next()
    if (roll < share / 2) value = 0
    else if (roll < share) value = 255
    else value = Math.max(0, Math.min(255, value + Math.round((next() - 0.5) * 40)))
    data[i] = data[i + 1] = data[i + 2] = value
  }
  context.putImageData(image, 0, 0)
  return canvas
}

/** The page turned by a small angle on the scanner's glass (white around it). */
export function skew(canvas: Canvas, degrees = 1): Canvas {
  const turned = createCanvas(canvas.width, canvas.height)
  const context = turned.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, turned.width, turned.height)
  context.translate(turned.width / 2, turned.height / 2)
  context.rotate((degrees * Math.PI) / 180)
  context.drawImage(canvas, -canvas.width / 2, -canvas.height / 2)
  return turned
}

export function png(canvas: Canvas): Buffer {
  return canvas.toBuffer('image/png')
}

export function jpeg(canvas: Canvas, quality = 60): Buffer {
  return canvas.toBuffer('image/jpeg', quality)
}

export function webp(canvas: Canvas, quality = 80): Buffer {
  return canvas.toBuffer('image/webp', quality)
}

/** The text OCR should give back, with all white space as single spaces (the measure ignores layout). */
export function flatten(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim()
}

/** Character error rate: Levenshtein distance over NFC text, divided by the reference's length. */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const a = [...flatten(reference)]
  const b = [...flatten(hypothesis)]
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return a.length === 0 ? 0 : previous[b.length]! / a.length
}
