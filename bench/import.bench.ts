import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { importFiles } from '../src/node/import/import-files'
import { ParsePool, parseWorkers } from '../src/node/import/parse-pool'
import { syntheticArticle } from './corpus'
import { benchLibraryImport } from './import-library.bench'
import { percentile, printTable, type Row } from './table'

/**
 * Import throughput: a folder of agency articles as .txt, and the same articles as noisy web pages
 * (.html with navigation, scripts, styles, a cookie banner, share buttons and related links),
 * each imported through `importFiles` exactly as the app and the CLI do it (folder expansion,
 * size and type checks, decoding, extraction, cleaning, hashing). The store is not involved.
 * Goal: at least 200 files/s for each.
 */

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The synthetic article as a page of a news site. */
export function syntheticPage(index: number): string {
  const [header = '', title = '', ...rest] = syntheticArticle(index).split('\n')
  const date = header.replace(/^date /, '')
  const paragraphs = rest.filter((line) => line.trim() !== '' && !line.startsWith('('))
  const nav = ['Trang chủ', 'Chính trị', 'Kinh tế', 'Thế giới', 'Xã hội', 'Văn hóa', 'Thể thao', 'Công nghệ']
    .map((item, i) => `<li><a href="/muc-${i}">${item}</a></li>`)
    .join('')
  const related = [1, 2, 3, 4].map((i) => `<li><a href="/tin-${index}-${i}">${escapeHtml(syntheticArticle(index + i * 7919).split('\n')[1] ?? '')}</a></li>`).join('')
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)} | Vietnam+</title>
<meta property="og:title" content="${escapeHtml(title)}"><meta property="og:site_name" content="VietnamPlus">
<meta property="article:published_time" content="${date}T08:00:00+07:00">
<link rel="stylesheet" href="/site.css"><style>body{font-family:sans-serif}.cookie{position:fixed}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date())</script>
</head><body>
<div class="cookie" id="cookie-consent"><p>Trang web sử dụng cookie để cải thiện trải nghiệm của bạn.</p><button>Đồng ý</button></div>
<header class="site-header"><a href="/"><img src="/logo.svg" alt="VietnamPlus"></a><nav><ul>${nav}</ul></nav>
<form action="/tim-kiem"><input name="q"><button>Tìm</button></form></header>
<main><article><h1>${escapeHtml(title)}</h1>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Zalo</a></div>
${paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n')}
<p><strong>(TTXVN)</strong></p></article>
<section class="related-news"><h2>Tin cùng chuyên mục</h2><ul>${related}</ul></section></main>
<footer><p>© VietnamPlus</p><a href="/lien-he">Liên hệ</a></footer>
<script src="/app.js"></script></body></html>`
}

/** CPU time of the whole process (every thread) since `since`, in ms. */
export function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

async function benchFolder(kind: 'txt' | 'html', count: number, pool?: ParsePool): Promise<Row> {
  const dir = await mkdtemp(join(tmpdir(), `bench-import-${kind}-`))
  try {
    let bytes = 0
    for (let i = 0; i < count; i++) {
      const content = kind === 'txt' ? syntheticArticle(i) : syntheticPage(i)
      bytes += Buffer.byteLength(content)
      await writeFile(join(dir, `${String(i).padStart(5, '0')}.${kind}`), content)
    }
    const perFile: number[] = []
    let last = performance.now()
    const start = last
    const cpu = process.cpuUsage()
    const summary = await importFiles([dir], {
      now: () => new Date('2026-01-01T00:00:00Z'),
      ...(pool ? { pool } : {}),
      onProgress: () => {
        const now = performance.now()
        perFile.push(now - last)
        last = now
      },
    })
    const seconds = (performance.now() - start) / 1000
    const cpuPerFile = cpuMs(cpu) / count
    if (summary.imported !== count) {
      const firstFailure = summary.outcomes.find((outcome) => !outcome.ok)
      throw new Error(`imported ${summary.imported} of ${count} ${kind} files: ${firstFailure && !firstFailure.ok ? firstFailure.error.message : ''}`)
    }
    return {
      benchmark: `import ${count.toLocaleString('en-US')} .${kind} files${pool ? `, ${pool.size} parse worker${pool.size === 1 ? '' : 's'}` : ''}`,
      'avg KB': bytes / count / 1024,
      'total s': seconds,
      'files/s': Math.round(count / seconds),
      'CPU ms/file': cpuPerFile,
      'p50 ms': percentile(perFile, 50),
      'p99 ms': percentile(perFile, 99),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function benchImport(quick: boolean): Promise<void> {
  const count = quick ? 100 : 1000
  // One untimed file of each kind first, so that module loading is not counted as import time.
  await benchFolder('txt', 1)
  await benchFolder('html', 1)
  // The workers are started and ready before the clock starts (from source through tsx here, which
  // takes seconds; the app's bundled worker starts in a fraction of that, parsing on the main
  // thread meanwhile).
  const pool = new ParsePool(parseWorkers())
  await pool.start()
  try {
    const rows = [await benchFolder('txt', count), await benchFolder('html', count), await benchFolder('html', count, pool)]
    printTable('Import: files to articles (decode, extract, clean, hash; goal >= 200 files/s). CPU: all threads', rows)
  } finally {
    await pool.close()
  }
  const saved = [await benchLibraryImport('txt', count, 'in-process'), await benchLibraryImport('html', count, 'in-process'), await benchLibraryImport('html', count, 'workers')]
  printTable('Import into the library (the batch job: the above, plus deduplication and durable saves in groups)', saved)
}
