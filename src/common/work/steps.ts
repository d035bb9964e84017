/**
 * Long computations written as generators that `yield` between units of work (one annotation
 * re-anchored, one imported item placed), so that a caller can pause between units and let other
 * work run. Pure: the pausing itself (a macrotask, a clock) belongs to the runtime that drives the
 * steps, e.g. src/node/run-in-slices.ts. Code that does not care drives them with runToEnd.
 */
export type Steps<T> = Generator<void, T, void>

/** Runs every step at once, synchronously, and returns the result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next()
    if (next.done === true) return next.value
  }
}
