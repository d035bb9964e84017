import { readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { chromium, type Browser } from 'playwright-core'
import { chromiumPath } from '../src/node/briefs/chromium-pdf'
import { EMBEDDED_FACES, SUBSETS } from '../src/node/briefs/embedded-fonts'
import { renderBriefHtml } from '../src/node/briefs/render-brief-html'
import { syntheticBrief } from './synthetic-brief'
import { percentile, printTable } from './table'

/**
 * What the print of the 200-passage brief costs depends on, one factor at a time: each variant
 * changes one thing in the page, the print options or the browser's flags, and every variant is
 * printed once per round, interleaved, so that the shared machine's load falls on all of them
 * alike. Not part of `npm run bench` (it takes minutes); run it on its own:
 *   node --import tsx bench/pdf-factors.ts [rounds] [variant-name-substring...]
 * PDF_FACTORS_OUT=dir writes each variant's last PDF there, to look at. PDF_FACTORS_MERGED_FONTS=dir
 * adds variants whose faces are each one font file (dir/noto-serif-all-400-normal.woff2 and so on,
 * the latin, latin-ext and vietnamese files of resources/fonts merged with fontTools' Merger).
 */
interface Variant {
  readonly name: string
  /** Starts from the page made only to be printed (print-only-page.ts) rather than the HTML export's page. */
  readonly printOnly?: boolean
  readonly html?: (page: string) => string
  readonly pdf?: { tagged?: boolean; outline?: boolean; printBackground?: boolean }
  readonly args?: readonly string[]
}


const removeRule = (pattern: RegExp) => (page: string) => {
  const next = page.replace(pattern, '')
  if (next === page) throw new Error(`variant pattern ${pattern} matched nothing`)
  return next
}
const addCss = (css: string) => (page: string) => page.replace('</style>', `${css}\n</style>`)
const keepFaces = (keep: (rule: string) => boolean) => (page: string) =>
  page.replace(/@font-face\{[^}]*\}\n?/g, (rule) => (keep(rule) ? rule : ''))

/** One @font-face per face from merged files (latin + latin-ext + vietnamese in one font), if a folder of them is given. */
function mergedFaces(dir: string) {
  return (page: string) => {
    const faces = [
      ['Noto Serif', 'noto-serif', 400, 'normal'],
      ['Noto Serif', 'noto-serif', 700, 'normal'],
      ['Noto Serif', 'noto-serif', 400, 'italic'],
      ['Noto Sans', 'noto-sans', 600, 'normal'],
    ] as const
    const rules = faces
      .map(([family, file, weight, style]) => `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};src:url(data:font/woff2;base64,${readFileSync(`${dir}/${file}-all-${weight}-${style}.woff2`).toString('base64')}) format('woff2')}`)
      .join('\n')
    return keepFaces(() => false)(page).replace('<style>\n', `<style>\n${rules}\n`)
  }
}
const MERGED = process.env['PDF_FACTORS_MERGED_FONTS']

/** The embedded fonts as they were before the export embedded only the files its text needs: all twelve files, their ranges overlapping. */
function allFilesOverlapping(page: string): string {
  const rules = EMBEDDED_FACES.flatMap((face) =>
    Object.entries(SUBSETS).map(([subset, range]) => {
      const data = readFileSync(`resources/fonts/${face.file}-${subset}-${face.weight}-${face.style}.woff2`).toString('base64')
      return `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range}}`
    }),
  )
  return keepFaces(() => false)(page).replace('<style>\n', `<style>\n${rules.join('\n')}\n`)
}

const VARIANTS: readonly Variant[] = [
  { name: 'baseline (tagged + outline)' },
  { name: 'untagged', pdf: { tagged: false } },
  { name: 'print-only page (brief hidden from the screen)', printOnly: true },
  { name: 'print-only page, untagged', printOnly: true, pdf: { tagged: false } },
  { name: 'print-only page, untagged, no outline', printOnly: true, pdf: { tagged: false, outline: false } },
  { name: 'no outline', pdf: { outline: false } },
  { name: 'untagged, no outline', pdf: { tagged: false, outline: false } },
  { name: 'no margin boxes', html: removeRule(/ {2}@(top|bottom)-(center|right) \{[^}]*\}\n/g) },
  { name: 'page numbers only', html: removeRule(/ {2}@(top|bottom)-center \{[^}]*\}\n/g) },
  { name: 'no borders', html: addCss('* { border: none !important; }') },
  { name: 'no break rules', html: addCss('* { break-inside: auto !important; break-after: auto !important; }') },
  { name: 'no printBackground', pdf: { printBackground: false } },
  { name: 'fonts: none embedded (system)', html: keepFaces(() => false) },
  { name: 'fonts: serif 400 only (3 files)', html: keepFaces((rule) => rule.includes("'Noto Serif'") && rule.includes('font-weight:400;') && rule.includes('normal')) },
  ...(MERGED ? [{ name: 'fonts: one merged file per face', html: mergedFaces(MERGED) }, { name: 'print-only page, merged fonts', printOnly: true, html: mergedFaces(MERGED) }] : []),
  { name: 'density: 10pt, lh 1.35, margins 15mm', html: addCss('html { font-size: 10pt; line-height: 1.35; } @page { margin: 15mm 15mm 14mm; }') },
  { name: 'print-only page, all 12 font files, overlapping ranges (before)', printOnly: true, html: allFilesOverlapping },
  { name: 'print-only page, density: 10.5pt, lh 1.4', printOnly: true, html: addCss('html { font-size: 10.5pt; line-height: 1.4; }') },
  { name: 'print-only page, fonts: none embedded (system)', printOnly: true, html: keepFaces(() => false) },
  { name: 'flags: --disable-gpu', args: ['--disable-gpu'] },
  { name: 'flags: --font-render-hinting=none', args: ['--font-render-hinting=none'] },
  { name: 'flags: --disable-font-subpixel-positioning', args: ['--disable-font-subpixel-positioning'] },
  { name: 'flags: --disable-gpu --disable-software-rasterizer', args: ['--disable-gpu', '--disable-software-rasterizer'] },
]

