import type { SearchPort, SearchReply, SearchRequest } from './search-host'

/** Carries one request to the index and back: a message to a worker, or a call in this thread. */
export type SearchTransport = (request: SearchRequest) => Promise<SearchReply>

interface Pending {
  readonly request: SearchRequest
  readonly box: string | undefined
  readonly resolve: (reply: SearchReply) => void
}

export const SUPERSEDED: SearchReply = Object.freeze({ type: 'superseded' })

/**
 * A SearchPort over any transport: requests go one at a time, in the order sent, so index updates
 * always apply before the searches sent after them. Search as you type: a search from a box
 * replaces that box's older search, which answers `superseded` at once, whether it was still
 * queued (it is never sent) or already running (its answer is dropped when it comes).
 */
export class SearchScheduler implements SearchPort {
  readonly #transport: SearchTransport
  readonly #queue: Pending[] = []
  #running: Pending | null = null
  #closed = false

  constructor(transport: SearchTransport) {
    this.#transport = transport
  }

  /** Requests waiting or running: zero when the index is idle. */
  get pending(): number {
    return this.#queue.length + (this.#running === null ? 0 : 1)
  }

  send(request: SearchRequest, box?: string): Promise<SearchReply> {
    if (this.#closed) return Promise.resolve({ type: 'failed', reason: 'the search index is closed' })
    if (request.type === 'search' && box !== undefined) this.#supersede(box)
    return new Promise((resolve) => {
      this.#queue.push({ request, box, resolve })
      this.#pump()
    })
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const pending of this.#queue.splice(0)) pending.resolve({ type: 'failed', reason: 'the search index is closed' })
  }

  #supersede(box: string): void {
    for (let i = this.#queue.length - 1; i >= 0; i--) {
      const pending = this.#queue[i]!
      if (pending.request.type === 'search' && pending.box === box) {
        this.#queue.splice(i, 1)
        pending.resolve(SUPERSEDED)
      }
    }
    // A promise settles once: the running search's real answer, when it comes, is ignored.
    if (this.#running?.request.type === 'search' && this.#running.box === box) this.#running.resolve(SUPERSEDED)
  }

  #pump(): void {
    if (this.#running !== null) return
    const next = this.#queue.shift()
    if (next === undefined) return
    this.#running = next
    this.#transport(next.request)
      .catch((error: unknown): SearchReply => ({ type: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }))
      .then((reply) => {
        this.#running = null
        next.resolve(reply)
        this.#pump()
      })
  }
}
