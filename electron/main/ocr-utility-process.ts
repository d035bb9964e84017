import { utilityProcess } from 'electron'
import { processEnd, type OcrProcess, type OcrProcessStarter } from '../../src/node/import/ocr/ocr-process'
import type { OcrReply } from '../../src/node/import/ocr/ocr-protocol'

/**
 * The app's OCR process (docs/ocr.md, "Process"): Electron's utility process, a Node process of
 * the app's own (no second Node binary is shipped), running the bundled ocr-worker. Its memory
 * (tesseract's wasm heaps, pdf.js, the canvas) never counts in the main process, and ending it
 * costs the main thread nothing. ref/unref do not apply: the app's life is its windows'.
 */
export function utilityOcrProcessStarter(entry: string): OcrProcessStarter {
  return (): OcrProcess => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Briefing Desk text recognition', stdio: 'inherit' })
    const { end, onExit } = processEnd()
    let killed = false
    child.on('exit', (code) => end(killed || code === 0 ? null : new Error(`the text recognition process stopped (exit ${code})`)))
    child.on('error', (type) => end(new Error(`the text recognition process failed (${type})`)))
    return {
      get pid() {
        return child.pid
      },
      send: (request) => void child.postMessage(request),
      onMessage: (listener) => void child.on('message', (reply: OcrReply) => listener(reply)),
      onExit,
      kill() {
        killed = true
        // Before its 'spawn' event the process has no pid and kill() does nothing: end it once it has one.
        if (child.pid === undefined) child.once('spawn', () => child.kill())
        else child.kill()
      },
      ref: () => {},
      unref: () => {},
    }
  }
}
