import type { ErrorInfo } from '../../common/errors'
import { errorInfoOf } from './notices.svelte'

/** `invalid`: edited, but not in a state that may be saved (the editor shows why). */
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'invalid' | 'error'

/**
 * Saves an edited record a moment after the last edit, one save at a time. Edits made while a
 * save is in flight are saved next; a failed save keeps them pending and reports the error, so
 * nothing typed is lost. `save` sends the record as it is when called and resolves once stored;
 * `canSave` holds back a record that would be refused (shown as `invalid`).
 */
export class Autosave {
  #status = $state<SaveStatus>('saved')
  #error = $state.raw<ErrorInfo | null>(null)
  #timer: ReturnType<typeof setTimeout> | null = null
  #saving: Promise<void> | null = null
  #dirty = false
  readonly #delayMs: number
  readonly #save: () => Promise<void>
  readonly #canSave: () => boolean

  constructor(delayMs: number, save: () => Promise<void>, canSave: () => boolean = () => true) {
    this.#delayMs = delayMs
    this.#save = save
    this.#canSave = canSave
  }

  get status(): SaveStatus {
    return this.#status
  }

  get error(): ErrorInfo | null {
    return this.#error
  }

  /** The record was edited: save it after the pause, or hold it back while it cannot be saved. */
  changed(): void {
    this.#dirty = true
    this.#clearTimer()
    if (!this.#canSave()) {
      this.#status = 'invalid'
      return
    }
    this.#status = 'pending'
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs)
  }

  /** Forgets unsaved edits: the record was replaced by another, or is being deleted. */
  reset(): void {
    this.#clearTimer()
    this.#dirty = false
    this.#status = 'saved'
    this.#error = null
  }

  /** Saves now (before closing, switching or exporting); resolves once stored or failed. */
  async flush(): Promise<void> {
    this.#clearTimer()
    while (this.#saving !== null) await this.#saving
    if (!this.#dirty || !this.#canSave()) return
    this.#dirty = false
    this.#status = 'saving'
    this.#saving = (async () => {
      try {
        await this.#save()
        this.#error = null
        this.#status = this.#dirty ? 'pending' : 'saved'
      } catch (error) {
        this.#dirty = true
        this.#error = errorInfoOf(error)
        this.#status = 'error'
      } finally {
        this.#saving = null
      }
    })()
    await this.#saving
    if (this.#dirty && this.status === 'pending') await this.flush()
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
