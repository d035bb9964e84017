import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPackageWithOptions, listPackage } from '@electron/asar'
import { expect, test } from '@playwright/test'
import { unpackedPath } from '../electron/main/asar-paths'
import { inProcessSearchPort } from '../src/common/search/in-process-search-port'
import type { ImportOutcome } from '../src/node/import/import-file'
import { importFiles } from '../src/node/import/import-files'
import { ocrService, setOcrWorkerEntry } from '../src/node/import/ocr/ocr-service'
import { ParsePool, parseWorkers } from '../src/node/import/parse-pool'
import { workerSearchPort } from '../src/node/search/worker-search-port'
import { corpus } from '../test/search/fixture'
import { characterErrorRate, ENGLISH_SAMPLE, mixedPdf, png, renderPage, sampleParagraphs } from '../bench/scan-fixtures'
import { ROOT } from './harness'

/**
 * The worker threads as a packaged app runs them: the built app packed into app.asar with
 * @electron/asar, unpacking exactly electron-builder.yml's asarUnpack patterns, and each worker
 * started from the path the main process gives it (electron/main/asar-paths.ts). It runs in plain
 * Node, which cannot read inside an asar archive: a worker that needed anything left packed would
 * fail here. (Electron can read inside the archive, so this is stricter than the app.)
 */
async function asarUnpackPatterns(): Promise<string[]> {
  const lines = (await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')).split('\n')
  const start = lines.findIndex((line) => /^asarUnpack:\s*$/.test(line))
  expect(start, 'electron-builder.yml has an asarUnpack list').toBeGreaterThanOrEqual(0)
  const patterns: string[] = []
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+'?([^']+?)'?\s*$/.exec(line)
    if (item === null) break
    patterns.push(item[1]!)
  }
  return patterns
}

/** The packages asarUnpack names (`node_modules/<package or @scope>/**`): staged as electron-builder would ship them. */
function unpackedPackages(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => /^node_modules\/((?:@[^/]+)|[^/@]+)\/\*\*$/u.exec(pattern)?.[1] ?? [])
}

function plain(outcome: ImportOutcome): unknown {
  return outcome.ok ? outcome : { ok: false, file: outcome.file, code: outcome.error.code }
}

