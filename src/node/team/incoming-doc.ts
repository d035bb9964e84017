import * as v from 'valibot'
import { describeIssues } from '../describe-issues'
import { parseDocId, RECORD_SCHEMAS, type AnyRecord, type RecordKind } from './record-docs'

/**
 * A document from the team server is untrusted input, like a file the user imports: anyone who
 * can write to the database (or to the server) may have put anything there. It becomes a record
 * only if every check passes; otherwise it is skipped with a reason (logged, and named in
 * `team status`), and the library keeps what it had.
 */
export type IncomingDoc =
  | { readonly ok: true; readonly kind: RecordKind; readonly id: string; readonly rev: string; readonly author: string; readonly changedBy: string; readonly changedAt: string; readonly record: AnyRecord }
  | { readonly ok: false; readonly reason: string }

/** Larger documents are refused before anything else (a 2 MB article is well within). */
export const MAX_DOC_BYTES = 16 * 1024 * 1024
const NAME = v.pipe(v.string(), v.minLength(1), v.maxLength(200))

const EnvelopeSchema = v.strictObject({
  _id: v.string(),
  _rev: v.string(),
  _conflicts: v.optional(v.array(v.string())),
  kind: v.string(),
  author: NAME,
  changedBy: NAME,
  changedAt: v.pipe(v.string(), v.maxLength(40), v.isoTimestamp()),
  record: v.unknown(),
})

/**
 * Markup that only does harm in a record of plain text: scripts, frames, event handlers,
 * javascript: URLs. Every sink in the app sanitises what it renders (DOMPurify after marked), so
 * this is a second line: a document carrying it was not written by the app, and is skipped.
 */
const ACTIVE_MARKUP = /<\s*\/?\s*(script|iframe|object|embed|style|svg|math|link|meta|base|form)\b|javascript\s*:|vbscript\s*:|<[^>]*\s(on[a-z]+|srcdoc)\s*=/i

/** Keys no record has, which can change an object's prototype when spread or assigned. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

export function checkIncoming(raw: unknown, size: number): IncomingDoc {
  if (size > MAX_DOC_BYTES) return { ok: false, reason: `larger than ${MAX_DOC_BYTES / 1024 / 1024} MB` }
  const hostile = findHostile(raw, 0)
  if (hostile !== null) return { ok: false, reason: hostile }
  const envelope = v.safeParse(EnvelopeSchema, raw)
  if (!envelope.success) return { ok: false, reason: describeIssues(envelope.issues) }
  const named = parseDocId(envelope.output._id)
  if (named === null) return { ok: false, reason: 'not a record id' }
  if (envelope.output.kind !== named.kind) return { ok: false, reason: `kind “${envelope.output.kind.slice(0, 40)}” does not match the id` }
  const record = v.safeParse(RECORD_SCHEMAS[named.kind], envelope.output.record)
  if (!record.success) return { ok: false, reason: describeIssues(record.issues) }
  if (record.output.id !== named.id) return { ok: false, reason: 'the record id does not match the document id' }
  const { _rev: rev, author, changedBy, changedAt } = envelope.output
  return { ok: true, kind: named.kind, id: named.id, rev, author, changedBy, changedAt, record: record.output }
}

/** The first hostile key or active markup anywhere in the value (depth-limited), or null. */
function findHostile(value: unknown, depth: number): string | null {
  if (depth > 32) return 'nested too deep'
  if (typeof value === 'string') return ACTIVE_MARKUP.test(value) ? 'active markup (script, frame, event handler or javascript: URL) in a text' : null
  if (value === null || typeof value !== 'object') return null
  for (const key of Object.keys(value)) {
    if (HOSTILE_KEYS.has(key)) return `the key “${key}”`
    const found = findHostile((value as Record<string, unknown>)[key], depth + 1)
    if (found !== null) return found
  }
  return null
}
