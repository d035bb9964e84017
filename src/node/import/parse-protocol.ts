import { AppError, type ErrorCode } from '../../common/errors'
import type { MessageParams } from '../../common/i18n/translate'
import type { ImportOutcome, ImportSuccess } from './import-file'

/**
 * What passes between the import and its parse workers. Messages are structured-cloned, which
 * keeps plain data (the article) but not classes (AppError) or functions (a file's reader): so a
 * request names the file, whose extension picks the reader again in the worker, and a failure
 * travels as its error code and parameters and becomes an AppError again on arrival.
 */
export interface ParseRequest {
  readonly id: number
  readonly file: string
  readonly bytes: Uint8Array
  /** The import time, as an ISO string. */
  readonly now: string
}

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
