import { checkIncoming, MAX_DOC_BYTES } from './incoming-doc'
import { contentHash, localRecord, type AnyRecord, type RecordKind } from './record-docs'

/**
 * A page of the server's `_changes` feed (with documents), read as untrusted input: parsed,
 * each document checked (incoming-doc.ts) and hashed, and the library's shape of each record made.
 * Pure work on bytes, with no state: it runs in the team page worker (team-page-worker.ts), off
 * the main thread, and in the main thread only where no worker can start. Both give the same
 * answer for the same bytes.
 *
 * What comes back is small and plain (strings and the checked records), so that handing it to the
 * main thread costs little more than the records themselves.
 */
export interface CheckedChange {
  /** The document id (null when the server sent something else). */
  readonly id: string | null
  readonly deleted: boolean
  /** The winning revision (the document's, or the change's first leaf). */
  readonly rev: string
  /** Revisions that lost to the winner between server replicas (`_conflicts`), strings only. */
  readonly conflicts: readonly string[]
  /** A deleted theme's `mergedInto`, when it is a string. */
  readonly mergedInto: string | null
  /** The checked document (null for deletions and for changes that came without one). */
  readonly checked: CheckedDoc | null
}

export type CheckedDoc =
  | { readonly ok: false; readonly reason: string }
  | {
      readonly ok: true
      readonly kind: RecordKind
      readonly id: string
      readonly rev: string
      readonly author: string
      readonly changedBy: string
      readonly changedAt: string
      readonly record: AnyRecord
      /** The hash of the record as the server holds it. */
      readonly serverHash: string
      /** The record as the library keeps it (a highlight with its author). */
      readonly local: AnyRecord
      /** The content hash of `local` (hashed here, off the main thread: the library's entry for it takes it as is). */
      readonly localHash: string
    }

export interface CheckedPage {
  readonly results: readonly CheckedChange[]
  readonly lastSeq: string
  /** How many changes the page held (design documents included). */
  readonly count: number
}

export class PageNotJson extends Error {}

export function checkPage(bytes: Uint8Array): CheckedPage {
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
  } catch {
    throw new PageNotJson('not JSON')
  }
  const page = (body ?? {}) as { results?: unknown; last_seq?: unknown }
  const changes = Array.isArray(page.results) ? (page.results as unknown[]) : []
  // A document over the bound can only be in a page over the bound: only then is each one measured.
  const measure = bytes.byteLength > MAX_DOC_BYTES
  const results: CheckedChange[] = []
  for (const raw of changes) {
    const change = (raw ?? {}) as { id?: unknown; deleted?: unknown; changes?: unknown; doc?: unknown }
    const id = typeof change.id === 'string' ? change.id : null
    if (id !== null && id.startsWith('_design/')) continue
    const doc = (change.doc ?? undefined) as { _rev?: unknown; _conflicts?: unknown; mergedInto?: unknown } | undefined
    const leaves = Array.isArray(change.changes) ? (change.changes as { rev?: unknown }[]) : []
    const firstLeaf = leaves[0]?.rev
    const rev = typeof doc?._rev === 'string' ? doc._rev : typeof firstLeaf === 'string' ? firstLeaf : ''
    const conflicts = Array.isArray(doc?._conflicts) ? (doc._conflicts as unknown[]).filter((item): item is string => typeof item === 'string') : []
    const deleted = change.deleted === true
    const mergedInto = deleted && typeof doc?.mergedInto === 'string' ? doc.mergedInto : null
    results.push({ id, deleted, rev, conflicts, mergedInto, checked: deleted || doc === undefined ? null : checkDoc(doc, measure) })
  }
  return { results, lastSeq: String(page.last_seq ?? ''), count: changes.length }
}

function checkDoc(doc: unknown, measure: boolean): CheckedDoc {
  const checked = checkIncoming(doc, measure ? JSON.stringify(doc ?? null).length : 0)
  if (!checked.ok) return checked
  const serverHash = contentHash(checked.kind, checked.record)
  const local = localRecord(checked.kind, checked.record as never, checked.author)
  return { ...checked, serverHash, local, localHash: local === checked.record ? serverHash : contentHash(checked.kind, local) }
}
