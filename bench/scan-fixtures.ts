import { readFileSync } from 'node:fs'
import { createCanvas, GlobalFonts, PDFDocument, type Canvas, type SKRSContext2D } from '@napi-rs/canvas'
import { editDistance } from './edit-distance'

/**
 * Test scans made from the project's own sample texts: the text set in the bundled Noto Serif on
 * a white A4 page, as a scanner would give it, then spoiled on purpose (noise, skew, JPEG, lower
 * resolution). Used by the OCR tests (test/ocr/) and bench/ocr.bench.ts; nothing here is product code.
 */

const FONTS = new URL('../resources/fonts/', import.meta.url)
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
  const text = readFileSync(new URL(`../data/samples/${name}`, import.meta.url), 'utf8').normalize('NFC')
  return text
    .split(/\n\s*\n/u)
    .map((paragraph) => paragraph.replace(/\s+/gu, ' ').trim())
    .filter((paragraph) => paragraph.length > 80 && !paragraph.startsWith('date ') && !paragraph.startsWith('['))
    .slice(0, count)
}

export const VIETNAMESE_SAMPLE = '01-tham-van-chinh-tri-viet-nam-peru.txt'
export const ENGLISH_SAMPLE = '03-bitel-schools-education-ties.txt'
/** Vietnamese text kept out of tuning (preprocessing, post-correction): a check against overfitting. */
export const HELD_OUT_VIETNAMESE_SAMPLE = '04-apec-2024-lima-apec-2027.txt'

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

/**
 * A small deterministic generator (mulberry32), so that a noisy page is the same every run (and a
 * failing randomised test can be replayed: the edit-distance test draws from it too).
 */
export function random(seed: number): () => number {
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

/** Character error rate: Levenshtein distance over NFC text, divided by the reference's length (bit-parallel: edit-distance.ts). */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const a = [...flatten(reference)].map((char) => char.codePointAt(0)!)
  const b = [...flatten(hypothesis)].map((char) => char.codePointAt(0)!)
  return a.length === 0 ? 0 : editDistance(a, b) / a.length
}

/**
 * The character edits that turn the reference into the hypothesis (both flattened), each with a
 * little of the reference around it: what OCR got wrong, for reading (BENCH_OCR_DIFF=1).
 */
export function characterErrors(reference: string, hypothesis: string): string[] {
  const a = [...flatten(reference)]
  const b = [...flatten(hypothesis)]
  const rows: Uint32Array[] = [Uint32Array.from({ length: b.length + 1 }, (_, j) => j)]
  for (let i = 1; i <= a.length; i++) {
    const row = new Uint32Array(b.length + 1)
    row[0] = i
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    rows.push(row)
  }
  const around = (i: number): string => a.slice(Math.max(0, i - 10), i + 10).join('')
  const edits: string[] = []
  let i = a.length
  let j = b.length
  while (i > 0 || j > 0) {
    const same = i > 0 && j > 0 && a[i - 1] === b[j - 1]
    if (i > 0 && j > 0 && rows[i]![j] === rows[i - 1]![j - 1]! + (same ? 0 : 1)) {
      if (!same) edits.push(`${a[i - 1]} → ${b[j - 1]}  in "${around(i - 1)}"`)
      i--
      j--
    } else if (i > 0 && rows[i]![j] === rows[i - 1]![j]! + 1) {
      edits.push(`${a[i - 1]} dropped  in "${around(i - 1)}"`)
      i--
    } else {
      edits.push(`${b[j - 1]} added  in "${around(i)}"`)
      j--
    }
  }
  return edits.reverse()
}

/** Pages as one uncompressed 8-bit greyscale TIFF, one image (IFD) per page, as a sheet-fed scanner writes them. */
export function tiff(pages: readonly Canvas[]): Buffer {
  const parts: Buffer[] = []
  const header = Buffer.alloc(8)
  header.write('II', 0, 'latin1')
  header.writeUInt16LE(42, 2)
  parts.push(header)
  let offset = 8
  const links: { buffer: Buffer; at: number }[] = []
  for (const canvas of pages) {
    const rgba = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
    const grey = Buffer.alloc(canvas.width * canvas.height)
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!
    const stripOffset = offset
    parts.push(grey)
    offset += grey.length
    const entries: [number, number, number][] = [
      [256, 4, canvas.width],
      [257, 4, canvas.height],
      [258, 3, 8],
      [259, 3, 1],
      [262, 3, 1],
      [273, 4, stripOffset],
      [277, 3, 1],
      [278, 4, canvas.height],
      [279, 4, grey.length],
    ]
    const ifd = Buffer.alloc(2 + entries.length * 12 + 4)
    ifd.writeUInt16LE(entries.length, 0)
    entries.forEach(([tag, type, value], i) => {
      ifd.writeUInt16LE(tag, 2 + i * 12)
      ifd.writeUInt16LE(type, 4 + i * 12)
      ifd.writeUInt32LE(1, 6 + i * 12)
      if (type === 3) ifd.writeUInt16LE(value, 10 + i * 12)
      else ifd.writeUInt32LE(value, 10 + i * 12)
    })
    const previous = links[links.length - 1]
    if (previous === undefined) header.writeUInt32LE(offset, 4)
    else previous.buffer.writeUInt32LE(offset, previous.at)
    links.push({ buffer: ifd, at: 2 + entries.length * 12 })
    parts.push(ifd)
    offset += ifd.length
  }
  return Buffer.concat(parts)
}

/** A PNG that claims a huge image (a decompression bomb's header): valid signature and IHDR, then nothing. */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25)
  ihdr.writeUInt32BE(13, 0)
  ihdr.write('IHDR', 4, 'latin1')
  ihdr.writeUInt32BE(width, 8)
  ihdr.writeUInt32BE(height, 12)
  ihdr.writeUInt8(8, 16)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, Buffer.alloc(64)])
}

/**
 * A mixed PDF (A4 pages, in points): page 1 set as text (a text layer, drawn by Skia's PDF backend
 * with the Noto fonts embedded), page 2 a scanned image with no text layer.
 */
export function mixedPdf(textParagraphs: readonly string[], scan: Canvas): Buffer {
  const document = new PDFDocument({ title: '' })
  const width = 595
  const height = 842
  const text = document.beginPage(width, height)
  text.fillStyle = '#000'
  text.font = `11px ${registerFonts()}`
  let y = 90
  for (const paragraph of textParagraphs) {
    for (const line of wrap(text as unknown as SKRSContext2D, paragraph, width - 144)) {
      text.fillText(line, 72, y)
      y += 16
    }
    y += 12
  }
  document.endPage()
  const image = document.beginPage(width, height) as unknown as SKRSContext2D
  image.drawImage(scan, 0, 0, width, height)
  document.endPage()
  return document.close()
}

/**
 * A PDF protected by a password (the standard security handler, revision 2): the user password is
 * not empty, so no reader opens it without asking.
 */
export function encryptedPdf(): Buffer {
  const hex32 = 'a1'.repeat(32)
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex32}> /U <${hex32}> /P -4 >>`,
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'0'.repeat(32)}> <${'0'.repeat(32)}>] >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
