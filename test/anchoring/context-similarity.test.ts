import { describe, expect, it } from 'vitest'
import { ContextSide } from '../../src/common/anchoring/context-similarity'

/** The plain edit-distance table the bit-vector version must agree with. */
function reference(window: string, context: string): number {
  let row = Array.from({ length: window.length + 1 }, () => 0)
  for (let i = 1; i <= context.length; i++) {
    const next = [i]
    for (let j = 1; j <= window.length; j++) {
      next[j] = Math.min(row[j - 1]! + (window[j - 1] === context[i - 1] ? 0 : 1), row[j]! + 1, next[j - 1]! + 1)
    }
    row = next
  }
  return Math.max(0, 1 - row[window.length]! / context.length)
}

describe('ContextSide', () => {
  const text = 'kim ngạch thương mại hai chiều đạt khoảng 600 triệu USD trong năm 2023'
  const at = text.indexOf('600')
  const end = at + '600 triệu USD'.length

  it('is 1 when the stored context is intact, and falls by one edit over its length', () => {
    expect(ContextSide.prefix('hai chiều đạt khoảng ').similarity(text, at)).toBe(1)
    expect(ContextSide.suffix(' trong năm 2023').similarity(text, end)).toBe(1)
    expect(ContextSide.prefix('hai chiêu đạt khoảng ').similarity(text, at)).toBeCloseTo(1 - 1 / 21)
    expect(ContextSide.suffix(' trong năm 2022').similarity(text, end)).toBeCloseTo(1 - 1 / 15)
  })

  it('anchors the context at the passage: a word inserted next to it costs its length once', () => {
    const inserted = text.replace('khoảng ', 'khoảng gần ')
    // Stored "…đạt khoảng " now ends 4 characters before the passage: 4 edits.
    expect(ContextSide.prefix('hai chiều đạt khoảng ').similarity(inserted, inserted.indexOf('600'))).toBeCloseTo(1 - 4 / 21)
    const after = text.replace(' trong', ' ,trong')
    expect(ContextSide.suffix(' trong năm 2023').similarity(after, end)).toBeCloseTo(1 - 1 / 15)
  })

  it('does not credit the right words found away from the passage', () => {
    const elsewhere = 'đạt khoảng 600 triệu USD, nay là '
    expect(ContextSide.prefix('đạt khoảng ').similarity(elsewhere, elsewhere.length)).toBeLessThan(0.75)
  })

  it('reads an empty stored context as the edge of the text', () => {
    expect(ContextSide.prefix('').similarity(text, 0)).toBe(1)
    expect(ContextSide.prefix('').similarity(text, at)).toBe(0)
    expect(ContextSide.suffix('').similarity(text, text.length)).toBe(1)
    expect(ContextSide.suffix('').similarity(text, end)).toBe(0)
  })

  it('is 0 when there is no text on that side at all', () => {
    expect(ContextSide.prefix('Hà Nội, ').similarity(text, 0)).toBe(0)
    expect(ContextSide.suffix(' (TTXVN)').similarity(text, text.length)).toBe(0)
  })

  it('compares a longer stored context by its 32 characters nearest the passage', () => {
    const long = 'Theo số liệu mới nhất, kim ngạch thương mại hai chiều đạt khoảng '
    expect(ContextSide.prefix(long).similarity(text, at)).toBe(1)
    expect(ContextSide.suffix(' trong năm 2023 và còn tăng trong những năm tới').similarity(`${text} và còn tăng trong những năm tới`, end)).toBe(1)
  })

  it('agrees with the plain edit-distance table on every window, both sides', () => {
    const sample = 'Bitel phủ sóng 4G tới các huyện miền núi, Bitel phủ sóng tới các xã vùng cao. '
    const contexts = ['sóng 4G tới các huyện miền núi', 'sóng tới', 'Bitel', 'xã vùng cao. ', 'zzzz']
    for (const context of contexts) {
      const side = ContextSide.prefix(context)
      for (let at = 0; at <= sample.length; at++) {
        const window = sample.slice(Math.max(0, at - context.length - Math.ceil(context.length / 4)), at)
        expect(side.similarity(sample, at)).toBeCloseTo(reference(window, context), 10)
      }
      const reversed = [...sample].reverse().join('')
      const suffix = ContextSide.suffix([...context].reverse().join(''))
      for (let at = 0; at <= sample.length; at++) {
        expect(suffix.similarity(reversed, sample.length - at)).toBeCloseTo(side.similarity(sample, at), 10)
      }
    }
  })
})
