import { AppError, type ErrorCode } from '../../common/errors'
import type { MessageParams } from '../../common/i18n/translate'
import type { ImportOutcome, ImportSuccess } from './import-file'

/**
 * What passes between the import and its parse workers. Messages are structured-cloned, which
 * keeps plain data (the article) but not classes (AppError) or functions (a file's reader): so a
 * request names the file, whose extension picks the reader again in the worker, and a failure
 * travels as its error code and parameters and becomes an AppError again on arrival.
 *
 * A file on disk travels as its path and the worker reads it (the same checks as on the main
 * thread, in loadFile): the main thread then neither reads nor copies it, and a worker reads its
 * next files while it parses one. A file dropped on the window is already in memory and travels
 * as its bytes.
 *
 * A file sent to a worker may still be taken back by the main thread (ParsePool.runOneHere): the
 * request carries a flag both threads can see, and a thread parses the file only if it changes
 * the flag from UNCLAIMED to its own mark (Atomics.compareExchange), so a file is parsed once.
 */
export const UNCLAIMED = 0
export const CLAIMED_BY_WORKER = 1
export const CLAIMED_BY_MAIN = 2
export type ParseRequest = {
  readonly id: number
  readonly file: string
  readonly now: string
  /** Who parses the file (one Int32 over a SharedArrayBuffer): whichever thread sets it first. */
  readonly claim: Int32Array
} & (
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'path'; readonly maxBytes: number | undefined }
)

export type WireOutcome = ImportSuccess | { readonly ok: false; readonly file: string | null; readonly code: ErrorCode; readonly params: MessageParams }

export interface ParseResponse {
  readonly id: number
  readonly outcome: WireOutcome
}

/** From a worker: its modules are loaded, or one file's answer. */
export type ParseWorkerMessage = { readonly type: 'ready' } | ({ readonly type: 'parsed' } & ParseResponse)

export function toWire(outcome: ImportOutcome): WireOutcome {
  return outcome.ok ? outcome : { ok: false, file: outcome.file, code: outcome.error.code, params: outcome.error.params }
}

export function fromWire(outcome: WireOutcome): ImportOutcome {
  return outcome.ok ? outcome : { ok: false, file: outcome.file, error: new AppError(outcome.code, outcome.params) }
}
