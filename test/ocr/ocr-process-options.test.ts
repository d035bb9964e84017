import { describe, expect, it } from 'vitest'
import { withoutTsx } from '../../src/node/import/ocr/ocr-process'

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
})
