import { describe, expect, it } from 'vitest'
import { CodePointClass } from '../../src/common/text/code-point-class'
import { countWords } from '../../src/common/text/normalize'

/** Texts where a per-character count could go wrong: combining marks, astral letters, lone surrogates, other scripts' digits. */
const TEXTS = [
  '',
  '   ',
  'Hợp tác giữa hai nước, năm 2026.',
  'Hợp tác'.normalize('NFD'),
  'a\u{1F600}b 𝐀𝐁𝐂 x\ud800y z\udc00 \u0301a 12,5 ٣٤ १२ 漢字かな',
  'El Niño ¿dónde? ¡Sí! — (TTXVN/Vietnam+) /.',
  '\u{10400}\u{10401} \u{1D7D8}',
  'end with high surrogate \ud83d',
]

describe('CodePointClass', () => {
  it('counts exactly what the global regular expression matches', () => {
    const letters = new CodePointClass(/\p{L}/u)
    const words = new CodePointClass(/[\p{L}\p{M}\p{N}]/u)
    for (const text of TEXTS) {
      expect(letters.count(text)).toBe(text.match(/\p{L}/gu)?.length ?? 0)
      expect(words.countRuns(text)).toBe(text.match(/[\p{L}\p{M}\p{N}]+/gu)?.length ?? 0)
      expect(countWords(text)).toBe(text.match(/[\p{L}\p{M}\p{N}]+/gu)?.length ?? 0)
    }
  })

  it('refuses a global expression, whose test() would carry state between characters', () => {
    expect(() => new CodePointClass(/\p{L}/gu)).toThrow()
  })
})
