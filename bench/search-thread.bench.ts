import { loadavg } from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { inProcessSearchPort } from '../src/common/search/in-process-search-port'
import type { SearchPort } from '../src/common/search/search-host'
import type { SearchableArticle } from '../src/common/search/searchable'
import { workerSearchPort } from '../src/node/search/worker-search-port'
import { printTable, type Row } from './table'

/** Articles per `put`, as LibrarySearch sends them while building. */
const PUT_BATCH = 25

/**
 * How long the service's own thread is blocked while the index is built and 100 queries are
 * answered: the index in this thread (the CLI's in-process port) against the index in its worker
 * thread (the app's). Both go through the same SearchPort, as LibrarySearch uses it; the worker
 * figures include cloning the articles into messages, which this thread still does.
 *
 * The longest block is what a user feels: an IPC call, a save or a keystroke's search waits that
 * long behind it. Measured with Node's event-loop delay histogram (1 ms resolution).
 */
export async function benchSearchThread(articles: readonly SearchableArticle[], queries: readonly string[]): Promise<void> {
  const rows: Row[] = []
  for (const [name, open] of [
    ['index in this thread (CLI)', () => inProcessSearchPort()],
    ['index in a worker thread (app)', () => workerSearchPort()],
  ] as const) {
    const port: SearchPort = open()
    // Start the thread (and, from source, compile it) before measuring.
    await port.send({ type: 'stamps' })
    const delay = monitorEventLoopDelay({ resolution: 1 })
    delay.enable()
    const start = performance.now()
    const puts: Array<Promise<unknown>> = []
    for (let i = 0; i < articles.length; i += PUT_BATCH) {
      puts.push(port.send({ type: 'put', articles: articles.slice(i, i + PUT_BATCH) }))
      // Let the loop turn between batches, as the store's reads do in the service.
      await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(puts)
    const built = performance.now() - start
    for (let i = 0; i < 100; i++) await port.send({ type: 'search', query: queries[i % queries.length]!, options: { limit: 20 } }, 'library')
    const total = performance.now() - start
    delay.disable()
    await port.close()
    rows.push({
      benchmark: name,
      'longest block ms': delay.max / 1e6,
      'p99 block ms': delay.percentile(99) / 1e6,
      'build ms': built,
      'build + 100 queries ms': total,
    })
  }
  // The same histogram over an idle second: what the machine's load alone costs (the floor).
  const idle = monitorEventLoopDelay({ resolution: 1 })
  idle.enable()
  await new Promise((resolve) => setTimeout(resolve, 1000))
  idle.disable()
  rows.push({ benchmark: 'no index work (noise floor)', 'longest block ms': idle.max / 1e6, 'p99 block ms': idle.percentile(99) / 1e6, 'build ms': Number.NaN, 'build + 100 queries ms': Number.NaN })
  const load = loadavg().map((value) => value.toFixed(1)).join(' ')
  printTable(`Search: the service thread's longest event-loop block while building ${articles.length.toLocaleString('en-US')} articles and answering 100 queries (load average ${load})`, rows)
}
