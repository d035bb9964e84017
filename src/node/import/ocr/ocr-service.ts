import { Worker } from 'node:worker_threads'
import { workerFromSource } from '../../worker-from-source'
import type { OcrLanguageChoice } from './ocr-languages'
import type { FileReading, OcrReply, OcrRequest, OcrSource, ReadFailureKind } from './ocr-protocol'

/**
 * The main thread's side of OCR: one worker thread (ocr-worker.ts), started with the first file
 * that needs it, that reads PDFs (text layers and page drawing, pdf.js) and drives tesseract.js
 * (itself in a thread below it). This thread only posts the file's bytes (transferred, not copied)
 * and receives paragraphs, so neither a long scan nor pdf.js's loading ever blocks it. Files are recognised one at a time, in the order asked: tesseract uses a core
 * for a page, and the machine's other core stays with the window and the library's saves.
 *
 * Cancelling a file ends the worker (tesseract cannot stop in the middle of a page) and the next
 * file starts a new one. The worker is also ended after IDLE_MS without work, which gives its
 * memory back (a loaded engine holds about 150 MB), and it never keeps the process alive on its
 * own (the CLI exits when its import is done).
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
 * The worker ends this long after its last file. Not at once when a batch ends: ending a thread
 * that holds tesseract's wasm heap (hundreds of MB, never shrunk) costs the main thread CPU while
 * the memory is unmapped (about 150-200 ms per GB, measured: docs/ocr.md), so it is done once the
 * import is over and the user has moved on, not between the files of a batch or two batches.
 */
const IDLE_MS = 15_000

interface Pending {
  readonly resolve: (reading: FileReading) => void
  readonly reject: (error: OcrError) => void
  readonly onPage: ((done: number, total: number) => void) | undefined
}

let workerEntry: string | null = null

/** The bundled worker's path (electron-vite's `?modulePath`); without one the worker runs from source through tsx. */
export function setOcrWorkerEntry(path: string): void {
  workerEntry = path
}

export class OcrService {
  #worker: Worker | null = null
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
      const request: OcrRequest = { id, languages, source }
      const transfer = source.kind === 'pdf' ? [source.bytes.buffer] : source.images.map((image) => image.bytes.buffer)
      worker.postMessage(request, transfer as ArrayBuffer[])
      this.#busy()
    })
  }

  /** Whether a worker is running and its end for idleness is counting down (tests, diagnostics). */
  get endingWhenIdle(): boolean {
    return this.#idle !== null
  }

  /** Ends the worker now (before the app quits; tests). */
  async close(): Promise<void> {
    const worker = this.#worker
    this.#stop(new OcrError('cancelled', 'closed'))
    await worker?.terminate()
  }

  #start(): Worker {
    if (this.#worker !== null) return this.#worker
    const worker = workerEntry === null ? workerFromSource(new URL('./ocr-worker.ts', import.meta.url)) : new Worker(workerEntry)
    worker.on('message', (reply: OcrReply) => this.#answer(reply))
    worker.on('error', (error) => this.#stop(new OcrError('failed', error.message)))
    worker.on('exit', () => {
      if (this.#worker === worker) this.#stop(new OcrError('failed', 'the text recognition thread stopped'))
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
    void worker?.terminate()
  }
}

let shared: OcrService | null = null

/** The process's OCR service (one worker for every import of the process). */
export function ocrService(): OcrService {
  shared ??= new OcrService()
  return shared
}

