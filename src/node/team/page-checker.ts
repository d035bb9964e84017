import { Worker } from 'node:worker_threads'
import { workerFromSource } from '../worker-from-source'
import { checkPage, PageNotJson, type CheckedPage } from './page-check'

/**
 * Checks `_changes` pages in the team page worker (team-page-worker.ts), so that parsing,
 * validating and hashing a first sync's hundred thousand documents never blocks the main thread.
 *
 * The Electron app gives the worker electron-vite bundled (`setTeamWorkerEntry`); tests, the CLI
 * and the benchmarks run it from source through tsx. One thread serves the process (`pageChecker()`):
 * it starts with the first large page, keeps the process alive only while a page is being checked,
 * and ends when sync says its pull is over (`idle()`), or IDLE_MS after the last page. A connected
 * client that is idle holds no thread: a thread kept after a pull cost an idle client its heap
 * (RSS) and the CPU of its garbage collections, and its end landed in the idle time. Small pages
 * (a live round's one or two documents, SMALL_PAGE_BYTES or less) are checked on the main thread:
 * that takes about a millisecond, less than waking a thread and copying the answer back. If the
 * thread cannot start or dies, the pages waiting are refused (the round fails and is retried) and
 * the next page starts a new one; after three deaths pages are checked on the main thread (same
 * code, same answer).
 */
let workerEntry: string | null = null

/** The bundled worker's file (the Electron app and the built browser shell). */
export function setTeamWorkerEntry(path: string): void {
  workerEntry = path
}

const MAX_DEATHS = 3
const IDLE_MS = 20_000
/**
 * Pages up to this size are checked on the main thread: a live round's one or two documents. (At
 * 16 KB, the first page of highlights after the articles of a first sync, ~20 of them, came here
 * and held the loop ~10 ms on a loaded machine: checking and hashing a highlight costs ~0.1–0.5 ms.)
 */
const SMALL_PAGE_BYTES = 4 * 1024

let shared: PageChecker | null = null

/** The process's page checker. */
export function pageChecker(): PageChecker {
  return (shared ??= new PageChecker())
}

export class PageChecker {
  readonly #smallPageBytes: number
  #worker: Worker | null = null
  #deaths = 0
  #nextId = 0
  #idle: NodeJS.Timeout | null = null
  readonly #waiting = new Map<number, { resolve: (page: CheckedPage) => void; reject: (error: Error) => void }>()

  /** `smallPageBytes`: pages up to this size are checked on the calling thread (tests set 0 to check every page in the worker). */
  constructor(options: { smallPageBytes?: number } = {}) {
    this.#smallPageBytes = options.smallPageBytes ?? SMALL_PAGE_BYTES
  }

  /** True while the worker thread exists. */
  get running(): boolean {
    return this.#worker !== null
  }

  /** The checked page; `bytes` is handed over (do not use it after). */
  check(bytes: Uint8Array): Promise<CheckedPage> {
    if (this.#deaths >= MAX_DEATHS || bytes.byteLength <= this.#smallPageBytes) return Promise.resolve().then(() => checkPage(bytes))
    let worker: Worker
    try {
      worker = this.#worker ??= this.#start()
    } catch {
      // No worker can start here (no bundled entry, no tsx): the same check on this thread.
      this.#deaths = MAX_DEATHS
      return Promise.resolve().then(() => checkPage(bytes))
    }
    if (this.#idle !== null) clearTimeout(this.#idle)
    this.#idle = null
    const id = this.#nextId++
    // A buffer of its own is moved to the thread; a slice of a shared one is copied first.
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes)
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      worker.ref()
      worker.postMessage({ id, bytes: owned }, [owned.buffer as ArrayBuffer])
    })
  }

  /** The caller has no page to check for now (a pull ended): the thread ends once no page is waiting. */
  idle(): void {
    if (this.#worker === null || this.#waiting.size > 0) return
    void this.close()
  }

  async close(): Promise<void> {
    if (this.#idle !== null) clearTimeout(this.#idle)
    this.#idle = null
    const worker = this.#worker
    this.#worker = null
    this.#failAll(new Error('the team page worker was closed'))
    if (worker !== null) await worker.terminate()
  }

  #start(): Worker {
    const worker = workerEntry === null ? workerFromSource(new URL('./team-page-worker.ts', import.meta.url)) : new Worker(workerEntry)
    worker.on('message', (message: { id: number; page?: CheckedPage; error?: string }) => {
      const waiting = this.#waiting.get(message.id)
      this.#waiting.delete(message.id)
      if (this.#waiting.size === 0) {
        worker.unref()
        this.#idle = setTimeout(() => void this.close(), IDLE_MS)
        this.#idle.unref()
      }
      if (waiting === undefined) return
      if (message.page !== undefined) waiting.resolve(message.page)
      else waiting.reject(message.error === 'not JSON' ? new PageNotJson('not JSON') : new Error(message.error ?? 'the team page worker failed'))
    })
    const lost = (reason: string) => {
      if (this.#worker !== worker) return
      this.#worker = null
      this.#deaths++
      this.#failAll(new Error(reason))
    }
    worker.on('error', (error) => lost(`the team page worker failed: ${error.message}`))
    worker.on('exit', (code) => lost(`the team page worker stopped (exit code ${code})`))
    worker.unref()
    return worker
  }

  #failAll(error: Error): void {
    const waiting = [...this.#waiting.values()]
    this.#waiting.clear()
    for (const { reject } of waiting) reject(error)
  }
}
