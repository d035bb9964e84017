import { parentPort } from 'node:worker_threads'
import type { OcrLanguage } from './ocr-languages'
import type { OcrPage } from './ocr-page'
import type { OcrReply, OcrRequest } from './ocr-protocol'
import { openPdfForRendering } from './render-pdf-pages'
import { createTesseractEngine, type TesseractEngine } from './tesseract-engine'

/**
 * The OCR worker's body (see ocr-service.ts): renders PDF pages and drives tesseract.js, whose
 * recognition runs in a thread of its own below this one. One file at a time, pages in order; while
 * tesseract reads a page, the next PDF page is drawn here.
 *
 * The engine for a set of languages is kept between files (starting one loads its trained data,
 * about half a second); a request for other languages replaces it.
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

/** An error from decoding the input (tesseract's or pdf.js's), as against a failure of the engine. */
class Unreadable extends Error {}

async function run(request: OcrRequest): Promise<OcrReply> {
  const recognizer = await engineFor(request.languages)
  const pages: OcrPage[] = []
  const { source } = request
  const total = source.kind === 'images' ? source.images.length : source.pages.length
  const recognize = async (image: Uint8Array, number: number) => {
    try {
      pages.push(await recognizer.recognize(image, number))
    } catch (error) {
      throw new Unreadable(reasonOf(error))
    }
    port!.postMessage({ id: request.id, type: 'page', done: pages.length, total } satisfies OcrReply)
  }
  if (source.kind === 'images') {
    for (const [index, image] of source.images.entries()) await recognize(image, index + 1)
  } else {
    let pdf: Awaited<ReturnType<typeof openPdfForRendering>>
    try {
      pdf = await openPdfForRendering(source.bytes)
    } catch (error) {
      throw new Unreadable(reasonOf(error))
    }
    try {
      // The next page is drawn while tesseract (its own thread) reads this one.
      let next = source.pages[0] === undefined ? null : pdf.render(source.pages[0])
      for (const [index, number] of source.pages.entries()) {
        const image = await next!.catch((error: unknown) => {
          throw new Unreadable(reasonOf(error))
        })
        const following = source.pages[index + 1]
        next = following === undefined ? null : pdf.render(following)
        next?.catch(() => {})
        await recognize(image, number)
      }
    } finally {
      await pdf.close()
    }
  }
  return { id: request.id, type: 'done', pages }
}

let queue = Promise.resolve()
port.on('message', (request: OcrRequest) => {
  queue = queue.then(async () => {
    let reply: OcrReply
    try {
      reply = await run(request)
    } catch (error) {
      reply = { id: request.id, type: 'failed', kind: error instanceof Unreadable ? 'unreadable' : 'failed', reason: reasonOf(error) }
    }
    port.postMessage(reply)
  })
})
