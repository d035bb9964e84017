import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { workerFromSource } from '../worker-from-source'
import { fromColumns, type ThemeIndexColumns } from './theme-index-columns'
import { readThemeIndex, THEME_INDEX_FILE, type StoredThemeIndex } from './theme-index-file'

/**
 * Reads the theme index's cache (theme-index-file.ts `readThemeIndex`) with its parse off the
 * main thread when the checkpoint is large: at 100,000 highlights it is about 6 MB of JSON lines,
 * a third of a second of CPU to parse and check, which on the main thread would hold every other
 * request of the service (the Themes view's first selection among them). A worker
 * (theme-index-worker.ts) reads, parses and checks it, and hands the references back in columns
 * (theme-index-columns.ts); the main thread only makes their objects. A smaller checkpoint is
 * read in place (a worker's start costs more than its parse).
 *
 * The Electron app gives the worker electron-vite bundled (`setThemeIndexWorkerEntry`); tests,
 * the CLI, the benchmarks and the browser harness run it from source through tsx. A worker that
 * cannot start or fails leaves the read to the main thread (same code, same answer). One worker
 * per read, ended after it: a library's index is read once per session, or at a checkpoint.
 */
let workerEntry: string | null = null

/** The bundled worker's file (the Electron app). */
export function setThemeIndexWorkerEntry(path: string): void {
  workerEntry = path
}

/** Checkpoints of at least this many bytes are read in the worker. */
export const OFF_THREAD_BYTES = 1024 * 1024

export async function readThemeIndexOffThread(dir: string, offThreadFrom = OFF_THREAD_BYTES): Promise<StoredThemeIndex | null> {
  const size = await stat(join(dir, THEME_INDEX_FILE)).then(
    (stats) => stats.size,
    () => 0,
  )
  if (size < offThreadFrom) return readThemeIndex(dir)
  try {
    const columns = await readInWorker(dir)
    return columns === null ? null : fromColumns(columns)
  } catch (error) {
    console.error('[briefing-desk] the theme index worker failed; reading on the main thread:', error)
    return readThemeIndex(dir)
  }
}

function readInWorker(dir: string): Promise<ThemeIndexColumns | null> {
  const worker = workerEntry === null ? workerFromSource(new URL('./theme-index-worker.ts', import.meta.url)) : new Worker(workerEntry)
  return new Promise<ThemeIndexColumns | null>((resolve, reject) => {
    worker.once('message', (message: { columns?: ThemeIndexColumns | null; error?: string }) => {
      if (message.columns !== undefined) resolve(message.columns)
      else reject(new Error(message.error ?? 'the theme index worker failed'))
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`the theme index worker stopped (${code})`)))
    worker.postMessage({ dir })
  }).finally(() => void worker.terminate())
}
