import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../common/errors'
import { workerFromSource } from '../worker-from-source'
import { importFile, importLoaded, loadFileSync, type ImportOutcome, type LoadedFile } from './import-file'
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

/** A file waiting for a thread: a path the worker reads, or bytes already read (a dropped file). */
interface Queued {
  readonly file: string
  readonly work: { readonly kind: 'path'; readonly maxBytes: number | undefined } | { readonly kind: 'bytes'; readonly loaded: LoadedFile }
  readonly now: Date
  readonly resolve: (outcome: ImportOutcome) => void
}

/**
 * Worker threads that turn files into articles (read, decode, Readability over linkedom,
 * cleaning, hashing) beside the main thread, which meanwhile checks for duplicates and saves the
 * articles. A web page costs several milliseconds of parsing; on the main thread that work and the
 * saving take turns on one core, with a worker they run side by side.
 *
 * - A worker holds up to WORKER_DEPTH files at a time: it reads the next ones from disk while it
 *   parses one, and never waits for the main thread to hand it the next file. Files beyond that
 *   wait in a queue and go to the first worker with room.
 * - The main thread takes a file from that queue only when it would otherwise wait (runOneHere,
 *   called by a batch waiting for its next outcome): the worker keeps its files and the main
 *   thread's spare time parses more. Before, a file went to this thread as soon as the worker held
 *   two, whatever this thread had to do, and the worker then sat idle for half the batch.
 * - Workers start on the first file, and a file arriving while none is ready is parsed on this
 *   thread: a small batch never waits for a thread to start.
 * - A worker that dies (a reader crashed it, or it ran out of memory) fails only the files it
 *   held, each with a one-line error naming the file and the reason, and is started again; one
 *   that dies before it was ever ready is not (it would fail again), and its files are parsed here.
 * - Idle workers are unref'd: a pool nobody closed never keeps the process alive.
 *
 * The answer is exactly what importFile / importLoaded give on this thread
 * (test/import/parse-pool.test.ts compares them on the golden fixtures): the worker runs the same
 * code, and only plain data crosses (parse-protocol.ts).
 */
/**
 * Files a worker holds at once (reading or parsing). Enough that its disk reads, which queue
 * behind the saves' fsyncs in libuv's thread pool, are done before it needs them; few enough
 * that the main thread still finds files to take when it waits.
 */
const WORKER_DEPTH = 4

export class ParsePool {
  readonly #factory: ParseWorkerFactory
  readonly #size: number
  #slots: Slot[] | null = null
  #nextId = 0
  #closed = false
  /** Files waiting for a worker with room (or for the main thread, see runOneHere). */
  #queue: Queued[] = []

  constructor(factory: ParseWorkerFactory, size = defaultPoolSize()) {
    this.#factory = factory
    this.#size = Math.max(1, Math.floor(size))
  }

  /** The number of workers (whether started yet or not). */
  get size(): number {
    return this.#size
  }

