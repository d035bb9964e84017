import * as v from 'valibot'
import { describeIssues } from '../describe-issues'
import { FILE_SCHEMAS, LibraryIndexSchema, type FileKind } from './library-files'
import type { Piece, ReadIndex } from './read-index-bytes'

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
export function validatedFileBytes(kind: FileKind, data: unknown, read: ReadIndex | null = null): FileBytes {
  const checked = validatedFilePieces(kind, data, read)
  return checked.ok ? { ok: true, bytes: Buffer.concat(checked.pieces) } : checked
}

/** A library file's bytes in pieces to be written one after the other, or the reason its data was refused. */
export type FilePieces = { readonly ok: true; readonly pieces: readonly Buffer[] } | { readonly ok: false; readonly reason: string }

/**
 * The same bytes as validatedFileBytes, in pieces: the index's megabytes are written from the
 * buffers they already lie in (a gathering write), never copied into a new one. Filling megabytes
 * of fresh memory costs the main thread ~25 ms at 10,000 articles, mostly in page faults.
 */
export function validatedFilePieces(kind: FileKind, data: unknown, read: ReadIndex | null = null): FilePieces {
  if (kind === 'index') return validatedIndexPieces(data, read)
  const parsed = v.safeParse(FILE_SCHEMAS[kind], data)
  return parsed.success ? { ok: true, pieces: [Buffer.from(`${JSON.stringify(data)}\n`, 'utf8')] } : { ok: false, reason: describeIssues(parsed.issues) }
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
const summaryBytes = new WeakMap<object, Piece>()

/**
 * `read`: the index as last read from disk (validated whole then) with its bytes. Its summaries,
 * the first time they are written, take their bytes from the file (read-index-bytes.ts) instead of
 * being validated and encoded again.
 */
function validatedIndexPieces(index: unknown, read: ReadIndex | null): FilePieces {
  const articles: unknown = typeof index === 'object' && index !== null ? (index as { articles?: unknown }).articles : undefined
  if (!Array.isArray(articles) || !v.is(IndexFieldsSchema, index)) return fullyValidatedPieces(index)
  const list = articles as unknown[]
  const cached: (Piece | undefined)[] = new Array(list.length)
  // For each summary, its position in the index read at open, or -1.
  const readAt = new Int32Array(list.length).fill(-1)
  const fresh: object[] = []
  let next = 0
  for (let i = 0; i < list.length; i++) {
    const summary = list[i]
    const piece = typeof summary === 'object' && summary !== null ? summaryBytes.get(summary) : undefined
    if (piece !== undefined) {
      cached[i] = piece
      continue
    }
    const position = read === null ? -1 : positionInRead(read, summary, next)
    if (position >= 0) {
      readAt[i] = position
      next = position + 1
      continue
    }
    const valid = typeof summary === 'object' && summary !== null && validSummaries.has(summary)
    if (!valid && !v.is(SummarySchema, summary)) return fullyValidatedPieces(index)
    // A summary's values are strings, numbers and nulls: freezing the object freezes all of it.
    fresh.push(Object.freeze(summary as object))
  }
  const freshPieces = encodeEach(fresh.map((summary) => JSON.stringify(summary)))
  fresh.forEach((summary, i) => summaryBytes.set(summary, freshPieces[i]!))
  const runs = new Runs()
  for (let i = 0; i < list.length; i++) {
    const position = readAt[i]!
    if (position >= 0) runs.add(read!.bytes, read!.starts[position]!, read!.ends[position]!)
    else {
      const piece = cached[i] ?? summaryBytes.get(list[i] as object)!
      runs.add(piece.source, piece.start, piece.end)
    }
  }
  return { ok: true, pieces: indexPieces(index, runs.done(), '\n') }
}

/**
 * Where `summary` is in the index read at open, looking from `from` on: the index keeps its
 * order through adds (appended), edits (replaced in place) and deletions (left out), so the
 * search moves forward with the write and looks a little ahead for deletions. A summary not
 * found (moved, or new) is validated and encoded like any other.
 */
const LOOK_AHEAD = 64
function positionInRead(read: ReadIndex, summary: unknown, from: number): number {
  const until = Math.min(read.articles.length, from + LOOK_AHEAD)
  for (let k = from; k < until; k++) if (read.articles[k] === summary) return k
  return -1
}

/**
 * Each text in UTF-8. Encoded together and cut apart at the newlines put between them (JSON text
 * never holds a raw newline): the first write after opening a library encodes every summary, and
 * 10,000 Buffer.from calls cost some 70 ms more than one.
 */
function encodeEach(texts: readonly string[]): Piece[] {
  if (texts.length === 0) return []
  const all = Buffer.from(texts.join('\n'), 'utf8')
  const pieces: Piece[] = []
  let start = 0
  for (let i = 0; i < texts.length; i++) {
    const end = i === texts.length - 1 ? all.length : all.indexOf(0x0a, start)
    pieces.push({ source: all, start, end })
    // A comma in place of the newline: summaries written side by side are then one run of bytes
    // with their commas, copied as one piece (see indexPieces).
    if (end < all.length) all[end] = 0x2c
    start = end + 1
  }
  return pieces
}

/**
 * `JSON.stringify(index)` in UTF-8 (no newline), validating nothing: the index as a journal holds
 * it before it is written (journal.ts). Reuses the bytes of the summaries already written.
 */
export function indexJsonBytes(index: unknown, read: ReadIndex | null = null): Buffer {
  return Buffer.concat(indexJsonPieces(index, read))
}

/**
 * The same bytes as pieces, in order, for a gathering write: the summaries' bytes stay where they
 * lie (the index read at open, or what this process wrote), so a journal holding the index never
 * copies its megabytes into fresh memory on the main thread.
 */
export function indexJsonPieces(index: unknown, read: ReadIndex | null = null): Buffer[] {
  const articles: unknown = typeof index === 'object' && index !== null ? (index as { articles?: unknown }).articles : undefined
  if (!Array.isArray(articles)) return [Buffer.from(JSON.stringify(index) ?? 'null', 'utf8')]
  const runs = new Runs()
  let next = 0
  // Array.from, not a for-of over the array itself: a hole is an element JSON writes as null.
  for (const summary of Array.from(articles as unknown[])) {
    const piece = typeof summary === 'object' && summary !== null ? summaryBytes.get(summary) : undefined
    const position = piece === undefined && read !== null ? positionInRead(read, summary, next) : -1
    if (piece !== undefined) runs.add(piece.source, piece.start, piece.end)
    else if (position >= 0) {
      runs.add(read!.bytes, read!.starts[position]!, read!.ends[position]!)
      next = position + 1
    } else {
      const bytes = Buffer.from((JSON.stringify(summary) as string | undefined) ?? 'null', 'utf8')
      runs.add(bytes, 0, bytes.length)
    }
  }
  return indexPieces(index as object, runs.done(), '')
}

/** The index checked whole, as before this module: for the reason of a refusal. */
function fullyValidatedPieces(index: unknown): FilePieces {
  const parsed = v.safeParse(LibraryIndexSchema, index)
  return parsed.success ? { ok: true, pieces: [Buffer.from(`${JSON.stringify(index)}\n`, 'utf8')] } : { ok: false, reason: describeIssues(parsed.issues) }
}

/**
 * What `JSON.stringify(index)` and `ending` encode to, the index's fields in their own order,
 * with the summaries' bytes given. Each piece is whole JSON (JSON.stringify escapes lone
 * surrogates), so encoding the pieces apart gives the same bytes as encoding the whole. Like
 * JSON.stringify, leaves out fields whose value JSON cannot hold (undefined, functions, symbols).
 */
function indexPieces(index: object, summaries: readonly Buffer[], ending: string): Buffer[] {
  const pieces: Buffer[] = []
  let text = '{'
  for (const [key, value] of Object.entries(index)) {
    const valueText = key === 'articles' ? '[' : (JSON.stringify(value) as string | undefined)
    if (valueText === undefined) continue
    text += `${text === '{' ? '' : ','}${JSON.stringify(key)}:${valueText}`
    if (key !== 'articles') continue
    pieces.push(Buffer.from(text, 'utf8'))
    pieces.push(...summaries)
    text = ']'
  }
  pieces.push(Buffer.from(`${text}}${ending}`, 'utf8'))
  return pieces
}

const COMMA = Buffer.from(',')

/**
 * The summaries' bytes with commas between, as few buffers as possible: summaries that lie side
 * by side in one buffer with a comma between (those of the file read at open, those encoded
 * together) are one run, written at once.
 */
class Runs {
  readonly #out: Buffer[] = []
  #source: Buffer | null = null
  #start = 0
  #end = 0

  add(source: Buffer, start: number, end: number): void {
    if (source === this.#source && start === this.#end + 1 && source[this.#end] === 0x2c) {
      this.#end = end
      return
    }
    if (this.#source !== null) this.#out.push(this.#source.subarray(this.#start, this.#end), COMMA)
    this.#source = source
    this.#start = start
    this.#end = end
  }

  done(): Buffer[] {
    if (this.#source !== null) this.#out.push(this.#source.subarray(this.#start, this.#end))
    this.#source = null
    return this.#out
  }
}
