import { parentPort } from 'node:worker_threads'
import { SearchHost, type SearchRequest } from '../../common/search/search-host'
import { SearchIndex } from '../../common/search/search-index'
import { indexFiles } from './index-file'

/**
 * The search index's thread. Building the index and answering queries are long synchronous work;
 * here they never hold up the thread that answers the window and saves the library. Requests come
 * one at a time (search-scheduler.ts), so a plain handler in arrival order is all this needs.
 */
const port = parentPort
if (port === null) throw new Error('search-worker runs as a worker thread (see worker-search-port.ts)')

// This thread reads and writes the index's cache file itself (index-file.ts).
const host = new SearchHost(new SearchIndex(), indexFiles)
// The base file's descriptor belongs to the process, not to this thread: a thread stopped from
// outside (a crash elsewhere, terminate(), the app closing) would leave it open for good. 'exit'
// runs for each of those in a worker thread (not when the process itself dies, which frees it).
process.on('exit', () => host.handle({ type: 'close-file' }))
port.on('message', ({ id, request }: { id: number; request: SearchRequest }) => {
  port.postMessage({ id, reply: host.handle(request) })
})
