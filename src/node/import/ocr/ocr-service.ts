import { fileURLToPath } from 'node:url'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { OcrLanguageChoice } from './ocr-languages'
import { forkOcrProcess, type OcrProcess, type OcrProcessStarter } from './ocr-process'
import { SOURCE_PART_BYTES, type FileReading, type OcrReply, type OcrSource, type ReadFailureKind } from './ocr-protocol'

/**
 * The main thread's side of OCR: one child process (ocr-worker.ts, see ocr-process.ts for why a
 * process), started with the first file that needs it, that reads PDFs (text layers and page
 * drawing, pdf.js) and drives tesseract.js (in a thread of that process). This thread only sends
 * the file's bytes and receives paragraphs and page images, so neither a long scan, pdf.js's
 * loading nor tesseract's memory ever touches it. Files are recognised one at a time, in the order
 * asked: tesseract uses a core for a page, and the machine's other core stays with the window and
 * the library's saves.
 *
 * Cancelling a file ends the process (tesseract cannot stop in the middle of a page) and the next
 * file starts a new one. The process is also ended after IDLE_MS without work, which gives its
 * memory back, and it never keeps the app's process alive on its own (the CLI exits when its
 * import is done).
 */
export interface RecogniseOptions {
  readonly signal?: AbortSignal
  /** Pages done so far and in all, after each page. */
  readonly onPage?: (done: number, total: number) => void
}

/** Why a file gave no text (see ReadFailureKind), or the work was cancelled. */
export class OcrError extends Error {
  constructor(
    readonly kind: ReadFailureKind | 'cancelled',
    reason: string,
  ) {
    super(reason)
  }
}

/**
 * The process ends this long after its last file, and never while a batch holds the service:
 * starting one again (Node, pdf.js, tesseract's trained data) costs a second or two of its own.
 * Ending it costs this process nothing (its memory is another address space; it was not so when
 * OCR ran in a thread, docs/ocr.md).
 */
const IDLE_MS = 15_000

interface Pending {
  readonly resolve: (reading: FileReading) => void
  readonly reject: (error: OcrError) => void
  readonly onPage: ((done: number, total: number) => void) | undefined
}

let workerEntry: string | null = null
let starter: OcrProcessStarter | null = null

/** The bundled worker's path (electron-vite's `?modulePath`), forked; without one it runs from source through tsx. */
export function setOcrWorkerEntry(path: string): void {
  workerEntry = path
}

/** How the OCR process is started, when not by Node's fork (the Electron app: a utility process). */
export function setOcrProcessStarter(start: OcrProcessStarter): void {
  starter = start
}

function startProcess(): OcrProcess {
  if (starter !== null) return starter()
  return forkOcrProcess(workerEntry ?? fileURLToPath(new URL('./ocr-worker.ts', import.meta.url)))
}

export class OcrService {
  #worker: OcrProcess | null = null
  #nextId = 1
  readonly #pending = new Map<number, Pending>()
  #idle: NodeJS.Timeout | null = null
  #holds = 0

