import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ROOT, tempDir } from '../helpers'
import { characterErrorRate, ENGLISH_SAMPLE, mixedPdf, png, renderPage, sampleParagraphs } from '../../bench/scan-fixtures'

/**
 * Nothing is downloaded at run time: an image and a scanned PDF are imported in a child process
 * whose every thread (its main thread, the OCR process's, tesseract's thread) has fetch, sockets and DNS replaced
 * by functions that fail and leave a trace (network-guard.cjs). Recognition still works, and no
 * thread tried the network.
 */
describe('OCR offline', () => {
  it('recognises with the network blocked in every thread, and never tries it', async () => {
    const dir = await tempDir('brief-ocr-offline-')
    const paragraphs = sampleParagraphs(ENGLISH_SAMPLE, 1)
    await writeFile(join(dir, 'page.png'), png(renderPage(paragraphs)))
    await writeFile(join(dir, 'scan.pdf'), mixedPdf([], renderPage(paragraphs)))
    const log = join(dir, 'network.log')
    await writeFile(log, '')
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--require', join(ROOT, 'test/ocr/network-guard.cjs'), '--import', 'tsx', join(ROOT, 'test/ocr/offline-import-child.ts'), join(dir, 'page.png'), join(dir, 'scan.pdf')],
      { cwd: ROOT, env: { ...process.env, NETWORK_GUARD_LOG: log }, maxBuffer: 16 * 1024 * 1024 },
    )
    const outcomes = JSON.parse(stdout.trim().split('\n').pop()!) as { ok: boolean; text?: string }[]
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true])
    for (const outcome of outcomes) expect(characterErrorRate(paragraphs[0]!, outcome.text!)).toBeLessThan(0.15)

    const lines = (await readFile(log, 'utf8')).split('\n').filter((line) => line !== '')
    expect(lines).toContain('guard-works true')
    // The guard ran in the app's main thread, the OCR process and tesseract's thread there (at least).
    const threads = new Set(lines.filter((line) => line.startsWith('loaded ')))
    expect(threads.size).toBeGreaterThanOrEqual(3)
    expect(new Set([...threads].map((line) => line.split(' ')[1]!.split(':')[0])).size).toBeGreaterThanOrEqual(2)
    const afterStart = lines.slice(lines.indexOf('import-start'))
    expect(afterStart.filter((line) => line.startsWith('attempt '))).toEqual([])
  }, 300_000)
})
