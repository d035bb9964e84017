import { describe, expect, it } from 'vitest'
import { hasTsx, withoutTsx } from '../../src/node/import/ocr/ocr-process'

/**
 * The bundled OCR entry is forked without tsx (ocr-process.ts: tsx made pdf.js's loading cost ten
 * times its CPU), and with every other option of the parent's, such as the offline test's
 * network guard preloaded into each thread.
 */
describe('OCR process options', () => {
  it('drops tsx in each of its spellings and keeps every other option in order', () => {
    expect(withoutTsx(['--require', 'guard.cjs', '--import', 'tsx', '--max-old-space-size=512'])).toEqual(['--require', 'guard.cjs', '--max-old-space-size=512'])
    expect(withoutTsx(['--import=tsx', '--require=tsx', '--loader', 'tsx', '--enable-source-maps'])).toEqual(['--enable-source-maps'])
    // A module merely named like it is not tsx.
    expect(withoutTsx(['--import', 'tsx-other', '--require', './tsx.cjs'])).toEqual(['--import', 'tsx-other', '--require', './tsx.cjs'])
    expect(withoutTsx([])).toEqual([])
  })

  it('drops tsx given by an entry or by path, as the tsx binary registers it', () => {
    expect(withoutTsx(['--import=tsx/esm', '--require', 'tsx/cjs', '-r', 'guard.cjs'])).toEqual(['-r', 'guard.cjs'])
    // The tsx binary's own options: its files by absolute path and file URL.
    const binary = ['--require', '/app/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///app/node_modules/tsx/dist/loader.mjs']
    expect(withoutTsx([...binary, '--enable-source-maps'])).toEqual(['--enable-source-maps'])
    expect(withoutTsx(['--import=file:///C:/app/node_modules/tsx/dist/loader.mjs', '--require=C:\\app\\node_modules\\tsx\\dist\\preflight.cjs'])).toEqual([])
    expect(withoutTsx(['--experimental-loader', 'tsx', '--loader=tsx/esm'])).toEqual([])
  })

  it('finds tsx exactly where it drops it', () => {
    const cases = [
      ['--import', 'tsx'],
      ['--import=tsx/esm'],
      ['--require', '/app/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///app/node_modules/tsx/dist/loader.mjs'],
      ['--require', 'guard.cjs', '--max-old-space-size=512'],
      ['--import', 'tsx-other', '--require', './tsx.cjs', '--import=./node_modules/tsx-other/index.js'],
      [],
    ]
    for (const execArgv of cases) {
      const kept = withoutTsx(execArgv)
      expect(hasTsx(execArgv)).toBe(kept.length < execArgv.length)
      expect(hasTsx(kept)).toBe(false)
    }
  })
})
