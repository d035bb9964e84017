import { extname } from 'node:path'
import { parentPort } from 'node:worker_threads'
import { AppError } from '../../common/errors'
import { readerFor, SUPPORTED_EXTENSIONS } from './formats'
import { importLoaded } from './import-file'
import { toWire, type ParseRequest, type ParseResponse, type ParseWorkerMessage } from './parse-protocol'

/**
 * A parse worker's body (see parse-pool.ts): each request is a file already read and checked on
 * the main thread; the answer is its article or its error, exactly what importLoaded gives there.
 * The worker says 'ready' once its modules (Readability, linkedom, mammoth, pdf.js…) are loaded,
 * so that the pool does not queue files behind a thread that is still starting.
 */
const port = parentPort
if (port === null) throw new Error('parse-worker runs as a worker thread (see parse-pool.ts)')

port.on('message', (request: ParseRequest) => {
  void answer(request).then((response) => port.postMessage({ type: 'parsed', ...response } satisfies ParseWorkerMessage))
})
port.postMessage({ type: 'ready' } satisfies ParseWorkerMessage)

async function answer({ id, file, bytes, now }: ParseRequest): Promise<ParseResponse> {
  const reader = readerFor(extname(file))
  if (reader === null) {
    // The main thread checked the extension already; kept for a request that went astray.
    const error = new AppError('import.unsupported', { file, extension: extname(file) || '—', supported: SUPPORTED_EXTENSIONS.join(' ') })
    return { id, outcome: toWire({ ok: false, file, error }) }
  }
  const outcome = await importLoaded({ ok: true, file, bytes, read: reader.read }, new Date(now))
  return { id, outcome: toWire(outcome) }
}
