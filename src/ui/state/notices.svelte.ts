import type { ErrorInfo } from '../../common/errors'
import type { RecoveryEvent } from '../../common/model/recovery'

export interface Toast {
  readonly id: number
  readonly tone: 'info' | 'error'
  readonly text: string
  /** A button on the toast, e.g. Undo. */
  readonly action?: ToastAction
}

export interface ToastAction {
  readonly label: string
  readonly run: () => void
}

const TOAST_MS = 7_000
/** At most this many toasts at once: a burst of them would pile up over the view (a brief's preview). */
const MAX_TOASTS = 2

/** Transient confirmations and errors (toasts), and the library's repair report. */
export class Notices {
  #toasts = $state.raw<Toast[]>([])
  #recovery = $state.raw<RecoveryEvent[]>([])
  #nextId = 1

  get toasts(): Toast[] {
    return this.#toasts
  }

  get recovery(): RecoveryEvent[] {
    return this.#recovery
  }

  set recovery(events: RecoveryEvent[]) {
    this.#recovery = events
  }

  show(text: string, tone: Toast['tone'] = 'info', action?: ToastAction): void {
    const toast = { id: this.#nextId++, tone, text, ...(action ? { action } : {}) }
    this.#toasts = [...this.#toasts, toast].slice(-MAX_TOASTS)
    setTimeout(() => this.dismiss(toast.id), tone === 'error' ? TOAST_MS * 2 : TOAST_MS)
  }

  /** Drops every toast: after a language switch, toasts in the old language would read as stale. */
  clear(): void {
    this.#toasts = []
  }

  dismiss(id: number): void {
    this.#toasts = this.#toasts.filter((toast) => toast.id !== id)
  }

  dismissRecovery(): void {
    this.#recovery = []
  }
}

export function errorInfoOf(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null && 'info' in error) return (error as { info: ErrorInfo }).info
  const reason = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: reason, params: { reason } }
}
