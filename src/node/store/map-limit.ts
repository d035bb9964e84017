/**
 * Maps over `items` with at most `limit` calls in flight (file reads: never run out of descriptors).
 * When a call fails, no further item is started, and the failure is thrown once the calls already
 * in flight have settled: a caller that reports the failure (a store commit) is never overtaken by
 * writes of its own still landing afterwards.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++
      try {
        results[index] = await fn(items[index] as T)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker))
  const rejected = settled.find((outcome) => outcome.status === 'rejected')
  if (rejected !== undefined) throw rejected.reason
  return results
}
