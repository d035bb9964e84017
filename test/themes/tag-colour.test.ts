import { describe, expect, it } from 'vitest'
import { tagColour } from '../../src/common/themes/tag-colour'

describe('tagColour', () => {
  it('keeps a theme’s own colour, and gives themes created one after another distinct, stable colours', () => {
    expect(tagColour({ id: 'tg_0000000000000001', color: '#2f6f4f' })).toBe('#2f6f4f')
    const created = Array.from({ length: 6 }, (_, index) => ({ id: `tg_000000000000003${index.toString(16)}`, color: null }))
    const colours = created.map(tagColour)
    expect(new Set(colours).size).toBe(colours.length)
    expect(created.map(tagColour)).toEqual(colours)
    for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/)
  })
})
