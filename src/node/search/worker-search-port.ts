import { Worker } from 'node:worker_threads'
import type { SearchPort, SearchReply, SearchRequest } from '../../common/search/search-host'
import { SearchScheduler } from '../../common/search/search-scheduler'
import { workerFromSource } from '../worker-from-source'

/**
 * The search index in a worker thread (search-worker.ts), behind a SearchPort.
 *
 * `entry` is the built worker script: the Electron app passes the one electron-vite bundles for
 * it (`import path from '…/search-worker?modulePath'` in electron/main). Without one (tests, the
 * CLI and the browser harness run from TypeScript source through tsx), the thread loads
 * search-worker.ts through tsx's loader.
 *
 * The thread starts on the first request. It keeps the process alive only while requests are
 * pending, so a test or command that forgets to close the service still exits. If the thread
 * dies, pending requests answer `failed`, and so does the first request after (unless it starts
 * the index afresh: `clear`, `load` or `open-file`), even when the thread died while idle: a fresh thread
 * holds an empty index, and the caller must know to rebuild it (library-search.ts).
 *
 * `watch` sees every thread started: the tests stop one with it, as a crash would.
 */
export function workerSearchPort(entry?: string, watch?: (thread: Worker) => void): SearchPort {
  return new WorkerSearchPort(entry, watch)
}

class WorkerSearchPort implements SearchPort {
  readonly #entry: string | undefined
  readonly #watch: ((thread: Worker) => void) | undefined
  readonly #scheduler: SearchScheduler
  #worker: Worker | null = null
  /** Why the last thread stopped, until a request has been told. */
  #lost: string | null = null
  #nextId = 0
  readonly #waiting = new Map<number, (reply: SearchReply) => void>()

  constructor(entry: string | undefined, watch: ((thread: Worker) => void) | undefined) {
    this.#entry = entry
    this.#watch = watch
    this.#scheduler = new SearchScheduler((request) => this.#post(request))
  }

  send(request: SearchRequest, box?: string): Promise<SearchReply> {
    return this.#scheduler.send(request, box)
  }

  async close(): Promise<void> {
    await this.#scheduler.close()
    const worker = this.#worker
    this.#worker = null
    if (worker !== null) await worker.terminate()
    this.#failAll('the search index is closed')
  }

  #post(request: SearchRequest): Promise<SearchReply> {
    const lost = this.#lost
    this.#lost = null
    if (lost !== null && request.type !== 'clear' && request.type !== 'open-file') {
      return Promise.resolve({ type: 'failed', reason: `${lost}; the index must be built again` })
    }
    const worker = (this.#worker ??= this.#start())
    const id = this.#nextId++
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve)
      worker.ref()
      worker.postMessage({ id, request })
    })
  }

  #start(): Worker {
    const worker = this.#entry === undefined ? sourceWorker() : new Worker(this.#entry)
    worker.on('message', ({ id, reply }: { id: number; reply: SearchReply }) => {
      const resolve = this.#waiting.get(id)
      this.#waiting.delete(id)
      if (this.#waiting.size === 0) worker.unref()
      resolve?.(reply)
    })
    const lost = (reason: string) => {
      if (this.#worker !== worker) return
      this.#worker = null
      // Pending requests hear it now; if none was, the next one will.
      if (this.#waiting.size === 0) this.#lost = reason
      this.#failAll(reason)
    }
    worker.on('error', (error) => lost(`the search thread failed: ${error.message}`))
    worker.on('exit', (code) => lost(`the search thread stopped (exit code ${code})`))
    worker.unref()
    this.#watch?.(worker)
    return worker
  }

  #failAll(reason: string): void {
    const waiting = [...this.#waiting.values()]
    this.#waiting.clear()
    for (const resolve of waiting) resolve({ type: 'failed', reason })
  }
}

/** search-worker.ts from source (worker-from-source.ts). */
function sourceWorker(): Worker {
  return workerFromSource(new URL('./search-worker.ts', import.meta.url))
}
