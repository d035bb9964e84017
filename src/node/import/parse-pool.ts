import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { AppError } from '../../common/errors'
import { workerFromSource } from '../worker-from-source'
import { importFile, importLoaded, loadFileSync, type ImportOutcome, type LoadedFile } from './import-file'
import { CLAIMED_BY_MAIN, fromWire, UNCLAIMED, type ParseRequest, type ParseWorkerMessage } from './parse-protocol'

/** Starts one parse worker running parse-worker.ts (bundled by electron-vite, or from source). */
export type ParseWorkerFactory = () => Worker

interface Slot {
  worker: Worker
  /** Whether the worker has loaded its modules: until then files are parsed on this thread. */
  ready: boolean
  /** Settles when this worker is ready, or has died before that. */
  readonly started: Promise<void>
  readonly settle: () => void
  /** Files sent to this worker and not answered yet (some of which this thread may take back). */
  readonly inFlight: Map<number, Sent>
}

/** A file for a thread: a path the worker reads, or bytes already read (a dropped file). */
interface Queued {
  readonly file: string
  readonly work: { readonly kind: 'path'; readonly maxBytes: number | undefined } | { readonly kind: 'bytes'; readonly loaded: LoadedFile }
  readonly now: Date
  readonly resolve: (outcome: ImportOutcome) => void
}

/** A file sent to a worker, with the flag that says who took it (parse-protocol.ts). */
interface Sent {
  readonly item: Queued
  readonly claim: Int32Array
  readonly slot: Slot
}

/**
 * Worker threads that turn files into articles (read, decode, Readability over linkedom,
 * cleaning, hashing) beside the main thread, which meanwhile checks for duplicates and saves the
 * articles. A web page costs several milliseconds of parsing; on the main thread that work and the
 * saving take turns on one core, with a worker they run side by side.
 *
 * - A file is sent to a worker as soon as it is asked for (to the ready worker with the fewest
 *   files), so a worker goes from one file to the next on its own, reading each itself: it never
 *   waits for the main thread, which may be busy saving or parsing, or not scheduled at all on a
 *   loaded machine.
 * - The main thread may take a file back while no worker has started it, when it would otherwise
 *   wait (runOneHere, called by a batch whose next outcome is not ready): each file carries a
 *   shared flag, and whichever thread sets it first parses the file; the other skips it. The main
 *   thread takes the file furthest from the worker's turn, so the two rarely reach for the same.
 *   Before, a file went to the main thread whenever the worker held two, whatever that thread had
 *   to do, and the worker sat idle half the time.
 * - Workers start on the first file, and a file arriving while none is ready is parsed on this
 *   thread: a small batch never waits for a thread to start.
 * - A worker that dies (a reader crashed it, or it ran out of memory) fails only the file it was
 *   parsing, with a one-line error naming the file and the reason; the files it had not started
 *   go to another worker or to this thread. It is started again; one that dies before it was ever
 *   ready is not (it would fail again).
 * - Idle workers are unref'd: a pool nobody closed never keeps the process alive.
 *
 * The answer is exactly what importFile / importLoaded give on this thread
 * (test/import/parse-pool.test.ts compares them on the golden fixtures): the worker runs the same
 * code, and only plain data crosses (parse-protocol.ts).
 */
/**
 * Files a batch keeps in the pool per worker: enough for the worker to keep going while this
 * thread saves, parses a file of its own or is not scheduled, and for this thread to find one
 * to take when it waits; few enough to bound what a batch holds in memory.
 */
const FILES_PER_WORKER = 8

export class ParsePool {
  readonly #factory: ParseWorkerFactory
  readonly #size: number
  #slots: Slot[] | null = null
  #nextId = 0
  #closed = false
  /** Files sent to a worker that this thread may still take back, oldest first. */
  readonly #takeable = new Map<number, Sent>()

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
    return this.#size * FILES_PER_WORKER
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
    return new Promise((resolve) => this.#dispatch({ file: loaded.file, work: { kind: 'bytes', loaded }, now, resolve }))
  }

