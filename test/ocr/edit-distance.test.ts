import { describe, expect, it } from 'vitest'
import { editDistance, plainEditDistance } from '../../bench/edit-distance'
import { characterErrorRate, random, sampleParagraphs, VIETNAMESE_SAMPLE } from '../../bench/scan-fixtures'

/** The bench's CER (bench/edit-distance.ts): the bit-parallel distance against the plain programme. */
function codePoints(text: string): number[] {
  return [...text].map((char) => char.codePointAt(0)!)
}

describe('edit distance (bit-parallel)', () => {
  it('equals the plain Levenshtein distance on random strings across word boundaries (0-100 symbols)', () => {
    const next = random(18)
    const alphabet = codePoints('abcđạ ')
    const text = (length: number): number[] => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]!)
    for (let round = 0; round < 600; round++) {
      const a = text(Math.floor(next() * 101))
      // Often a variant of the first (the OCR case), sometimes unrelated.
      const b = next() < 0.7 ? a.filter(() => next() > 0.1).map((symbol) => (next() < 0.1 ? alphabet[0]! : symbol)) : text(Math.floor(next() * 101))
      expect(editDistance(a, b)).toBe(plainEditDistance(a, b))
      expect(editDistance(b, a)).toBe(plainEditDistance(b, a))
    }
  })

  it('gives the known distances of the edge cases', () => {
    expect(editDistance([], codePoints('abc'))).toBe(3)
    expect(editDistance(codePoints('abc'), [])).toBe(3)
    expect(editDistance(codePoints('kitten'), codePoints('sitting'))).toBe(3)
    const long = codePoints('x'.repeat(64))
    expect(editDistance(long, long)).toBe(0)
    expect(editDistance(long, codePoints('x'.repeat(63)))).toBe(1)
  })

  it('gives the CER of a page read with errors: one changed mark in a real paragraph', () => {
    const paragraph = sampleParagraphs(VIETNAMESE_SAMPLE, 1)[0]!
    const misread = paragraph.replace('ạ', 'a')
    expect(misread).not.toBe(paragraph)
    expect(characterErrorRate(paragraph, misread)).toBeCloseTo(1 / [...paragraph.normalize('NFC')].length, 10)
  })
})