  /**
   * An import batch is running (import-files.ts runBatch): the worker, if any, is not ended for
   * idleness until every hold is released, even between files that need no OCR. Measured: an idle
   * end falling inside the next import was its 102 ms main-thread block (docs/ocr.md). Starts nothing.
   */
  hold(): () => void {
    this.#holds++
    if (this.#idle !== null) clearTimeout(this.#idle)
    this.#idle = null
    let released = false
    return () => {
      if (released) return
      released = true
      this.#holds--
      this.#busy()
    }
  }

  /** A file read in the worker: a PDF's text layers and scanned pages, or images, as paragraphs. */
  read(source: OcrSource, languages: OcrLanguageChoice, options: RecogniseOptions = {}): Promise<FileReading> {
    if (options.signal?.aborted) return Promise.reject(new OcrError('cancelled', 'cancelled'))
    const worker = this.#start()
    const id = this.#nextId++
    return new Promise<FileReading>((resolve, reject) => {
      const abort = () => {
        // Tesseract cannot stop in the middle of a page: the worker goes, with every file it held.
        this.#stop(new OcrError('cancelled', 'cancelled'))
      }
      options.signal?.addEventListener('abort', abort, { once: true })
      const done = () => options.signal?.removeEventListener('abort', abort)
      this.#pending.set(id, {
        resolve: (reading) => {
          done()
          resolve(reading)
        },
        reject: (error) => {
          done()
          reject(error)
        },
        onPage: options.onPage,
      })
      this.#busy()
      void this.#send(worker, id, languages, source)
    })
  }

  /**
   * The request, a large PDF's bytes first in parts, one per turn of this thread's loop (see
   * OcrSourcePart: a message is cloned whole here, 5 ms a megabyte). Each part is a copy: a view
   * would be cloned with its whole buffer.
   */
  async #send(worker: OcrProcess, id: number, languages: OcrLanguageChoice, source: OcrSource): Promise<void> {
    if (source.kind !== 'pdf' || source.bytes.byteLength <= SOURCE_PART_BYTES) {
      worker.send({ id, languages, source })
      return
    }
    const parts = Math.ceil(source.bytes.byteLength / SOURCE_PART_BYTES)
    for (let part = 0; part < parts; part++) {
      // Ended meanwhile (cancelled, failed): its files were answered already.
      if (this.#worker !== worker) return
      worker.send({ id, type: 'part', bytes: source.bytes.slice(part * SOURCE_PART_BYTES, (part + 1) * SOURCE_PART_BYTES) })
      await nextTurn()
    }
    if (this.#worker === worker) worker.send({ id, languages, source: { kind: 'pdf', bytes: new Uint8Array(0) }, parts })
  }

  /** Whether a process is running and its end for idleness is counting down (tests, diagnostics). */
  get endingWhenIdle(): boolean {
    return this.#idle !== null
  }

  /** The running OCR process's id (the benchmark reads its peak memory), if any. */
  get processId(): number | undefined {
    return this.#worker?.pid
  }

  /** Ends the process now and waits for its exit (tests, benches; elsewhere it ends when idle, or with the app). */
  async close(): Promise<void> {
    const worker = this.#worker
    if (worker === null) return
    const exited = new Promise<void>((resolve) => worker.onExit(() => resolve()))
    // Referenced until it has exited: an idle process is unreferenced, and a caller awaiting its end
    // with nothing else pending (the CLI's last step) would see Node exit with the promise unsettled.
    worker.ref()
    this.#stop(new OcrError('cancelled', 'closed'))
    await exited
  }

  #start(): OcrProcess {
    if (this.#worker !== null) return this.#worker
    const worker = startProcess()
    worker.onMessage((reply) => {
      if (this.#worker === worker) this.#answer(reply)
    })
    worker.onExit((error) => {
      if (this.#worker === worker) this.#stop(new OcrError('failed', error?.message ?? 'the text recognition process stopped'))
    })
    this.#worker = worker
    return worker
  }

  #answer(reply: OcrReply): void {
    const pending = this.#pending.get(reply.id)
    if (pending === undefined) return
    if (reply.type === 'page') {
      pending.onPage?.(reply.done, reply.total)
      return
    }
    this.#pending.delete(reply.id)
    if (reply.type === 'done') pending.resolve(reply.reading)
    else pending.reject(new OcrError(reply.kind, reply.reason))
    this.#busy()
  }

  /** Keeps the process alive only while files wait; schedules the end of an idle worker. */
  #busy(): void {
    if (this.#idle !== null) clearTimeout(this.#idle)
    this.#idle = null
    if (this.#pending.size > 0) {
      this.#worker?.ref()
      return
    }
    this.#worker?.unref()
    if (this.#holds > 0 || this.#worker === null) return
    this.#idle = setTimeout(() => this.#stop(new OcrError('cancelled', 'idle')), IDLE_MS)
    this.#idle.unref()
  }

  #stop(error: OcrError): void {
    const worker = this.#worker
    this.#worker = null
    if (this.#idle !== null) clearTimeout(this.#idle)
    this.#idle = null
    const pending = [...this.#pending.values()]
    this.#pending.clear()
    for (const item of pending) item.reject(error)
    worker?.kill()
  }
}

let shared: OcrService | null = null

/** The app's OCR service (one OCR process for every import). */
export function ocrService(): OcrService {
  shared ??= new OcrService()
  return shared
}

