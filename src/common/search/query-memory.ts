import type { SearchIndex } from './search-index'

/**
 * Working memory for one query. A query over a large library needs a few megabytes of typed
 * arrays (decoded posting entries, per-unit and per-article scores), all dropped when it returns;
 * allocating them afresh every keystroke makes the garbage collector pause searches. Instead they
 * are carved out of buffers kept from query to query and reset when the next one starts.
 * Searching is synchronous, so one query never sees another's arrays.
 */
export class QueryMemory {
  private ints = new Int32Array(1 << 16)
  private intsUsed = 0
  private floats = new Float64Array(1 << 14)
  private floatsUsed = 0

  /** Starts a query: every array handed out before may be reused. */
  reset(): void {
    this.intsUsed = 0
    this.floatsUsed = 0
  }

  /** A zeroed Int32Array of `length`, valid until the next reset. */
  int32(length: number): Int32Array {
    if (this.intsUsed + length > this.ints.length) {
      // Arrays already handed out keep the old buffer alive until the query ends.
      this.ints = new Int32Array(Math.max(this.ints.length * 2, length * 2))
      this.intsUsed = 0
    }
    const array = this.ints.subarray(this.intsUsed, this.intsUsed + length)
    this.intsUsed += length
    array.fill(0)
    return array
  }

  /** A zeroed Float64Array of `length`, valid until the next reset. */
  float64(length: number): Float64Array {
    if (this.floatsUsed + length > this.floats.length) {
      this.floats = new Float64Array(Math.max(this.floats.length * 2, length * 2))
      this.floatsUsed = 0
    }
    const array = this.floats.subarray(this.floatsUsed, this.floatsUsed + length)
    this.floatsUsed += length
    array.fill(0)
    return array
  }
}

const memories = new WeakMap<SearchIndex, QueryMemory>()

export function queryMemory(index: SearchIndex): QueryMemory {
  let memory = memories.get(index)
  if (memory === undefined) {
    memory = new QueryMemory()
    memories.set(index, memory)
  }
  return memory
}
