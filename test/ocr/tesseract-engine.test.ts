import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTesseractEngine, type TesseractEngine } from '../../src/node/import/ocr/tesseract-engine'
import { png, renderPage } from '../../bench/scan-fixtures'

/**
 * The trained data is copied into a temporary folder for tesseract to read while it starts. The
 * copy goes as soon as the engine is up: the OCR thread is often ended whole (for idleness, or
 * when the app quits) without the engine's own terminate(), and a copy kept until then was left
 * behind, 4 MB per start. This file's process gets a temporary folder of its own to look into.
 */
let folder = ''
let previous: string | undefined
let engine: TesseractEngine | null = null

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'briefing-desk-test-engine-'))
  previous = process.env.TMPDIR
  process.env.TMPDIR = folder
})

afterAll(async () => {
  await engine?.terminate()
  if (previous === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = previous
  await rm(folder, { recursive: true, force: true })
})

describe('tesseract engine', () => {
  it('leaves no copy of the trained data once started, and still reads a page', async () => {
    expect(tmpdir()).toBe(folder)
    engine = await createTesseractEngine(['eng'])
    expect(await readdir(folder)).toEqual([])
    const page = await engine.recognize(png(renderPage(['The delegation met the Minister of Foreign Affairs in Lima.'])), 1)
    const text = page.lines.map((line) => line.text).join(' ')
    expect(text).toContain('delegation')
    expect(text).toContain('Minister')
  }, 180_000)
})
