import type { IndexFiles } from './saved-index'
import { SearchHost, type SearchPort } from './search-host'
import { SearchScheduler } from './search-scheduler'
import type { SearchIndex } from './search-index'

/**
 * The index in the caller's own thread, behind the same SearchPort as the worker: for one-shot
 * commands (the CLI's `search`), where starting a thread would cost more than it saves.
 */
export function inProcessSearchPort(index?: SearchIndex, files?: IndexFiles): SearchPort {
  const host = new SearchHost(index, files ?? null)
  const scheduler = new SearchScheduler(async (request) => host.handle(request))
  return {
    send: (request, box) => scheduler.send(request, box),
    async close() {
      await scheduler.close()
      // Closing lets go of the base file, whether or not the caller asked for `close-file` first.
      host.handle({ type: 'close-file' })
    },
  }
}
