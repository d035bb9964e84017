import * as v from 'valibot'
import { apiInputs, type ApiInput } from '../../common/api'
import type { ApiMethodName } from '../../common/api-methods'
import { AppError } from '../../common/errors'
import { describeIssues } from '../describe-issues'

/**
 * The CLI calls the service directly, not through the dispatcher, so it checks what it passes
 * with the same input schema the app's calls go through: a tag name of 500 characters is refused
 * the same way whether it came from the reader or from a script.
 */
export function checkedInput<K extends ApiMethodName>(method: K, input: unknown): ApiInput<K> {
  const parsed = v.safeParse(apiInputs[method], input)
  if (!parsed.success) throw new AppError('api.invalidInput', { method, reason: describeIssues(parsed.issues) })
  return parsed.output as ApiInput<K>
}

