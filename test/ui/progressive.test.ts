import { describe, expect, it } from 'vitest'
import { ProgressiveLimit, type Scheduler } from '../../src/ui/lib/progressive'

/** Scheduled steps wait here until the test runs them, as idle callbacks wait for idle time. */
function harness(first: number, batch: number) {
  const queue: Array<() => void> = []
  const changes: number[] = []
  const schedule: Scheduler = (task) => {
    queue.push(task)
    return () => {
      const index = queue.indexOf(task)
      if (index !== -1) queue.splice(index, 1)
    }
  }
  const progressive = new ProgressiveLimit({ first, batch, schedule, onChange: (limit) => changes.push(limit) })
  const runNext = () => queue.shift()?.()
  return { progressive, queue, changes, runNext }
}

describe('ProgressiveLimit', () => {
  it('shows the first batch at once, then grows one batch per step until the whole list is shown', () => {
    const { progressive, queue, changes, runNext } = harness(40, 100)
    progressive.setTotal(250)
    expect(progressive.limit).toBe(40)
    expect(queue).toHaveLength(1)
    runNext()
    runNext()
    expect(progressive.limit).toBe(240)
    runNext()
    expect(progressive.limit).toBe(250)
    expect(changes).toEqual([140, 240, 250])
    expect(queue).toHaveLength(0)
  })

  it('plans nothing for a list the first batch covers', () => {
    const { progressive, queue } = harness(40, 100)
    progressive.setTotal(12)
    expect(queue).toHaveLength(0)
    expect(progressive.limit).toBe(40)
  })

  it('keeps a single step pending however often the total changes', () => {
    const { progressive, queue } = harness(10, 10)
    progressive.setTotal(100)
    progressive.setTotal(101)
    progressive.setTotal(102)
    expect(queue).toHaveLength(1)
  })

  it('renders at once up to an item selected beyond the limit, and goes on growing from there', () => {
    const { progressive, queue, runNext } = harness(40, 100)
    progressive.setTotal(500)
    progressive.reveal(321)
    expect(progressive.limit).toBe(322)
    progressive.reveal(5)
    expect(progressive.limit).toBe(322)
    expect(queue).toHaveLength(1)
    runNext()
    expect(progressive.limit).toBe(422)
  })

  it('starts over from the first batch for another list, dropping the old list’s pending step', () => {
    const { progressive, queue, changes, runNext } = harness(40, 100)
    progressive.setTotal(500)
    runNext()
    runNext()
    expect(progressive.limit).toBe(240)
    progressive.restart()
    expect(progressive.limit).toBe(40)
    expect(queue).toHaveLength(1)
    progressive.setTotal(0)
    expect(queue).toHaveLength(0)
    progressive.setTotal(90)
    runNext()
    expect(progressive.limit).toBe(90)
    expect(changes).toEqual([140, 240, 40, 90])
  })

  it('never shrinks when items are removed, so shown cards stay put', () => {
    const { progressive, queue } = harness(40, 100)
    progressive.setTotal(30)
    progressive.reveal(35)
    progressive.setTotal(20)
    expect(progressive.limit).toBe(40)
    expect(queue).toHaveLength(0)
  })

  it('stops: a pending step is cancelled', () => {
    const { progressive, queue } = harness(40, 100)
    progressive.setTotal(500)
    progressive.stop()
    expect(queue).toHaveLength(0)
    expect(progressive.limit).toBe(40)
  })

  it('refuses an empty batch, which would never finish', () => {
    expect(() => harness(40, 0)).toThrow(RangeError)
  })
})