/**
 * CPU time (user + system, ms) of a process and all its descendants, from /proc: on a machine
 * shared with other workloads, the CPU a print consumes varies far less than its wall time.
 */
function treeCpuMs(root: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) })
    } catch {
      // The process ended while we read.
    }
  }
  let ticks = 0
  const pending = [root]
  while (pending.length > 0) {
    const pid = pending.pop()!
    ticks += stats.get(pid)?.ticks ?? 0
    for (const [child, stat] of stats) if (stat.ppid === pid) pending.push(child)
  }
  return (ticks * 1000) / 100
}

function childPids(): Set<number> {
  const pids = new Set<number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) pids.add(Number(entry))
    } catch {
      // The process ended while we read.
    }
  }
  return pids
}

const BASE_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? '3')
  const filters = process.argv.slice(3)
  const variants = VARIANTS.filter((variant, index) => index === 0 || filters.length === 0 || filters.some((f) => variant.name.includes(f)))
  const { brief, orphans } = syntheticBrief()
  const options = { locale: 'vi', generatedAt: '2024-11-13T09:00:00.000Z', orphanedAnnotationIds: orphans } as const
  const page = await renderBriefHtml(brief, options)
  const printOnlyPage = await renderBriefHtml(brief, { ...options, printOnly: true })
  // One browser per set of flags, launched one after the other to learn each one's process id.
  const browsers = new Map<string, { browser: Browser; pid: number }>()
  for (const variant of variants) {
    const key = (variant.args ?? []).join(' ')
    if (browsers.has(key)) continue
    const before = childPids()
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...BASE_ARGS, ...(variant.args ?? [])] })
    const pid = [...childPids()].find((candidate) => !before.has(candidate))
    if (pid === undefined) throw new Error('could not find the browser process')
    browsers.set(key, { browser, pid })
  }
  const load = new Map<string, number[]>()
  const print = new Map<string, number[]>()
  const cpu = new Map<string, number[]>()
  const loadCpus = new Map<string, number[]>()
  const facts = new Map<string, { pages: number; kb: number }>()
  try {
    for (let round = -1; round < rounds; round++) {
      for (const variant of variants) {
        const start = variant.printOnly === true ? printOnlyPage : page
        const html = variant.html ? variant.html(start) : start
        const { browser, pid } = browsers.get((variant.args ?? []).join(' '))!
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
        try {
          const tab = await context.newPage()
          let begun = performance.now()
          const loadCpuBefore = treeCpuMs(pid)
          await tab.setContent(html, { waitUntil: 'load' })
          await tab.evaluate('document.fonts.ready.then(() => undefined)')
          const loaded = performance.now() - begun
          const loadCpu = treeCpuMs(pid) - loadCpuBefore
          begun = performance.now()
          const cpuBefore = treeCpuMs(pid)
          const pdf = await tab.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, ...variant.pdf })
          const printed = performance.now() - begun
          const printCpu = treeCpuMs(pid) - cpuBefore
          // Round -1 warms each browser up (first layout, font decoding) and is not counted.
          if (round >= 0) {
            load.set(variant.name, [...(load.get(variant.name) ?? []), loaded])
            print.set(variant.name, [...(print.get(variant.name) ?? []), printed])
            loadCpus.set(variant.name, [...(loadCpus.get(variant.name) ?? []), loadCpu])
            cpu.set(variant.name, [...(cpu.get(variant.name) ?? []), printCpu])
          }
          const text = Buffer.from(pdf).toString('latin1')
          facts.set(variant.name, { pages: text.match(/\/Type\s*\/Page\b/g)?.length ?? 0, kb: Math.round(pdf.byteLength / 1024) })
          if (process.env['PDF_FACTORS_OUT']) await writeFile(`${process.env['PDF_FACTORS_OUT']}/${variant.name.replace(/[^a-z0-9]+/gi, '-')}.pdf`, pdf)
        } finally {
          await context.close()
        }
      }
    }
  } finally {
    for (const { browser } of browsers.values()) await browser.close()
  }
  const base = percentile(cpu.get(variants[0]!.name)!, 50)
  printTable(`PDF print factors: 200-passage brief, ${rounds} interleaved rounds (p50)`, variants.map((variant) => {
    const printed = print.get(variant.name)!
    return {
      benchmark: variant.name,
      'load ms': percentile(load.get(variant.name)!, 50),
      'load CPU ms': percentile(loadCpus.get(variant.name)!, 50),
      'print ms': percentile(printed, 50),
      'load + print ms': percentile(load.get(variant.name)!.map((ms, i) => ms + printed[i]!), 50),
      'print min': Math.min(...printed),
      'print CPU ms': percentile(cpu.get(variant.name)!, 50),
      'CPU vs base': `${Math.round((percentile(cpu.get(variant.name)!, 50) / base) * 100)}%`,
      pages: facts.get(variant.name)!.pages,
      KB: facts.get(variant.name)!.kb,
    }
  }))
}

await main()
