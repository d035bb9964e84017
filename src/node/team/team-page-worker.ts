import { parentPort } from 'node:worker_threads'
import { checkPage, PageNotJson } from './page-check'

/**
 * The team page worker: checks pages of the server's `_changes` feed (page-check.ts) off the main
 * thread. One message in (an id and the page's bytes, transferred), one out (the checked page, or
 * the reason it could not be read).
 */
parentPort!.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id, page: checkPage(bytes) })
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof PageNotJson ? 'not JSON' : error instanceof Error ? error.message : String(error) })
  }
})
