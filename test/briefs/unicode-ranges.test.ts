import { describe, expect, it } from 'vitest'
import { DISJOINT_RANGES, embeddedFontsCss, subsetsFor, SUBSETS } from '../../src/node/briefs/embedded-fonts'
import { formatUnicodeRange, parseUnicodeRange, rangesCover, subtractRanges } from '../../src/node/briefs/unicode-ranges'

describe('unicode-range lists', () => {
  it('parse into sorted, merged intervals and format back', () => {
    expect(parseUnicodeRange('U+0110-0111, U+0102-0103, U+0104, u+20ab')).toEqual([[0x102, 0x104], [0x110, 0x111], [0x20ab, 0x20ab]])
    expect(formatUnicodeRange([[0x102, 0x104], [0x20ab, 0x20ab]])).toBe('U+0102-0104, U+20AB')
    expect(() => parseUnicodeRange('U+0100-01FF, latin')).toThrow('not a unicode-range: latin')
  })

  it('subtract one list from another, splitting what the cut falls inside', () => {
    const from = parseUnicodeRange('U+0100-01FF, U+0300')
    expect(formatUnicodeRange(subtractRanges(from, parseUnicodeRange('U+0102-0103, U+01F0-0300')))).toBe('U+0100-0101, U+0104-01EF')
    expect(subtractRanges(from, [])).toEqual(from)
  })

  it('the embedded subsets no longer overlap, and together cover what they covered before', () => {
    const subsets = Object.keys(SUBSETS) as (keyof typeof SUBSETS)[]
    for (const subset of subsets) {
      for (const [first, last] of parseUnicodeRange(SUBSETS[subset])) {
        for (let code = first; code <= last; code++) {
          const holders = subsets.filter((other) => rangesCover(DISJOINT_RANGES[other], code))
          expect(holders, `U+${code.toString(16)}`).toHaveLength(1)
        }
      }
    }
    // A character in two files goes to the one declared last, as CSS would choose: ă to vietnamese.
    expect(rangesCover(DISJOINT_RANGES.vietnamese, 0x103)).toBe(true)
    expect(rangesCover(DISJOINT_RANGES['latin-ext'], 0x103)).toBe(false)
  })
})

describe('the fonts a page embeds', () => {
  it('are the files its characters need, in every face', async () => {
    expect(subsetsFor('Hiệp định CPTPP')).toEqual(['latin', 'vietnamese'])
    expect(subsetsFor('Trade and investment')).toEqual(['latin'])
    expect(subsetsFor('Łódź, Kraków và Hà Nội')).toEqual(['latin', 'latin-ext', 'vietnamese'])
    const css = await embeddedFontsCss('Hiệp định')
    expect(css.match(/@font-face/g)).toHaveLength(8)
    expect(css).not.toContain('U+1E00-1E9F')
  })
})
