import { performance } from 'node:perf_hooks'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Steps } from '../common/work/steps'

/**
 * How long the service computes before giving the event loop a turn. Well under the 50 ms that
 * counts as a long task: IPC requests, file writes and the UI's other calls get in between.
 */
export const SLICE_BUDGET_MS = 10

export interface SliceOptions {
  readonly budgetMs?: number
  /** Told how long each synchronous slice took (the benchmark reports the longest). */
  readonly onSlice?: (milliseconds: number) => void
}

/**
 * Drives a generator of steps (see src/common/work/steps.ts) to its result, awaiting a macrotask
 * (setImmediate: after pending I/O callbacks, unlike a microtask) whenever a slice has run for the
 * budget. A single step longer than the budget is not cut: the slice ends after it.
 */
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const budget = options.budgetMs ?? SLICE_BUDGET_MS
  let sliceStart = performance.now()
  for (;;) {
    const next = steps.next()
    if (next.done === true) {
      options.onSlice?.(performance.now() - sliceStart)
      return next.value
    }
    const elapsed = performance.now() - sliceStart
    if (elapsed >= budget) {
      options.onSlice?.(elapsed)
      await nextTurn()
      sliceStart = performance.now()
    }
  }
}
