import { extname } from 'node:path'
import { parentPort } from 'node:worker_threads'
import { AppError } from '../../common/errors'
import { readerFor, SUPPORTED_EXTENSIONS } from './formats'
import { importLoaded, loadFileSync, type ImportOutcome } from './import-file'
import { CLAIMED_BY_WORKER, toWire, UNCLAIMED, type ParseRequest, type ParseWorkerMessage } from './parse-protocol'

/**
 * A parse worker's body (see parse-pool.ts): each request is a file to read and parse (a path),
 * or one already read on the main thread (bytes); the answer is its article or its error, exactly
 * what importFile or importLoaded gives there. The pool sends files as they are asked for, so
 * the worker goes from one file to the next without waiting for the main thread; it claims each
 * when its turn comes (the main thread may have taken it back, see parse-protocol.ts) and reads it
 * blocking, just before parsing it (see loadFileSync). The worker says 'ready' once
 * its modules (Readability, linkedom, mammoth, pdf.js…) are loaded, so that the pool does not
 * queue files behind a thread that is still starting.
 */
const port = parentPort
if (port === null) throw new Error('parse-worker runs as a worker thread (see parse-pool.ts)')

/** Files sent and not started yet, in the order they came. */
const backlog: ParseRequest[] = []
let working = false

port.on('message', (request: ParseRequest) => {
  backlog.push(request)
  if (!working) void work()
})

/** One file at a time: a file is claimed only when its turn comes, so until then the main thread may take it. */
async function work(): Promise<void> {
  working = true
  for (let request = backlog.shift(); request !== undefined; request = backlog.shift()) {
    // Taken by the main thread meanwhile (it parses a file itself rather than wait): skipped.
    if (Atomics.compareExchange(request.claim, 0, UNCLAIMED, CLAIMED_BY_WORKER) !== UNCLAIMED) continue
    const outcome = await answer(request)
    port!.postMessage({ type: 'parsed', id: request.id, outcome: toWire(outcome) } satisfies ParseWorkerMessage)
  }
  working = false
}
port.postMessage({ type: 'ready' } satisfies ParseWorkerMessage)

async function answer(request: ParseRequest): Promise<ImportOutcome> {
  const { file } = request
  const now = new Date(request.now)
  if (request.kind === 'path') {
    // Read blocking: this thread has nothing else to do meanwhile (see loadFileSync).
    const loaded = loadFileSync(file, request.maxBytes === undefined ? {} : { maxBytes: request.maxBytes })
    return loaded.ok ? importLoaded(loaded, now) : loaded
  }
  const reader = readerFor(extname(file))
  if (reader === null) {
    // The main thread checked the extension already; kept for a request that went astray.
    return { ok: false, file, error: new AppError('import.unsupported', { file, extension: extname(file) || '—', supported: SUPPORTED_EXTENSIONS.join(' ') }) }
  }
  return importLoaded({ ok: true, file, bytes: request.bytes, read: reader.read }, now)
}
