import type { LibraryChange, LibraryChangeBody } from '../../common/model/library-change'

export type ChangeListener = (change: LibraryChange) => void

/**
 * Sequence numbers reserved at a time. The store persists the highest number it may hand out
 * (settings.json's `changeSeq`) before handing out any number above the last one persisted, as a
 * database sequence with a cache does: one small extra write per this many commits, not one per
 * commit. A clean close persists the exact last number; after a crash the next number skips the
 * rest of the reservation, so numbers stay monotonic, with a gap.
 */
export const SEQ_RESERVATION = 1000

/**
 * The store's one change feed: after each durable commit, one record to every listener, in
 * commit order (the write queue is the order). Listeners run synchronously inside the queue,
 * so they must be quick (note the change, do the work later); a listener that throws is logged
 * and the others still hear the change: the commit is on disk whatever a listener does.
 */
export class ChangeFeed {
  #seq: number
  #reserved: number
  readonly #listeners = new Set<ChangeListener>()

  /** `persisted`: the library's last persisted sequence number (0 for a new library). */
  constructor(persisted: number) {
    this.#seq = persisted
    this.#reserved = persisted
  }

  /** The sequence number of the last commit announced (or persisted, before the first one). */
  get seq(): number {
    return this.#seq
  }

  /** True when the last number handed out is not the persisted one (a clean close writes it). */
  get unsettled(): boolean {
    return this.#reserved !== this.#seq
  }

  /**
   * The number the next commit gets, and the reservation to persist first when it is beyond the
   * persisted one (null when it is covered).
   */
  next(): { seq: number; reserve: number | null } {
    const seq = this.#seq + 1
    return { seq, reserve: seq > this.#reserved ? seq + SEQ_RESERVATION - 1 : null }
  }

  /** Records that `reserved` is now persisted. */
  reserved(reserved: number): void {
    this.#reserved = Math.max(this.#reserved, reserved)
  }

  /** After a restore replaced the files: numbers continue above both the old and the restored ones. */
  rebase(persisted: number): void {
    this.#seq = Math.max(this.#seq, persisted)
    this.#reserved = this.#seq
  }

  /** Announces a commit that is durable on disk. */
  publish(seq: number, body: LibraryChangeBody): LibraryChange {
    this.#seq = seq
    const change: LibraryChange = { seq, ...body }
    for (const listener of this.#listeners) {
      try {
        listener(change)
      } catch (error) {
        console.error('[briefing-desk] a change listener failed:', error)
      }
    }
    return change
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }
}
