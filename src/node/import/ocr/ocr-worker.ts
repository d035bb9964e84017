import { parentPort } from 'node:worker_threads'
import { languagesOf, type OcrLanguage } from './ocr-languages'
import type { OcrReply, OcrRequest } from './ocr-protocol'
import { readInWorker, ReadFailure } from './read-in-worker'
import { createTesseractEngine, type TesseractEngine } from './tesseract-engine'

/**
 * The OCR worker's body (see ocr-service.ts): reads PDFs (text layers and drawing, pdf.js) and
 * drives tesseract.js, whose recognition runs in a thread of its own below this one. One file at
 * a time (read-in-worker.ts).
 *
 * The engine for a set of languages is kept between files (starting one loads its trained data,
 * about half a second) and started only when a page needs recognising: a PDF whose pages all
 * have a text layer never loads tesseract. A request for other languages replaces it.
 */
const port = parentPort
if (port === null) throw new Error('ocr-worker runs as a worker thread (see ocr-service.ts)')

let engine: { readonly key: string; readonly ready: Promise<TesseractEngine> } | null = null

function engineFor(languages: readonly OcrLanguage[]): Promise<TesseractEngine> {
  const key = languages.join('+')
  if (engine?.key !== key) {
    const previous = engine
    engine = { key, ready: createTesseractEngine(languages) }
    void previous?.ready.then((old) => old.terminate(), () => {})
  }
  return engine.ready
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200)
}

async function run(request: OcrRequest): Promise<OcrReply> {
  const languages = languagesOf(request.languages)
  const reading = await readInWorker(
    request.source,
    languages,
    async (image, page) => (await engineFor(languages)).recognize(image, page),
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
    port.postMessage(reply)
  })
})