test('the search, parse and OCR workers run from a packed app.asar, with nothing they load left inside it', async () => {
  test.setTimeout(600_000)
  const chunks = join(ROOT, 'out', 'main', 'chunks')
  expect(existsSync(chunks), 'the app is built').toBe(true)
  const home = await mkdtemp(join(tmpdir(), 'briefing-desk-asar-'))
  const pools: ParsePool[] = []
  try {
    // The app as electron-builder lays it out: the build output, package.json and the production
    // packages the workers import: exactly those asarUnpack names (pdf.js and its canvas,
    // tesseract.js with its core, trained data and what its thread requires; everything else is
    // bundled, see electron.vite.config.ts). A package the workers need that the list forgot is
    // then missing, and the worker fails here.
    const stage = join(home, 'app')
    await mkdir(join(stage, 'node_modules'), { recursive: true })
    await cp(join(ROOT, 'out', 'main'), join(stage, 'out', 'main'), { recursive: true })
    await cp(join(ROOT, 'package.json'), join(stage, 'package.json'))
    const patterns = await asarUnpackPatterns()
    expect(patterns.length).toBeGreaterThan(0)
    const packages = unpackedPackages(patterns)
    expect(packages).toEqual(expect.arrayContaining(['pdfjs-dist', '@napi-rs', 'tesseract.js', 'tesseract.js-core', '@tesseract.js-data']))
    for (const name of packages) await cp(join(ROOT, 'node_modules', name), join(stage, 'node_modules', name), { recursive: true })
    // @electron/asar matches its pattern against absolute file names; electron-builder's are relative.
    const archive = join(home, 'resources', 'app.asar')
    const absolute = patterns.map((pattern) => `**/${pattern}`)
    await createPackageWithOptions(stage, archive, { unpack: absolute.length === 1 ? absolute[0]! : `{${absolute.join(',')}}` })
    await rm(stage, { recursive: true, force: true })

    const packed = listPackage(archive, { isPack: true })
    const workerEntry = (name: string) => {
      const entry = packed.find((line) => new RegExp(`${name}-[\\w-]+\\.js$`, 'u').test(line))
      expect(entry, `${name} is in the archive`).toBeDefined()
      expect(entry, `${name} is unpacked`).toMatch(/^unpack/u)
      return unpackedPath(join(archive, entry!.replace(/^\S+\s+: /u, '').replace(/^[\\/]/u, '')))
    }
    const searchEntry = workerEntry('search-worker')
    const parseEntry = workerEntry('parse-worker')
    const ocrEntry = workerEntry('ocr-worker')
    expect(searchEntry).toContain('app.asar.unpacked')
    expect(existsSync(parseEntry)).toBe(true)
    // PDFs (their text layers too) and images are read in the packed OCR worker from here on.
    setOcrWorkerEntry(ocrEntry)

    // The search worker answers as the index in this thread does.
    const worker = workerSearchPort(searchEntry)
    const local = inProcessSearchPort()
    try {
      const articles = corpus()
      for (const port of [worker, local]) expect(await port.send({ type: 'put', articles })).toEqual({ type: 'done', articleCount: articles.length })
      for (const query of ['vien thong', 'thương mại', 'APEC']) {
        const answer = await worker.send({ type: 'search', query, options: { limit: 20 } })
        expect(answer.type, query).toBe('results')
        expect(answer, query).toEqual(await local.send({ type: 'search', query, options: { limit: 20 } }))
      }
    } finally {
      await worker.close()
      await local.close()
    }

    // The parse worker reads every format, PDF (pdf.js, unpacked) and .docx (mammoth, bundled) included.
    const fixtures = join(ROOT, 'test', 'fixtures', 'import', 'files')
    const files = (await readdir(fixtures)).filter((name) => /\.(docx|pdf|html|md|txt)$/u.test(name)).map((name) => join(fixtures, name))
    expect(files.some((file) => file.endsWith('.pdf')) && files.some((file) => file.endsWith('.docx'))).toBe(true)
    const pool = new ParsePool(parseWorkers(parseEntry), 1)
    pools.push(pool)
    expect(await pool.start()).toBe(1)
    const now = new Date('2026-01-02T03:04:05Z')
    const pooled = await importFiles(files, { now: () => now, pool })
    const inThread = await importFiles(files, { now: () => now })
    expect(pooled.outcomes.map(plain)).toEqual(inThread.outcomes.map(plain))
    expect(pooled.outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThan(3)

    // The OCR worker recognises an image and a scanned PDF page: tesseract.js starts its own
    // thread from the unpacked package, loads the wasm core and reads the trained data there.
    const paragraphs = sampleParagraphs(ENGLISH_SAMPLE, 1)
    const scans = join(home, 'scans')
    await mkdir(scans)
    await writeFile(join(scans, 'page.png'), png(renderPage(paragraphs)))
    await writeFile(join(scans, 'scan.pdf'), mixedPdf([], renderPage(paragraphs)))
    const recognised = await importFiles([join(scans, 'page.png'), join(scans, 'scan.pdf')], { now: () => now })
    for (const outcome of recognised.outcomes) {
      expect(outcome.ok, outcome.ok ? '' : outcome.error.message).toBe(true)
      if (!outcome.ok) continue
      // The image's one page; the scanned PDF's page with text (its other page is blank).
      expect(outcome.article.ocr?.pages).toContain(outcome.file!.endsWith('.png') ? 1 : 2)
      expect(characterErrorRate(paragraphs[0]!, outcome.article.blocks.map((block) => block.text).join(' '))).toBeLessThan(0.15)
    }
  } finally {
    await ocrService().close()
    await Promise.all(pools.map((pool) => pool.close()))
    await rm(home, { recursive: true, force: true })
  }
})
