import { openSync, readSync } from 'node:fs'

/**
 * The longest stretch of this thread's own CPU work between two turns of a 1 ms timer: an
 * event-loop block measured in CPU time rather than wall time.
 *
 * Why: Node's event-loop delay histogram measures how late a timer fires in wall time, so on a
 * shared machine it also counts every moment the OS ran another process instead of this one
 * (the "noise floor" rows of the benchmarks, 3–8 ms on these machines even when quiet). The time this
 * thread itself spent running, read from Linux's per-thread scheduler statistics
 * (/proc/thread-self/schedstat, nanoseconds on a CPU), leaves that out: it is what the code under
 * test costs the loop, garbage collection on this thread included. Several short tasks that run
 * between the same two timer turns add up, so the figure can only overstate a single block.
 *
 * Linux only; elsewhere `stop()` answers null and the wall-clock rows stand alone.
 */
export interface CpuBlockMonitor {
  /** Stops sampling; the longest CPU stretch in ms, or null where the OS does not tell. */
  stop(): number | null
  /** Every stretch of at least `recordFrom` ms so far: when it ended (performance.now()) and its CPU ms. */
  readonly blocks: readonly { readonly at: number; readonly ms: number }[]
}

const SCHEDSTAT = '/proc/thread-self/schedstat'

/**
 * The file is opened once per thread and read again from its start into one small buffer: read
 * with readFileSync every millisecond, a file whose size the OS does not give (procfs) costs a
 * fresh 64 KB buffer per read, 64 MB a second of external memory, which set off a major
 * collection of this thread's heap every 2-3 s: blocks of 6-10 ms the probe itself caused.
 */
const schedstat = { fd: null as number | null, buffer: Buffer.alloc(256) }

/** This thread's CPU time so far in ms (scheduler statistics), or null where the OS does not tell. */
export function threadCpuMs(): number | null {
  try {
    schedstat.fd ??= openSync(SCHEDSTAT, 'r')
    const length = readSync(schedstat.fd, schedstat.buffer, 0, schedstat.buffer.length, 0)
    let nanoseconds = 0
    for (let i = 0; i < length; i++) {
      const digit = schedstat.buffer[i]! - 48
      if (digit < 0 || digit > 9) break
      nanoseconds = nanoseconds * 10 + digit
    }
    return nanoseconds / 1e6
  } catch {
    return null
  }
}

export function monitorCpuBlocks(recordFrom = Infinity): CpuBlockMonitor {
  let last = threadCpuMs()
  if (last === null) return { stop: () => null, blocks: [] }
  let longest = 0
  const blocks: { at: number; ms: number }[] = []
  let timer: NodeJS.Timeout
  const tick = (): void => {
    const now = threadCpuMs() ?? last!
    longest = Math.max(longest, now - last!)
    if (now - last! >= recordFrom) blocks.push({ at: performance.now(), ms: now - last! })
    // Read again so that this callback's own file read is not charged to the next interval.
    last = threadCpuMs() ?? now
    timer = setTimeout(tick, 1)
  }
  timer = setTimeout(tick, 1)
  return {
    blocks,
    stop() {
      clearTimeout(timer)
      return Math.max(longest, (threadCpuMs() ?? last!) - last!)
    },
  }
}
