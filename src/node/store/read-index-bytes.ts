/**
 * The bytes of each summary of an index just read, cut from the file's own bytes.
 *
 * The first index write after opening a library used to validate and encode every summary
 * (~240 ms of main-thread CPU at 10,000 articles): those read from disk are not yet known to
 * validated-file-bytes.ts. But they were validated as part of the whole file when it was read,
 * and their JSON is already in memory, in the bytes read: this finds where each summary's JSON
 * starts and ends in them, so the first write only copies those bytes, like every later write.
 *
 * Taken only when the file is compact JSON as this app writes it (`JSON.stringify`): the number
 * of pieces must match the number of summaries, and a sample of them must equal their summary's
 * JSON.stringify byte for byte; otherwise null, and the first write validates and encodes as before.
 */
export interface ReadIndex {
  /** The summaries as parsed from `bytes`, in file order; frozen. */
  readonly articles: readonly unknown[]
  readonly bytes: Buffer
  /** Where summary i's JSON is in `bytes`: starts[i] to ends[i]. */
  readonly starts: Int32Array
  readonly ends: Int32Array
}

/**
 * The index just read, with where each summary lies in its bytes; null when the bytes cannot be
 * trusted to be the summaries' JSON.stringify. Made while the library opens: a few ms, and no
 * object per summary (10,000 weak-map keys at open lengthened the first garbage collections).
 */
export function readIndexOf(articles: readonly unknown[], bytes: Buffer): ReadIndex | null {
  const pieces = summaryPiecesOf({ articles, bytes })
  if (pieces === null) return null
  const starts = new Int32Array(pieces.length)
  const ends = new Int32Array(pieces.length)
  pieces.forEach((piece, i) => {
    starts[i] = piece.start
    ends[i] = piece.end
  })
  // A summary's values are strings, numbers and nulls: freezing the object freezes all of it, so
  // that its bytes here can never go stale.
  for (const summary of articles) if (typeof summary === 'object' && summary !== null) Object.freeze(summary)
  return { articles, bytes, starts, ends }
}

const ARRAY_START = Buffer.from('"articles":[')
/**
 * Between two summaries. A summary is a flat object (strings, numbers, nulls), and inside a JSON
 * string a quote is always escaped, so `},{"` occurs nowhere but between two elements: the pieces
 * are found by the native byte search, a few ms for the megabytes of 10,000 summaries (a
 * JavaScript loop over every byte took about 20).
 */
const BETWEEN = Buffer.from('},{"')
/** Summaries compared with their JSON.stringify before the pieces are trusted. */
const SAMPLES = 16

/** One summary's JSON in UTF-8: bytes start..end of source (offsets, not a view: 10,000 views cost ~10 ms to make). */
export interface Piece {
  readonly source: Buffer
  readonly start: number
  readonly end: number
}

/** Where each summary's bytes are in `read.bytes`, or null when they cannot be trusted. */
export function summaryPiecesOf(read: { readonly articles: readonly unknown[]; readonly bytes: Buffer }): Piece[] | null {
  const { bytes, articles } = read
  // The first `"articles":[` is the top-level key: the index's other fields come first and are
  // plain values, and a quote inside a string is escaped.
  const open = bytes.indexOf(ARRAY_START)
  const close = bytes.lastIndexOf(']')
  if (open < 0 || close < open) return null
  const tail = bytes.subarray(close + 1).toString('latin1')
  if (tail !== '}' && tail !== '}\n') return null
  const pieces: Piece[] = []
  let start = open + ARRAY_START.length
  if (start === close) return articles.length === 0 ? pieces : null
  for (;;) {
    const between = bytes.indexOf(BETWEEN, start)
    if (between < 0 || between > close) break
    pieces.push({ source: bytes, start, end: between + 1 })
    start = between + 2
  }
  pieces.push({ source: bytes, start, end: close })
  // The count, and a sample compared byte for byte, catch a file that is not compact JSON of these
  // very summaries (written by hand or by an older version, with spaces or another key order).
  if (pieces.length !== articles.length) return null
  const step = Math.max(1, Math.floor(pieces.length / SAMPLES))
  for (let i = 0; i < pieces.length; i += step) if (!sameJson(pieces[i]!, articles[i])) return null
  return sameJson(pieces.at(-1)!, articles.at(-1)) ? pieces : null
}

function sameJson(piece: Piece, value: unknown): boolean {
  return piece.source.subarray(piece.start, piece.end).equals(Buffer.from(JSON.stringify(value) ?? '', 'utf8'))
}
