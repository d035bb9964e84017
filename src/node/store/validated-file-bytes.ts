import * as v from 'valibot'
import { describeIssues } from '../describe-issues'
import { FILE_SCHEMAS, LibraryIndexSchema, type FileKind } from './library-files'

/** A library file's bytes (UTF-8 JSON and a newline), or the one-line reason its data was refused. */
export type FileBytes = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly reason: string }

/**
 * Validates a library file's data and gives the bytes it is written as: `JSON.stringify(data)`
 * and a newline in UTF-8, byte for byte, for every kind of file.
 *
 * For the index, at a cost proportional to what changed rather than to the library. Checking all
 * of it with valibot, serialising it whole and encoding the text cost 17.5 ms of main-thread CPU
 * per write at 1,000 articles, growing with the library (an import writes the index some 30 times
 * per 1,000 files). But a summary is never changed in place: every change makes new summary
 * objects and a new array (lowdb update, journal, reload). So each summary is checked once (when
 * first written by this process) and encoded once, and remembered with its bytes; a write checks only the summaries it has not seen and the index's own fields, and copies
 * the bytes end to end. (Caching strings and joining them still cost about 90 ms per write at
 * 10,000 articles, mostly flattening a two-byte string of megabytes and encoding it.) A remembered
 * summary is frozen, so that "never changed in place" is kept by the runtime rather than by
 * goodwill: its bytes can never go stale. When anything fails, the whole index is validated as
 * before, so a refusal gives the very same reason.
 */
export function validatedFileBytes(kind: FileKind, data: unknown): FileBytes {
  if (kind === 'index') return validatedIndexBytes(data)
  const parsed = v.safeParse(FILE_SCHEMAS[kind], data)
  return parsed.success ? { ok: true, bytes: Buffer.from(`${JSON.stringify(data)}\n`, 'utf8') } : { ok: false, reason: describeIssues(parsed.issues) }
}

/** The index's fields but its summaries, checked on their own (unknown keys pass, as in the full schema). */
const { articles: _articles, ...indexFieldEntries } = LibraryIndexSchema.entries
const IndexFieldsSchema = v.object(indexFieldEntries)
/** Taken from the index's schema, so that a summary checked alone is checked exactly as within the whole. */
const SummarySchema = LibraryIndexSchema.entries.articles.item

/**
 * Every summary known valid: validated alone when first written. Frozen. (Not the summaries of an
 * index just read: 10,000 new keys of a weak set at once made the first collections after opening
 * longer, and those land on the first saves; the first write checks them instead.)
 */
const validSummaries = new WeakSet<object>()
/** The JSON in UTF-8 of every summary written so far. Weak: a summary no longer listed is forgotten. */
const summaryBytes = new WeakMap<object, Buffer>()

const COMMA = Buffer.from(',')

function validatedIndexBytes(index: unknown): FileBytes {
  const articles: unknown = typeof index === 'object' && index !== null ? (index as { articles?: unknown }).articles : undefined
  if (!Array.isArray(articles) || !v.is(IndexFieldsSchema, index)) return fullyValidatedBytes(index)
  const encoded: (Buffer | undefined)[] = []
  const fresh: object[] = []
  for (const summary of articles as unknown[]) {
    const bytes = typeof summary === 'object' && summary !== null ? summaryBytes.get(summary) : undefined
    if (bytes === undefined) {
      const valid = typeof summary === 'object' && summary !== null && validSummaries.has(summary)
      if (!valid && !v.is(SummarySchema, summary)) return fullyValidatedBytes(index)
      // A summary's values are strings, numbers and nulls: freezing the object freezes all of it.
      fresh.push(Object.freeze(summary as object))
    }
    encoded.push(bytes)
  }
  const freshBytes = encodeEach(fresh.map((summary) => JSON.stringify(summary)))
  fresh.forEach((summary, i) => summaryBytes.set(summary, freshBytes[i]!))
  return { ok: true, bytes: indexBytes(index, encoded.map((bytes, i) => bytes ?? summaryBytes.get((articles as object[])[i]!)!), '\n') }
}

/**
 * Each text in UTF-8. Encoded together and cut apart at the newlines put between them (JSON text
 * never holds a raw newline): the first write after opening a library encodes every summary, and
 * 10,000 Buffer.from calls cost some 70 ms more than one.
 */
function encodeEach(texts: readonly string[]): Buffer[] {
  if (texts.length === 0) return []
  const all = Buffer.from(texts.join('\n'), 'utf8')
  const pieces: Buffer[] = []
  let start = 0
  for (let i = 0; i < texts.length; i++) {
    const end = i === texts.length - 1 ? all.length : all.indexOf(0x0a, start)
    pieces.push(all.subarray(start, end))
    start = end + 1
  }
  return pieces
}

/**
 * `JSON.stringify(index)` in UTF-8 (no newline), validating nothing: the index as a journal holds
 * it before it is written (journal.ts). Reuses the bytes of the summaries already written.
 */
export function indexJsonBytes(index: unknown): Buffer {
  const articles: unknown = typeof index === 'object' && index !== null ? (index as { articles?: unknown }).articles : undefined
  if (!Array.isArray(articles)) return Buffer.from(JSON.stringify(index) ?? 'null', 'utf8')
  // Array.from, not map: a hole is an element JSON writes as null.
  const encoded = Array.from(articles as unknown[], (summary) =>
    (typeof summary === 'object' && summary !== null ? summaryBytes.get(summary) : undefined) ?? Buffer.from((JSON.stringify(summary) as string | undefined) ?? 'null', 'utf8'),
  )
  return indexBytes(index as object, encoded, '')
}

/** The index checked whole, as before this module: for the reason of a refusal. */
function fullyValidatedBytes(index: unknown): FileBytes {
  const parsed = v.safeParse(LibraryIndexSchema, index)
  return parsed.success ? { ok: true, bytes: Buffer.from(`${JSON.stringify(index)}\n`, 'utf8') } : { ok: false, reason: describeIssues(parsed.issues) }
}

/**
 * What `JSON.stringify(index)` and `ending` encode to, the index's fields in their own order,
 * with the summaries' bytes given. Each piece is whole JSON (JSON.stringify escapes lone
 * surrogates), so encoding the pieces apart gives the same bytes as encoding the whole. Like
 * JSON.stringify, leaves out fields whose value JSON cannot hold (undefined, functions, symbols).
 */
function indexBytes(index: object, summaries: readonly Buffer[], ending: string): Buffer {
  const pieces: Buffer[] = []
  let text = '{'
  for (const [key, value] of Object.entries(index)) {
    const valueText = key === 'articles' ? '[' : (JSON.stringify(value) as string | undefined)
    if (valueText === undefined) continue
    text += `${text === '{' ? '' : ','}${JSON.stringify(key)}:${valueText}`
    if (key !== 'articles') continue
    pieces.push(Buffer.from(text, 'utf8'))
    summaries.forEach((summary, i) => {
      if (i > 0) pieces.push(COMMA)
      pieces.push(summary)
    })
    text = ']'
  }
  pieces.push(Buffer.from(`${text}}${ending}`, 'utf8'))
  return Buffer.concat(pieces)
}
