import type { SearchIndex } from './search-index'

/**
 * Memory of cached clause matches, recycled. A query whose words were never searched allocates a
 * megabyte or two of typed arrays per query for the clause cache (clause-cache.ts), and the cache
 * drops about as much. Fresh ArrayBuffers each time make V8 run a full garbage collection every
 * few dozen queries (it counts their bytes), and those pauses were the slowest queries. Instead, a
 * cached clause takes one buffer from here, and gives it back when the cache drops it.
 *
 * A dropped buffer may still be read by the query that dropped it (a query can evict a clause it
 * matched earlier), so it waits until the next query starts before it is handed out again.
 * Searching is synchronous: when a query starts, the previous one has returned plain data.
 */
const POOL_BYTES = 8 * 1024 * 1024
/** A buffer at most this much larger than asked for may be handed out (the rest is unused). */
const SLACK = 1.5

class BufferPool {
  private free: ArrayBuffer[] = []
  private freeBytes = 0
  private waiting: ArrayBuffer[] = []

  /** A buffer of at least `bytes`, contents undefined (the caller writes before it reads). */
  take(bytes: number): ArrayBuffer {
    let best = -1
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength
      if (size >= bytes && size <= bytes * SLACK && (best === -1 || size < this.free[best]!.byteLength)) best = i
    }
    if (best === -1) return new ArrayBuffer(bytes)
    const [buffer] = this.free.splice(best, 1)
    this.freeBytes -= buffer!.byteLength
    return buffer!
  }

  /** Takes back a buffer no longer cached; reused from the next query on. */
  give(buffer: ArrayBuffer): void {
    this.waiting.push(buffer)
  }

  /** A query starts: buffers given back before it may be reused, up to the pool's size (the newest kept). */
  startQuery(): void {
    for (const buffer of this.waiting) {
      this.free.push(buffer)
      this.freeBytes += buffer.byteLength
    }
    this.waiting = []
    while (this.freeBytes > POOL_BYTES) this.freeBytes -= this.free.shift()!.byteLength
  }
}

const pools = new WeakMap<SearchIndex, BufferPool>()

export function bufferPool(index: SearchIndex): BufferPool {
  let pool = pools.get(index)
  if (pool === undefined) {
    pool = new BufferPool()
    pools.set(index, pool)
  }
  return pool
}
