import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../common/errors'
import { workerFromSource } from '../worker-from-source'
import { importLoaded, type ImportOutcome, type LoadedFile } from './import-file'
import { fromWire, type ParseRequest, type ParseWorkerMessage } from './parse-protocol'

/** Starts one parse worker running parse-worker.ts (bundled by electron-vite, or from source). */
export type ParseWorkerFactory = () => Worker

interface Slot {
  worker: Worker
  /** Whether the worker has loaded its modules: until then files are parsed on this thread. */
  ready: boolean
  /** Settles when this worker is ready, or has died before that. */
  readonly started: Promise<void>
  readonly settle: () => void
  /** Requests sent to this worker and not answered yet, with the file each one names. */
  readonly inFlight: Map<number, { readonly file: string; readonly resolve: (outcome: ImportOutcome) => void }>
}

/**
 * Worker threads that turn files into articles (decode, Readability over linkedom, cleaning,
 * hashing) beside the main thread, which meanwhile reads the next files from disk, checks for
 * duplicates and saves the articles. A web page costs several milliseconds of parsing; on the main
 * thread that work and the saving take turns on one core, with a worker they run side by side.
 *
 * - Workers start on the first file, and a file arriving while they load their modules is parsed
 *   on this thread: a small batch never waits for a thread to start.
 * - Each file goes to the ready worker with the fewest files in flight, or is parsed on this
 *   thread when every worker already holds SHARE_AT files.
 * - A worker that dies (a reader crashed it, or it ran out of memory) fails only the files it
 *   held, each with a one-line error naming the file and the reason, and is started again; one
 *   that dies before it was ever ready is not (it would fail again), and its files are parsed here.
 * - Idle workers are unref'd: a pool nobody closed never keeps the process alive.
 *
 * The answer is exactly what importLoaded gives on this thread (test/import/parse-pool.test.ts
 * compares them on the golden fixtures): the worker runs the same code, and only plain data
 * crosses (parse-protocol.ts).
 */
/**
 * Files a worker may hold before this thread parses the next one itself. This thread otherwise
 * only reads files and saves articles, a third of a file's work, and would sit idle waiting for
 * the worker. On two cores (one worker), sharing the parsing took 1,000 web pages into the library
 * at 158–185 files/s instead of 145–157, with 8.2–9.7 CPU ms per file instead of 12.2. The cost is this thread's loop being busy for one file's parse now and then, as it
 * always is without a pool.
 */
const SHARE_AT = 2

export class ParsePool {
  readonly #factory: ParseWorkerFactory
  readonly #size: number
  #slots: Slot[] | null = null
  #nextId = 0
  #closed = false

  constructor(factory: ParseWorkerFactory, size = defaultPoolSize()) {
    this.#factory = factory
    this.#size = Math.max(1, Math.floor(size))
  }

  /** The number of workers (whether started yet or not). */
  get size(): number {
    return this.#size
  }

  /**
   * Starts the workers (if not yet) and resolves once each is ready or has failed to start, with
   * how many are ready. Only for callers that want files to go to the workers from the first one
   * (tests, benchmarks); parse() does not need it.
   */
  async start(): Promise<number> {
    const slots = this.#startedSlots()
    await Promise.all(slots.map((slot) => slot.started))
    return (this.#slots ?? []).filter((slot) => slot.ready).length
  }

  parse(loaded: LoadedFile, now: Date): Promise<ImportOutcome> {
    if (this.#closed) return importLoaded(loaded, now)
    const slots = this.#startedSlots()
    let slot: Slot | null = null
    for (const candidate of slots) {
      if (candidate.ready && (slot === null || candidate.inFlight.size < slot.inFlight.size)) slot = candidate
    }
    // Every worker has enough queued: this thread takes the file rather than wait idle (see SHARE_AT).
    if (slot === null || slot.inFlight.size >= SHARE_AT) return importLoaded(loaded, now)
    const id = this.#nextId++
    // A copy the worker can own: a Buffer from readFile may share its memory with other files.
    const bytes = new Uint8Array(loaded.bytes)
    const request: ParseRequest = { id, file: loaded.file, bytes, now: now.toISOString() }
    const target = slot
    return new Promise((resolve) => {
      target.inFlight.set(id, { file: loaded.file, resolve })
      target.worker.ref()
      target.worker.postMessage(request, [bytes.buffer])
    })
  }

  /** Stops the workers; files in flight fail ("the parser stopped"), later files are parsed here. */
  async close(): Promise<void> {
    this.#closed = true
    const slots = this.#slots ?? []
    this.#slots = []
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
  }

  #startedSlots(): Slot[] {
    if (this.#closed) return []
    return (this.#slots ??= Array.from({ length: this.#size }, () => this.#spawn()).filter((slot) => slot !== null))
  }

  /** A new worker in a new slot; null when it cannot even be created (files are then parsed here). */
  #spawn(): Slot | null {
    const worker = this.#create()
    if (worker === null) return null
    let settle = () => {}
    const started = new Promise<void>((resolve) => (settle = resolve))
    const slot: Slot = { worker, ready: false, started, settle, inFlight: new Map() }
    this.#listen(slot, worker)
    return slot
  }

  #create(): Worker | null {
    try {
      return this.#factory()
    } catch (error) {
      console.error('[briefing-desk] could not start a parse worker:', error)
      return null
    }
  }

  #listen(slot: Slot, worker: Worker): void {
    worker.unref()
    worker.on('message', (message: ParseWorkerMessage) => {
      if (message.type === 'ready') {
        slot.ready = true
        slot.settle()
        return
      }
      const request = slot.inFlight.get(message.id)
      slot.inFlight.delete(message.id)
      if (slot.inFlight.size === 0) worker.unref()
      request?.resolve(fromWire(message.outcome))
    })
    let lost = false
    const fail = (reason: string) => {
      if (lost || slot.worker !== worker) return
      lost = true
      for (const { file, resolve } of slot.inFlight.values()) {
        resolve({ ok: false, file, error: new AppError('import.unreadable', { file, reason }) })
      }
      slot.inFlight.clear()
      const wasReady = slot.ready
      slot.ready = false
      slot.settle()
      if (this.#closed || this.#slots === null) return
      if (!wasReady) {
        // It never started: starting it again would fail again, file after file.
        this.#slots = this.#slots.filter((other) => other !== slot)
        return
      }
      const replacement = this.#create()
      if (replacement === null) {
        this.#slots = this.#slots.filter((other) => other !== slot)
        return
      }
      slot.worker = replacement
      this.#listen(slot, replacement)
    }
    worker.on('error', (error) => fail(`the parser failed: ${error.message}`))
    worker.on('exit', (code) => fail(`the parser stopped (exit code ${code})`))
  }
}

/**
 * One worker per core but one: the main thread keeps a core for reading files and saving the
 * library (and for the window). At least one, so a single-core machine still parses beside it.
 */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1)
}

/**
 * Parse workers from the built script electron-vite bundles for the app (`entry`, from
 * `import path from '…/parse-worker?modulePath'` in electron/main), or without one from
 * parse-worker.ts through tsx (the CLI, tests, benchmarks).
 */
export function parseWorkers(entry?: string): ParseWorkerFactory {
  return entry === undefined ? () => workerFromSource(new URL('./parse-worker.ts', import.meta.url)) : () => new Worker(entry)
}
