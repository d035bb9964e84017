import type { MessageKey } from './i18n/en'
import { translate, type MessageParams } from './i18n/translate'

/** Every error the app reports to a user has a catalogue entry under `error.`. */
export type ErrorCode = MessageKey extends infer K ? (K extends `error.${infer C}` ? C : never) : never

/**
 * An error as it crosses a boundary (IPC, the harness bridge, the CLI): plain JSON.
 * `message` is the English text, for logs and for callers without a catalogue; a UI shows
 * `translate(locale, 'error.' + code, params)` instead.
 */
export interface ErrorInfo {
  readonly code: ErrorCode
  readonly message: string
  readonly params: MessageParams
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo }

/** An expected failure with a user-facing explanation. Anything else thrown is a bug. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly params: MessageParams

  constructor(code: ErrorCode, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(translate('en', `error.${code}`, params), options)
    this.name = 'AppError'
    this.code = code
    this.params = params
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, params: this.params }
  }
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo()
  const reason = error instanceof Error ? error.message : String(error)
  return new AppError('internal', { reason }).toInfo()
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail(code: ErrorCode, params: MessageParams = {}): Result<never> {
  return { ok: false, error: new AppError(code, params).toInfo() }
}
