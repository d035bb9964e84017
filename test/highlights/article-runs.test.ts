import { describe, expect, it } from 'vitest'
import type { HighlightColor } from '../../src/common/model/annotation'
import { articleRuns, StableRuns, type HighlightPlace } from '../../src/common/highlights/article-runs'

const blocks = [{ text: 'Thương mại hai chiều đạt 600 triệu USD.' }, { text: 'Hai bên nhất trí.' }]
const SECOND = blocks[0]!.text.length + 2

function place(id: string, start: number, end: number, color: HighlightColor = 'yellow'): HighlightPlace {
  return { id, color, position: { type: 'TextPositionSelector', start, end } }
}

describe('articleRuns', () => {
  it('gives each run the colours of its innermost highlight and the next one', () => {
    const runs = articleRuns(blocks, [place('outer', 0, 20, 'green'), place('inner', 7, 10, 'pink')])
    expect(runs[0]!.map((run) => [run.text, run.color, run.outer])).toEqual([
      ['Thương ', 'green', null],
      ['mại', 'pink', 'green'],
      [' hai chiều', 'green', null],
      [' đạt 600 triệu USD.', null, null],
    ])
    expect(runs[1]).toEqual([{ start: SECOND, text: 'Hai bên nhất trí.', ids: [], color: null, outer: null, focusId: null }])
  })

  it('makes one Tab stop per highlight, in document order, even where highlights start together', () => {
    const runs = articleRuns(blocks, [place('later', SECOND, SECOND + 3), place('long', 0, 10), place('short', 0, 6)])
    const stops = runs.flat().filter((run) => run.focusId !== null)
    // "short" and "long" start at the same place: the inner takes it, the outer its next run.
    expect(stops.map((run) => [run.focusId, run.text])).toEqual([
      ['short', 'Thương'],
      ['long', ' mại'],
      ['later', 'Hai'],
    ])
  })
})

describe('StableRuns', () => {
  it('keeps the arrays of blocks a change did not touch, so only the changed block is redrawn', () => {
    const stable = new StableRuns()
    const first = stable.reuse(articleRuns(blocks, [place('a', 0, 6), place('b', SECOND, SECOND + 3)]))
    const recoloured = stable.reuse(articleRuns(blocks, [place('a', 0, 6), place('b', SECOND, SECOND + 3, 'blue')]))
    expect(recoloured[0]).toBe(first[0])
    expect(recoloured[1]).not.toBe(first[1])
    expect(recoloured[1]![0]!.color).toBe('blue')
  })
})
