import { parentPort } from 'node:worker_threads'
import type { OcrLanguage } from './ocr-languages'
import type { OcrReply, OcrRequest } from './ocr-protocol'
import { pageLanguages, PROBE_LANGUAGES, probeBand } from './page-language'
import { readInWorker, ReadFailure } from './read-in-worker'
import { createTesseractEngine, type TesseractEngine } from './tesseract-engine'

/**
 * The OCR worker's body (see ocr-service.ts): reads PDFs (text layers and drawing, pdf.js) and
 * drives tesseract.js, whose recognition runs in a thread of its own below this one. One file at
 * a time (read-in-worker.ts).
 *
 * Engines are started only when a page needs recognising (a PDF whose pages all have a text layer
 * never loads tesseract) and kept between files (starting one loads its trained data, about half
 * a second): at most MAX_ENGINES, one per set of languages (detection per page uses the
 * Vietnamese and the English ones), the least recently used ended first.
 */
const port = parentPort
if (port === null) throw new Error('ocr-worker runs as a worker thread (see ocr-service.ts)')

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
  const reading = await readInWorker(
    request.source,
    async (image, page, size) => {
      const languages = await pageLanguages(request.languages, async () => (await engineFor(PROBE_LANGUAGES)).readText(image, probeBand(size.width, size.height)))
      return (await engineFor(languages)).recognize(image, page)
    },
    (done, total) => port!.postMessage({ id: request.id, type: 'page', done, total } satisfies OcrReply),
  )
  return { id: request.id, type: 'done', reading }
}

let queue = Promise.resolve()
port.on('message', (request: OcrRequest) => {
  queue = queue.then(async () => {
    let reply: OcrReply
    try {
      reply = await run(request)
    } catch (error) {
      reply = { id: request.id, type: 'failed', kind: error instanceof ReadFailure ? error.kind : 'failed', reason: reasonOf(error) }
    }
    // The page images' buffers go to the main thread as they are (transferred, not copied).
    const transfer = reply.type === 'done' ? reply.reading.pageImages.map((image) => image.bytes.buffer as ArrayBuffer) : []
    port.postMessage(reply, transfer)
  })
})
