import type { IndexFiles } from './saved-index'
import { SearchHost } from './search-host'
import { SearchScheduler } from './search-scheduler'
import type { SearchIndex } from './search-index'

/**
 * The index in the caller's own thread, behind the same SearchPort as the worker: for one-shot
 * commands (the CLI's `search`), where starting a thread would cost more than it saves.
 */
export function inProcessSearchPort(index?: SearchIndex, files?: IndexFiles): SearchScheduler {
  const host = new SearchHost(index, files ?? null)
  return new SearchScheduler(async (request) => host.handle(request))
}
