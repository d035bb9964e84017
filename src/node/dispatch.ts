import * as v from 'valibot'
import { apiInputs, type ApiHandlers } from '../common/api'
import { isApiMethodName } from '../common/api-methods'
import { errorInfo, fail, type Result } from '../common/errors'
import { describeIssues } from './describe-issues'

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>

/**
 * The single entry point for calls that cross a trust boundary (IPC, the harness bridge):
 * checks the method name, parses the input with the contract's schema, calls the service and
 * wraps the outcome as a Result, because thrown errors lose all but their message across IPC.
 */
export function createDispatcher(handlers: ApiHandlers, onUnexpected: (error: unknown) => void = logUnexpected): Dispatch {
  return async (method, input) => {
    if (!isApiMethodName(method)) return fail('api.unknownMethod', { method: String(method).slice(0, 80) })
    const parsed = v.safeParse(apiInputs[method], input)
    if (!parsed.success) return fail('api.invalidInput', { method, reason: describeIssues(parsed.issues) })
    try {
      const call = handlers[method] as (input: unknown) => Promise<unknown>
      return { ok: true, value: await call.call(handlers, parsed.output) }
    } catch (error) {
      const info = errorInfo(error)
      if (info.code === 'internal') onUnexpected(error)
      return { ok: false, error: info }
    }
  }
}

function logUnexpected(error: unknown): void {
  console.error('[briefing-desk] unexpected error in the service:', error)
}
