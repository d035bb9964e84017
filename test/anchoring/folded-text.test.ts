import { describe, expect, it } from 'vitest'
import { FoldedText, foldString } from '../../src/common/anchoring/folded-text'

describe('FoldedText', () => {
  it('folds whitespace runs to one space and maps folded offsets back to the real text', () => {
    const text = new FoldedText('Lima,\u00a0 Peru\n\nHà Nội')
    expect(text.folded).toBe('Lima, Peru Hà Nội')
    expect(text.toOriginal(6, 10)).toEqual({ start: 7, end: 11 })
    // The space stands for the whole run it replaced.
    expect(text.toOriginal(5, 6)).toEqual({ start: 5, end: 7 })
    expect(text.toOriginal(10, 17)).toEqual({ start: 11, end: 19 })
  })

  it('composes decomposed letters and maps each back to its base letter and all its marks', () => {
    const nfd = 'Việt Nam'.normalize('NFD')
    expect(nfd.length).toBe(10)
    const text = new FoldedText(nfd)
    expect(text.folded).toBe('Việt Nam')
    expect(text.toOriginal(0, 4)).toEqual({ start: 0, end: 6 })
    expect(text.toOriginal(2, 3)).toEqual({ start: 2, end: 5 })
  })

  it('keeps astral characters and their variation selectors whole', () => {
    const text = new FoldedText('núi 🏔️ cao')
    expect(text.folded).toBe('núi 🏔️ cao')
    // 🏔 is two code units and U+FE0F a mark that belongs to it: all three map to one segment.
    expect(text.toOriginal(4, 5)).toEqual({ start: 4, end: 7 })
    expect(text.toOriginal(6, 7)).toEqual({ start: 4, end: 7 })
  })

  it('maps original offsets to folded ones, rounding up inside a segment', () => {
    const text = new FoldedText('Lima,\u00a0 Peru')
    expect([0, 5, 6, 7, 8, 11].map((offset) => text.toFolded(offset))).toEqual([0, 5, 6, 6, 7, 10])
    const nfd = new FoldedText('Việt'.normalize('NFD'))
    expect([0, 2, 3, 5, 6].map((offset) => nfd.toFolded(offset))).toEqual([0, 2, 3, 3, 4])
  })

  it('throws on a range that is not in the folded text', () => {
    const text = new FoldedText('Peru')
    expect(() => text.toOriginal(2, 2)).toThrow(RangeError)
    expect(() => text.toOriginal(0, 9)).toThrow(RangeError)
  })

  it('folds strings the same way as texts', () => {
    const raw = ' Hai  bên\n\nnhất trí '.normalize('NFD')
    expect(foldString(raw)).toBe(new FoldedText(raw).folded)
    expect(foldString(raw)).toBe(' Hai bên nhất trí ')
  })
})
