import { describe, expect, it } from 'vitest'
import { mapLimit } from '../../src/node/store/map-limit'

/** A call that ends when the test says so, so that the order of events is the test's, not the clock's. */
function gate(): { promise: Promise<void>; open: () => void; fail: (error: Error) => void } {
  let open: () => void = () => undefined
  let fail: (error: Error) => void = () => undefined
  const promise = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)))
  return { promise, open, fail }
}

describe('mapLimit', () => {
  it('keeps the order of results and at most `limit` calls in flight', async () => {
    let inFlight = 0
    let most = 0
    const results = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++inFlight)
      await Promise.resolve()
      inFlight--
      return n * 10
    })
    expect(results).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(most).toBe(3)
  })

  it('after a failure starts nothing more, and throws only once the calls in flight have ended', async () => {
    const gates = [gate(), gate(), gate(), gate()]
    const started: number[] = []
    const ended: number[] = []
    let settled = false
    const run = mapLimit([0, 1, 2, 3], 2, async (n) => {
      started.push(n)
      await gates[n]!.promise
      ended.push(n)
    }).finally(() => (settled = true))
    const outcome = run.then(
      () => null,
      (error: unknown) => error,
    )
    gates[0]!.fail(new Error('disk full'))
    await Promise.resolve()
    await Promise.resolve()
    // Item 1 is still in flight: the failure is not told yet, and no new item has started.
    expect(settled).toBe(false)
    expect(started).toEqual([0, 1])
    gates[1]!.open()
    expect(((await outcome) as Error).message).toBe('disk full')
    expect(started).toEqual([0, 1])
    expect(ended).toEqual([1])
  })
})
