import { describe, expect, it } from 'vitest'
import { describe as describeRange } from '../../src/common/anchoring/describe'
import { reanchorAll, reanchorAllSteps } from '../../src/common/anchoring/reanchor-all'
import type { Steps } from '../../src/common/work/steps'
import { runInSlices } from '../../src/node/run-in-slices'

function* countTo(n: number, seen: string[]): Steps<number> {
  for (let i = 1; i <= n; i++) {
    seen.push(`step ${i}`)
    yield
  }
  return n
}

describe('runInSlices', () => {
  it('gives the event loop a turn between slices once the budget is spent', async () => {
    const seen: string[] = []
    const slices: number[] = []
    setImmediate(() => seen.push('other work'))
    const result = await runInSlices(countTo(3, seen), { budgetMs: 0, onSlice: (ms) => slices.push(ms) })
    expect(result).toBe(3)
    // A budget of 0 ends a slice after every step: the other work runs after the first one.
    expect(seen).toEqual(['step 1', 'other work', 'step 2', 'step 3'])
    expect(slices).toHaveLength(4)
  })

  it('runs everything in one slice while the budget lasts', async () => {
    const seen: string[] = []
    const slices: number[] = []
    setImmediate(() => seen.push('other work'))
    await runInSlices(countTo(3, seen), { budgetMs: 60_000, onSlice: (ms) => slices.push(ms) })
    expect(seen).toEqual(['step 1', 'step 2', 'step 3'])
    expect(slices).toHaveLength(1)
  })

  it('re-anchors in slices exactly as in one go', async () => {
    const before = 'Hai bên nhất trí tăng cường hợp tác. Thương mại hai chiều đạt 600 triệu USD. Hai bên nhất trí.'
    const after = 'Mở đầu. Hai bên nhất trí tăng cường hợp tác. Thương mại song phương đạt 600 triệu USD. Hai bên nhất trí.'
    const selectors = [describeRange(before, 0, 16), describeRange(before, 37, 76), describeRange(before, 77, 94)]
    expect(await runInSlices(reanchorAllSteps(selectors, after), { budgetMs: 0 })).toEqual(reanchorAll(selectors, after))
  })
})
