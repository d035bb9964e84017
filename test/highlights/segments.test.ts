import { describe, expect, it } from 'vitest'
import { bodyText } from '../../src/common/model/article'
import { blockSpans, segmentBlock, segmentBlocks, type MarkedRange } from '../../src/common/highlights/segments'

const blocks = [
  { kind: 'heading' as const, text: 'Việt Nam - Peru' },
  { kind: 'paragraph' as const, text: 'Thương mại hai chiều đạt 600 triệu USD.' },
  { kind: 'paragraph' as const, text: 'Hai bên nhất trí.' },
]

describe('blockSpans', () => {
  it('gives each block its offsets in the body text', () => {
    const body = bodyText(blocks)
    const spans = blockSpans(blocks)
    expect(spans.map((span) => body.slice(span.start, span.end))).toEqual(blocks.map((block) => block.text))
    expect(spans[1]!.start).toBe(blocks[0]!.text.length + 2)
  })

  it('is empty for no blocks', () => {
    expect(blockSpans([])).toEqual([])
  })
})

describe('segmentBlock', () => {
  const text = blocks[1]!.text
  const start = blockSpans(blocks)[1]!.start
  const at = (word: string) => start + text.indexOf(word)

  it('returns the whole block as one plain run when nothing covers it', () => {
    expect(segmentBlock(text, start, [{ id: 'other', start: 0, end: 5 }])).toEqual([{ start, end: start + text.length, text, ids: [] }])
  })

  it('cuts at both ends of a highlight', () => {
    const runs = segmentBlock(text, start, [{ id: 'a', start: at('hai'), end: at('hai') + 'hai chiều'.length }])
    expect(runs.map((run) => [run.text, run.ids])).toEqual([
      ['Thương mại ', []],
      ['hai chiều', ['a']],
      [' đạt 600 triệu USD.', []],
    ])
  })

  it('lists overlapping and nested highlights on each run, innermost first', () => {
    const outer: MarkedRange = { id: 'outer', start: at('mại'), end: at('USD') }
    const inner: MarkedRange = { id: 'inner', start: at('đạt'), end: at('600') + 3 }
    const crossing: MarkedRange = { id: 'crossing', start: at('600'), end: start + text.length }
    const runs = segmentBlock(text, start, [outer, crossing, inner])
    expect(runs.map((run) => [run.text, run.ids])).toEqual([
      ['Thương ', []],
      ['mại hai chiều ', ['outer']],
      ['đạt ', ['inner', 'outer']],
      ['600', ['inner', 'crossing', 'outer']],
      [' triệu ', ['crossing', 'outer']],
      ['USD.', ['crossing']],
    ])
  })

  it('clips a highlight that spans several blocks to each block', () => {
    const spans = blockSpans(blocks)
    const across: MarkedRange = { id: 'x', start: spans[0]!.end - 4, end: spans[2]!.start + 3 }
    expect(segmentBlock(blocks[0]!.text, spans[0]!.start, [across]).map((run) => run.text)).toEqual(['Việt Nam - ', 'Peru'])
    expect(segmentBlock(text, start, [across])).toEqual([{ start, end: start + text.length, text, ids: ['x'] }])
    expect(segmentBlock(blocks[2]!.text, spans[2]!.start, [across]).map((run) => [run.text, run.ids])).toEqual([
      ['Hai', ['x']],
      [' bên nhất trí.', []],
    ])
  })

  it('covers the block exactly: the runs join back into its text at their offsets', () => {
    const ranges: MarkedRange[] = []
    for (let i = 0; i < 40; i++) {
      const a = start + ((i * 7) % text.length)
      const b = start + ((i * 13 + 5) % text.length)
      if (a !== b) ranges.push({ id: `r${i}`, start: Math.min(a, b), end: Math.max(a, b) })
    }
    const runs = segmentBlock(text, start, ranges)
    expect(runs.map((run) => run.text).join('')).toBe(text)
    for (const run of runs) {
      expect(run.text).toBe(text.slice(run.start - start, run.end - start))
      for (const range of ranges) expect(run.ids.includes(range.id)).toBe(range.start <= run.start && range.end >= run.end)
    }
  })

  it('ignores empty ranges', () => {
    expect(segmentBlock(text, start, [{ id: 'empty', start: at('hai'), end: at('hai') }])).toHaveLength(1)
  })
})

describe('segmentBlocks', () => {
  it('cuts every block in one sweep, each run listing exactly the ranges that cover it', () => {
    const body = bodyText(blocks)
    const placed = blockSpans(blocks).map((span, index) => ({ start: span.start, text: blocks[index]!.text }))
    const ranges: MarkedRange[] = []
    for (let i = 0; i < 60; i++) {
      const a = (i * 11) % body.length
      const b = (i * 29 + 7) % body.length
      if (a !== b) ranges.push({ id: `r${i}`, start: Math.min(a, b), end: Math.max(a, b) })
    }
    const all = segmentBlocks(placed, ranges)
    expect(all).toHaveLength(blocks.length)
    all.forEach((runs, index) => {
      expect(runs.map((run) => run.text).join('')).toBe(blocks[index]!.text)
      expect(runs).toEqual(segmentBlock(placed[index]!.text, placed[index]!.start, ranges))
      for (const run of runs) {
        const covering = ranges.filter((range) => range.start <= run.start && range.end >= run.end)
        expect([...run.ids].sort()).toEqual(covering.map((range) => range.id).sort())
      }
    })
  })
})