  /** Files a batch keeps in this pool at once so that every worker stays busy. */
  get capacity(): number {
    return this.#size * WORKER_DEPTH
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

  /** A file already in memory (dropped on the window). */
  parse(loaded: LoadedFile, now: Date): Promise<ImportOutcome> {
    return this.#enqueue({ file: loaded.file, work: { kind: 'bytes', loaded }, now })
  }

  /** A file on disk: read (with loadFile's checks) and parsed in a worker. */
  importPath(path: string, options: { readonly now: Date; readonly maxBytes?: number | undefined }): Promise<ImportOutcome> {
    return this.#enqueue({ file: path, work: { kind: 'path', maxBytes: options.maxBytes }, now: options.now })
  }

  /**
   * For a caller about to wait for the pool: parses the next queued file (one no worker has
   * taken yet) on this thread and resolves once it is done, true; false when nothing is queued.
   */
  async runOneHere(): Promise<boolean> {
    const next = this.#queue.shift()
    if (next === undefined) return false
    next.resolve(await runTaken(next))
    return true
  }

  #enqueue(item: Omit<Queued, 'resolve'>): Promise<ImportOutcome> {
    // No worker ready (starting, or none could start): this thread parses rather than wait.
    if (!this.#startedSlots().some((slot) => slot.ready)) return runHere(item)
    return new Promise((resolve) => {
      this.#queue.push({ ...item, resolve })
      this.#pump()
    })
  }

  /** Sends queued files to workers with room, the least busy first. */
  #pump(): void {
    const slots = (this.#slots ?? []).filter((slot) => slot.ready)
    while (this.#queue.length > 0) {
      let slot: Slot | null = null
      for (const candidate of slots) {
        if (candidate.inFlight.size < WORKER_DEPTH && (slot === null || candidate.inFlight.size < slot.inFlight.size)) slot = candidate
      }
      if (slot === null) break
      this.#send(slot, this.#queue.shift()!)
    }
  }

  #send(slot: Slot, item: Queued): void {
    const id = this.#nextId++
    const now = item.now.toISOString()
    slot.inFlight.set(id, { file: item.file, resolve: item.resolve })
    slot.worker.ref()
    if (item.work.kind === 'path') {
      slot.worker.postMessage({ id, file: item.file, now, kind: 'path', maxBytes: item.work.maxBytes } satisfies ParseRequest)
    } else {
      // A copy the worker can own: a Buffer from readFile may share its memory with other files.
      const bytes = new Uint8Array(item.work.loaded.bytes)
      slot.worker.postMessage({ id, file: item.file, now, kind: 'bytes', bytes } satisfies ParseRequest, [bytes.buffer])
    }
  }

  /** With no worker left to take them, queued files are parsed here, in order. */
  async #drainHere(): Promise<void> {
    while (this.#queue.length > 0 && !(this.#slots ?? []).some((slot) => slot.ready)) await this.runOneHere()
  }

  /** Stops the workers; files in flight fail ("the parser stopped"), queued and later files are parsed here. */
  async close(): Promise<void> {
    this.#closed = true
    const slots = this.#slots ?? []
    this.#slots = []
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
    await this.#drainHere()
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
        this.#pump()
        return
      }
      const request = slot.inFlight.get(message.id)
      slot.inFlight.delete(message.id)
      if (slot.inFlight.size === 0) worker.unref()
      // Its next file first, then this one's outcome: the worker is never left waiting for it.
      this.#pump()
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
      } else {
        const replacement = this.#create()
        if (replacement === null) this.#slots = this.#slots.filter((other) => other !== slot)
        else {
          slot.worker = replacement
          this.#listen(slot, replacement)
        }
      }
      // Files queued for the workers go to another one, or wait for the replacement, or (none left) are parsed here.
      this.#pump()
      void this.#drainHere()
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

/** What a worker would do with a file, done on this thread. */
function runHere(item: Omit<Queued, 'resolve'>): Promise<ImportOutcome> {
  if (item.work.kind === 'bytes') return importLoaded(item.work.loaded, item.now)
  return importFile(item.file, { now: item.now, ...(item.work.maxBytes === undefined ? {} : { maxBytes: item.work.maxBytes }) })
}

/**
 * A queued file taken by this thread because it would otherwise wait: read blocking like a
 * worker does (a read of a few kilobytes, against the milliseconds of parsing that follow;
 * through libuv's thread pool it would wait behind the saves' fsyncs, and this thread with it).
 */
function runTaken(item: Queued): Promise<ImportOutcome> {
  if (item.work.kind === 'bytes') return importLoaded(item.work.loaded, item.now)
  const loaded = loadFileSync(item.file, item.work.maxBytes === undefined ? {} : { maxBytes: item.work.maxBytes })
  return loaded.ok ? importLoaded(loaded, item.now) : Promise.resolve(loaded)
}
