import type { ApiClient } from '../../common/api'
import { apiMethodNames } from '../../common/api-methods'
import type { ErrorInfo } from '../../common/errors'

/**
 * The one module that touches `window.api`. It turns the bridge's `{ ok, value } | { ok: false,
 * error }` results into values and thrown ApiErrors, so components use plain async calls.
 */
export class ApiError extends Error {
  readonly info: ErrorInfo

  constructor(info: ErrorInfo) {
    super(info.message)
    this.name = 'ApiError'
    this.info = info
  }
}

function createClient(): ApiClient {
  const bridge = window.api as unknown as Record<string, (input?: unknown) => Promise<unknown>>
  const client: Record<string, (input?: unknown) => Promise<unknown>> = {}
  for (const name of apiMethodNames) {
    client[name] = async (input?: unknown) => {
      const result = (await bridge[name]?.(input)) as { ok: true; value: unknown } | { ok: false; error: ErrorInfo }
      if (result.ok) return result.value
      throw new ApiError(result.error)
    }
  }
  return client as unknown as ApiClient
}

export const api: ApiClient = createClient()
