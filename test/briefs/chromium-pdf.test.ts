import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { chromiumPdfPort } from '../../src/node/briefs/chromium-pdf'
import { tempDir } from '../helpers'

const run = promisify(execFile)

/** The Chromium printer kept between exports, with a spare page made ready after each print. */
const page = (text: string) => `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>@page { size: A4; margin: 20mm }</style></head><body><p>${text}</p></body></html>`

async function textOf(pdf: Uint8Array): Promise<string> {
  const file = join(await tempDir(), 'out.pdf')
  await writeFile(file, pdf)
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'])
  return stdout.normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** Chromium processes started by this process (the browser is a child; its helpers are the browser's children). */
function chromiumChildren(): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (parent === process.pid && readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes('chrom')) found.push(Number(entry))
    } catch {
      // The process ended while we read.
    }
  }
  return found
}

describe('the Chromium printer', () => {
  // Starting Chromium takes seconds on a loaded machine and this test starts it three times: it
  // gets room of its own, and every wait below waits for what it needs, with no clock of its own.
  it('prints one page after another, each in a page of its own, and starts a killed browser again', { timeout: 180_000 }, async () => {
    const port = chromiumPdfPort()
    try {
      expect(await textOf(await port.print(page('Bản tin thứ nhất về hợp tác viễn thông.')))).toBe('Bản tin thứ nhất về hợp tác viễn thông.')
      // The second print uses the page made ready after the first; nothing of the first is in it.
      expect(await textOf(await port.print(page('Bản tin thứ hai: kim ngạch đạt 600 triệu USD.')))).toBe('Bản tin thứ hai: kim ngạch đạt 600 triệu USD.')

      // Killed, then asked to print at once: the report of the browser's end has not arrived, so
      // the print is handed the dead browser's spare page (or a page being made in it). It prints
      // in a new browser all the same.
      const first = chromiumChildren()
      expect(first.length).toBe(1)
      process.kill(first[0]!, 'SIGKILL')
      expect(await textOf(await port.print(page('Bản tin thứ ba, ngay sau khi trình duyệt bị tắt.')))).toBe('Bản tin thứ ba, ngay sau khi trình duyệt bị tắt.')

      // Killed, and its end seen before the next print: that print starts a new browser.
      const second = chromiumChildren()
      expect(second.length).toBe(1)
      expect(second[0]).not.toBe(first[0])
      process.kill(second[0]!, 'SIGKILL')
      await expect.poll(() => chromiumChildren().length, { timeout: 60_000 }).toBe(0)
      expect(await textOf(await port.print(page('Bản tin thứ tư, khi trình duyệt đã tắt hẳn.')))).toBe('Bản tin thứ tư, khi trình duyệt đã tắt hẳn.')
    } finally {
      await port.close()
    }
    // Closing waits for the spare page and the browser: no Chromium is left running, not even one
    // started while the end of the killed one was still being reported.
    expect(chromiumChildren()).toEqual([])
  })

  it('makes no spare page for a one-off export, and closes cleanly', { timeout: 60_000 }, async () => {
    const port = chromiumPdfPort(undefined, { spare: false })
    expect(await textOf(await port.print(page('Một bản xuất duy nhất.')))).toBe('Một bản xuất duy nhất.')
    await port.close()
    expect(chromiumChildren()).toEqual([])
  })
})
