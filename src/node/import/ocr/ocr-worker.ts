import type { OcrLanguage } from './ocr-languages'
import type { OcrMessage, OcrReply, OcrRequest } from './ocr-protocol'
import { PROBE_LANGUAGES } from './page-language'
import { pageRecogniser } from './page-recognition'
import { readInWorker, ReadFailure } from './read-in-worker'
import { createTesseractEngine, type TesseractEngine } from './tesseract-engine'

/**
 * The OCR process's body (see ocr-service.ts, ocr-process.ts): reads PDFs (text layers and
 * drawing, pdf.js) and drives tesseract.js, whose recognition runs in a thread of its own in this
 * process. One file at a time (read-in-worker.ts).
 *
 * Engines are started only when a page needs recognising (a PDF whose pages all have a text layer
 * never loads tesseract) and kept between files (starting one loads its trained data, about half
 * a second): at most MAX_ENGINES, one per set of languages (detection per page uses the
 * Vietnamese and the English ones), the least recently used ended first.
 */
/** The channel to the app: Electron's utility process port, or Node's IPC channel of a forked process. */
interface ParentChannel {
  postMessage(message: OcrReply): void
  onMessage(listener: (message: OcrMessage) => void): void
}

function parentChannel(): ParentChannel {
  // Electron gives a utility process `process.parentPort` (no 'electron' import needed to use it).
  const electronPort = (process as { parentPort?: { postMessage(message: unknown): void; on(event: 'message', listener: (event: { data: unknown }) => void): void } }).parentPort
  if (electronPort !== undefined) {
    return {
      postMessage: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as OcrMessage)),
    }
  }
  const send = process.send?.bind(process)
  if (send === undefined) throw new Error('ocr-worker runs as a child process (see ocr-process.ts)')
  // The app ending its side (it quit, or closed the channel) ends this process.
  process.on('disconnect', () => process.exit(0))
  return {
    postMessage: (message) => void send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as OcrMessage)),
  }
}

const port = parentChannel()

const MAX_ENGINES = 2
const engines = new Map<string, Promise<TesseractEngine>>()

function engineFor(languages: readonly OcrLanguage[]): Promise<TesseractEngine> {
  const key = languages.join('+')
  let engine = engines.get(key)
  if (engine !== undefined) engines.delete(key)
  engine ??= createTesseractEngine(languages)
  engines.set(key, engine)
  for (const [oldKey, old] of engines) {
    if (engines.size <= MAX_ENGINES) break
    engines.delete(oldKey)
    void old.then((gone) => gone.terminate(), () => {})
  }
  return engine
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200)
}

async function run(request: OcrRequest): Promise<OcrReply> {
  const pages = pageRecogniser(request.languages, engineFor)
  const reading = await readInWorker(
    request.source,
    (image, page, size) => pages.recognise(image, page, size),
    (done, total) => port.postMessage({ id: request.id, type: 'page', done, total } satisfies OcrReply),
    // Called after the page's recognition: the engine it used (the most recently used) is running.
    async (image) => (await ([...engines.values()].at(-1) ?? engineFor(PROBE_LANGUAGES))).decodeToPng(image),
    () => pages.warmUp(),
  )
  return { id: request.id, type: 'done', reading }
}

let queue = Promise.resolve()
/** A large PDF's parts, by request id, until its request comes (OcrSourcePart). */
const partsOf = new Map<number, Uint8Array[]>()

/** The request with its PDF's parts joined, when they came first. */
function withParts(message: OcrRequest & { readonly parts?: number }): OcrRequest {
  if (message.parts === undefined) return message
  const parts = partsOf.get(message.id) ?? []
  partsOf.delete(message.id)
  if (parts.length !== message.parts) throw new Error(`the file reached the text recognition process incomplete (${parts.length} of ${message.parts} parts)`)
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return { id: message.id, languages: message.languages, source: { kind: 'pdf', bytes } }
}

port.onMessage((message) => {
  if ('type' in message) {
    const parts = partsOf.get(message.id) ?? []
    parts.push(message.bytes)
    partsOf.set(message.id, parts)
    return
  }
  queue = queue.then(async () => {
    let reply: OcrReply
    try {
      reply = await run(withParts(message))
    } catch (error) {
      reply = { id: message.id, type: 'failed', kind: error instanceof ReadFailure ? error.kind : 'failed', reason: reasonOf(error) }
    }
    port.postMessage(reply)
  })
})

// Ended by the app (cancel, idle, quit): an engine still starting holds a temporary copy of the
// trained data until it is up (tesseract-engine.ts), so the engines are waited for (2 s at most).
process.once('SIGTERM', () => {
  const ending = [...engines.values()].map((engine) => engine.then((running) => running.terminate()))
  engines.clear()
  setTimeout(() => process.exit(0), 2_000).unref()
  void Promise.allSettled(ending).then(() => process.exit(0))
})
