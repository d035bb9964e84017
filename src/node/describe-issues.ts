import * as v from 'valibot'

/** The longest reason an error message quotes: the input itself may be megabytes long. */
const MAX_REASON_LENGTH = 300
const MAX_ISSUES = 3

/**
 * Why an input was refused, on one line and bounded in length. valibot's own summary spans lines
 * and quotes received values whole; an error crossing the boundary must do neither (a one-line
 * message, and no echo of a hostile megabyte into logs and dialogs).
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = v.getDotPath(issue)
    const message = issue.message.replace(/\s+/g, ' ').trim()
    return path ? `${path}: ${message}` : message
  })
  if (issues.length > MAX_ISSUES) parts.push(`+${issues.length - MAX_ISSUES}`)
  const reason = parts.join('; ')
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason
}