  /** A file on disk: read (with loadFile's checks) and parsed in a worker. */
  importPath(path: string, options: { readonly now: Date; readonly maxBytes?: number | undefined }): Promise<ImportOutcome> {
    return new Promise((resolve) => this.#dispatch({ file: path, work: { kind: 'path', maxBytes: options.maxBytes }, now: options.now, resolve }))
  }

  /**
   * For a caller about to wait for the pool: takes back a file no worker has started (the one
   * sent last), parses it on this thread and resolves once it is done, true; false when every
   * file sent is already being parsed or done.
   */
  async runOneHere(): Promise<boolean> {
    for (const [id, sent] of [...this.#takeable].reverse()) {
      this.#takeable.delete(id)
      if (Atomics.compareExchange(sent.claim, 0, UNCLAIMED, CLAIMED_BY_MAIN) !== UNCLAIMED) continue
      this.#forget(sent.slot, id)
      sent.item.resolve(await runTaken(sent.item))
      return true
    }
    return false
  }

  /** To the ready worker with the fewest files; with none ready (starting, or none could start), parsed here rather than wait. */
  #dispatch(item: Queued): void {
    let slot: Slot | null = null
    for (const candidate of this.#startedSlots()) {
      if (candidate.ready && (slot === null || candidate.inFlight.size < slot.inFlight.size)) slot = candidate
    }
    if (slot === null) {
      void runHere(item).then(item.resolve)
      return
    }
    const id = this.#nextId++
    const claim = new Int32Array(new SharedArrayBuffer(4))
    const sent: Sent = { item, claim, slot }
    slot.inFlight.set(id, sent)
    this.#takeable.set(id, sent)
    slot.worker.ref()
    const now = item.now.toISOString()
    if (item.work.kind === 'path') {
      slot.worker.postMessage({ id, file: item.file, now, claim, kind: 'path', maxBytes: item.work.maxBytes } satisfies ParseRequest)
    } else {
      // A copy the worker can own (a Buffer from readFile may share its memory with other files),
      // and the original stays here in case this thread takes the file back.
      const bytes = new Uint8Array(item.work.loaded.bytes)
      slot.worker.postMessage({ id, file: item.file, now, claim, kind: 'bytes', bytes } satisfies ParseRequest, [bytes.buffer])
    }
  }

  #forget(slot: Slot, id: number): void {
    slot.inFlight.delete(id)
    this.#takeable.delete(id)
    if (slot.inFlight.size === 0) slot.worker.unref()
  }

  /** Stops the workers; a file being parsed fails ("the parser stopped"), the others and later files are parsed here. */
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
      const sent = slot.inFlight.get(message.id)
      this.#forget(slot, message.id)
      sent?.item.resolve(fromWire(message.outcome))
    })
    let lost = false
    const fail = (reason: string) => {
      if (lost || slot.worker !== worker) return
      lost = true
      const held = [...slot.inFlight]
      for (const [id] of held) this.#forget(slot, id)
      const wasReady = slot.ready
      slot.ready = false
      slot.settle()
      if (!this.#closed && this.#slots !== null) {
        const replacement = wasReady ? this.#create() : null
        if (replacement === null) {
          // It never started (starting it again would fail again, file after file), or cannot be replaced.
          this.#slots = this.#slots.filter((other) => other !== slot)
        } else {
          slot.worker = replacement
          this.#listen(slot, replacement)
        }
      }
      for (const [, sent] of held) {
        // The file it was parsing fails; the ones it had not started go to another worker, or are parsed here.
        if (Atomics.compareExchange(sent.claim, 0, UNCLAIMED, CLAIMED_BY_MAIN) === UNCLAIMED) this.#dispatch(sent.item)
        else sent.item.resolve({ ok: false, file: sent.item.file, error: new AppError('import.unreadable', { file: sent.item.file, reason }) })
      }
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
function runTaken(item: Omit<Queued, 'resolve'>): Promise<ImportOutcome> {
  if (item.work.kind === 'bytes') return importLoaded(item.work.loaded, item.now)
  const loaded = loadFileSync(item.file, item.work.maxBytes === undefined ? {} : { maxBytes: item.work.maxBytes })
  return loaded.ok ? importLoaded(loaded, item.now) : Promise.resolve(loaded)
}
