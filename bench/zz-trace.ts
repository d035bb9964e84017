import { readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { chromiumPath } from '../src/node/briefs/chromium-pdf'
const variant = process.argv[2] ?? 'base'
let html = readFileSync('/tmp/page.html', 'utf8')
if (variant.includes('hide')) html = html.replace('</style>', `@media not print { .brief { display: none } }\n.warm { position: absolute; left: -9999px; }\n.warm .s { font-family: 'Noto Sans'; font-weight: 600 }\n@media print { .warm { display: none } }\n</style>`).replace('<body>', '<body>\n<div class="warm" aria-hidden="true">aăạ <b>aăạ</b> <i>aăạ</i> <span class="s">aăạ</span></div>')
if (variant.includes('nomargin')) html = html.replace(/ {2}@(top|bottom)-(center|right) \{[^}]*\}\n/g, '')
if (variant.includes('nopagesize')) html = html.replace('size: A4;', '')
const pdfOptions = variant.includes('a4') ? { format: 'A4', preferCSSPageSize: false } : { preferCSSPageSize: true }
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true })
for (let round = 0; round < 2; round++) {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await browser.startTracing(page, { path: `/tmp/trace/${variant}${round}.json`, categories: ['blink', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] })
  let t = performance.now()
  await page.setContent(html, { waitUntil: 'load' })
  await page.evaluate('document.fonts.ready.then(() => undefined)')
  const load = performance.now() - t
  t = performance.now()
  const pdf = await page.pdf({ ...pdfOptions, printBackground: true, tagged: !variant.includes('untagged'), outline: true })
  console.log(variant, 'load', Math.round(load), 'pdf', Math.round(performance.now() - t))
  if (round === 1) (await import('node:fs')).writeFileSync(`/tmp/trace/${variant}.pdf`, pdf)
  await browser.stopTracing()
  await context.close()
}
await browser.close()
