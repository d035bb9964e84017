/**
 * How many items of a long list to render now, growing batch by batch in idle time. The
 * annotations panel uses it so that an article with 500 highlights is painted and clickable with
 * the first cards only (their style and layout would otherwise double the time to interactive),
 * while the rest arrive in the frames after. Framework-free: the owner keeps the limit in its
 * own reactive state through `onChange`, and the scheduler is passed in (the browser's idle
 * callback in the app, a hand-run queue in the unit test).
 */

/** Runs `task` later; returns a function that cancels it if it has not run yet. */
export type Scheduler = (task: () => void) => () => void

export interface ProgressiveOptions {
  /** Items rendered at once when the list starts over. */
  readonly first: number
  /** Items added per scheduled step. */
  readonly batch: number
  readonly schedule: Scheduler
  /** Called with the new limit whenever it changes. */
  readonly onChange: (limit: number) => void
}

export class ProgressiveLimit {
  readonly #options: ProgressiveOptions
  #limit: number
  #total = 0
  #cancel: (() => void) | null = null

  constructor(options: ProgressiveOptions) {
    if (options.first < 1 || options.batch < 1) throw new RangeError('ProgressiveLimit: first and batch must be at least 1')
    this.#options = options
    this.#limit = options.first
  }

  get limit(): number {
    return this.#limit
  }

  /** Another list: back to the first batch; the rest comes step by step. */
  restart(): void {
    this.stop()
    this.#set(this.#options.first)
    this.#plan()
  }

  /**
   * The list's length now. Items added or removed never shrink the limit (cards already shown
   * stay put, so the panel does not jump); growth is planned while the limit is short of it.
   */
  setTotal(total: number): void {
    this.#total = total
    this.#plan()
  }

  /** Renders at once everything up to `index` (an item selected elsewhere must be there to scroll to). */
  reveal(index: number): void {
    if (index < this.#limit) return
    this.#set(index + 1)
    this.#plan()
  }

  /** No more steps (the owner is going away). */
  stop(): void {
    this.#cancel?.()
    this.#cancel = null
  }

  #set(limit: number): void {
    if (limit === this.#limit) return
    this.#limit = limit
    this.#options.onChange(limit)
  }

  /** At most one step is pending at a time; none once the limit covers the list. */
  #plan(): void {
    if (this.#limit >= this.#total) {
      this.stop()
      return
    }
    if (this.#cancel !== null) return
    this.#cancel = this.#options.schedule(() => {
      this.#cancel = null
      this.#set(Math.min(this.#total, this.#limit + this.#options.batch))
      this.#plan()
    })
  }
}

/**
 * The browser's idle time (after the frame is painted and input handled), with a timeout so
 * that a busy page still gets its list within a moment.
 */
export const whenIdle: Scheduler = (task) => {
  const handle = requestIdleCallback(task, { timeout: 250 })
  return () => cancelIdleCallback(handle)
}
