import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { mayNeedOcr, readerFor } from './formats'
import { fileSystemError, importLoaded, loadFile, type ImportFailure, type ImportOutcome, type LoadedFile } from './import-file'
import type { OcrLanguageChoice } from './ocr/ocr-languages'
import { ocrService } from './ocr/ocr-service'
import type { ParsePool } from './parse-pool'

/**
 * A batch: files and folders in, one outcome per file. Each file succeeds or fails on its own;
 * progress is reported after every file (and awaited, so a caller can save each article before the
 * next is read); an AbortSignal stops the batch between files and interrupts a read in progress.
 */
export interface ImportProgress {
  /** Files finished so far, this one included. */
  readonly done: number
  readonly total: number
  readonly outcome: ImportOutcome
}

export interface ImportFilesOptions {
  readonly onProgress?: (progress: ImportProgress) => void | Promise<void>
  readonly signal?: AbortSignal
  readonly maxBytes?: number
  /** The import time for each file (default: the clock). */
  readonly now?: () => Date
  /** Worker threads to parse in (parse-pool.ts), for batches of POOL_MIN_FILES or more; without one, files are parsed on this thread. */
  readonly pool?: ParsePool
  /**
   * With a pool: whether this thread may parse a file itself while it waits for the next outcome
   * (default yes). A caller that saves in the background says no while its saves lag behind.
   */
  readonly mayParseHere?: () => boolean
  /** Pages recognised so far in a file read by OCR (a scan, an image), after each page. */
  readonly onPage?: (file: string, done: number, total: number) => void
  /** The languages OCR reads (default both). */
  readonly ocrLanguages?: OcrLanguageChoice
}

export interface ImportSummary {
  /** Files found (after folder expansion), imported or not. */
  readonly total: number
  readonly imported: number
  readonly failed: number
  /** Files not imported because the batch was cancelled. */
  readonly cancelled: readonly string[]
  /** One outcome per file attempted, in order (folders that could not be read included). */
  readonly outcomes: readonly ImportOutcome[]
}

export interface ExpandedPaths {
  readonly files: readonly string[]
  /** Folders that could not be listed. */
  readonly failures: readonly ImportFailure[]
}

/**
 * How many files a batch works on ahead of the one being reported: without a pool, files read
 * from disk while one is parsed here (each read holds a whole file in memory, so few); with one,
 * enough to keep every worker's queue full while this thread saves what came back and parses
 * files of its own, plus the outcomes that wait to be reported in order.
 */
function lookAhead(pool: ParsePool | undefined): number {
  return pool === undefined ? 4 : pool.capacity + 4
}

/**
 * Below this many files a batch is parsed on this thread: starting a worker and loading the
 * readers into it costs more than a few files take (and a pool parses here until its workers are
 * ready anyway).
 */
export const POOL_MIN_FILES = 8

/** What a batch works through: a path to read, or a file already in memory (dropped on the window) or already refused. */
export type BatchSource = string | LoadedFile | ImportFailure

/** A file read but not parsed yet (no pool), as against an outcome. */
function isLoadedFile(value: LoadedFile | ImportOutcome): value is LoadedFile {
  return value.ok && 'bytes' in value
}

function fileOf(source: BatchSource): string {
  return typeof source === 'string' ? source : (source.file ?? '')
}

/** Hidden files and folders, and the lock files Word leaves next to open documents ("~$…"). */
function isIgnored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$')
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

async function walk(folder: string, files: string[], failures: ImportFailure[]): Promise<void> {
  let entries: Dirent[]
  try {
    entries = await readdir(folder, { withFileTypes: true })
  } catch (error) {
    failures.push({ ok: false, file: folder, error: fileSystemError(folder, error) })
    return
  }
  entries.sort((a, b) => byCodePoint(a.name, b.name))
  for (const entry of entries) {
    if (isIgnored(entry.name)) continue
    const path = join(folder, entry.name)
    // Symbolic links to folders are not followed (no loops); links to files are.
    if (entry.isDirectory()) await walk(path, files, failures)
    else if ((entry.isFile() || entry.isSymbolicLink()) && readerFor(extname(entry.name)) !== null) {
      if (entry.isSymbolicLink() && !(await stat(path).then((s) => s.isFile(), () => false))) continue
      files.push(path)
    }
  }
}

/**
 * The files a list of paths stands for: a folder becomes every file in it and its subfolders with
 * a supported extension, sorted by name (hidden files skipped); a file stays, whatever its
 * extension, so that an unsupported one is reported rather than ignored; a path that does not
 * exist stays too, for the same reason. Duplicates are dropped.
 */
export async function expandPaths(paths: readonly string[]): Promise<ExpandedPaths> {
  const files: string[] = []
  const failures: ImportFailure[] = []
  for (const path of paths) {
    const isFolder = await stat(path).then((stats) => stats.isDirectory(), () => false)
    if (isFolder) await walk(path, files, failures)
    else files.push(path)
  }
  const seen = new Set<string>()
  return {
    files: files.filter((file) => {
      const key = resolve(file)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    }),
    failures,
  }
}

export async function importFiles(paths: readonly string[], options: ImportFilesOptions = {}): Promise<ImportSummary> {
  const { files, failures } = await expandPaths(paths)
  const total = files.length + failures.length
  const outcomes: ImportOutcome[] = []
  let done = 0
  const report = async (outcome: ImportOutcome) => {
    outcomes.push(outcome)
    done++
    await options.onProgress?.({ done, total, outcome })
  }
  for (const failure of failures) await report(failure)

  const { cancelled } = await runBatch(files, options, report)
  const imported = outcomes.filter((outcome) => outcome.ok).length
  return { total, imported, failed: outcomes.length - imported, cancelled, outcomes }
}

/**
 * Works through a batch's files, reporting one outcome per file, in order, each awaited. Returns
 * the files not attempted because the batch was cancelled (signal), from the first one not
 * reported on.
 *
 * Reporting is in order, but work runs ahead of it (lookAhead): without a pool, the next few files
 * are read from disk while the current one is parsed here (reading is waiting, parsing is work:
 * overlapping them nearly doubles the throughput on small files); with a pool, the next files are
 * read and parsed in its workers, and whenever the outcome to report next is not ready, this
 * thread parses a queued file itself rather than wait (ParsePool.runOneHere).
 */
export async function runBatch(
  sources: readonly BatchSource[],
  options: Pick<ImportFilesOptions, 'signal' | 'maxBytes' | 'now' | 'pool' | 'mayParseHere' | 'onPage' | 'ocrLanguages'>,
  report: (outcome: ImportOutcome) => Promise<void>,
): Promise<{ cancelled: string[] }> {
  // An idle OCR process is never ended in the middle of a batch: starting it again costs a second
  // or two (docs/ocr.md, Process).
  const release = ocrService().hold()
  try {
    return await runBatchFiles(sources, options, report)
  } finally {
    release()
  }
}

async function runBatchFiles(
  sources: readonly BatchSource[],
  options: Pick<ImportFilesOptions, 'signal' | 'maxBytes' | 'now' | 'pool' | 'mayParseHere' | 'onPage' | 'ocrLanguages'>,
  report: (outcome: ImportOutcome) => Promise<void>,
): Promise<{ cancelled: string[] }> {
  const pool = sources.length >= POOL_MIN_FILES ? options.pool : undefined
  const window = lookAhead(pool)
  const now = () => options.now?.() ?? new Date()
  const ahead = new Map<number, { settled: boolean; readonly result: Promise<LoadedFile | ImportOutcome> }>()
  const start = (index: number) => {
    const source = sources[index]
    if (source === undefined || ahead.has(index) || options.signal?.aborted) return
    let result: Promise<LoadedFile | ImportOutcome>
    // Scans and images are read on this side: their reader hands the work to the OCR worker.
    const ocr = mayNeedOcr(extname(fileOf(source)))
    if (typeof source !== 'string') result = Promise.resolve(source.ok && pool !== undefined && !ocr ? pool.parse(source, now()) : source)
    else if (pool !== undefined && !ocr) result = pool.importPath(source, { now: now(), maxBytes: options.maxBytes })
    // Without a pool, parsing stays on this thread and waits for its turn (below).
    else result = loadFile(source, { maxBytes: options.maxBytes, signal: options.signal })
    const entry = { settled: false, result }
    void result.then(() => (entry.settled = true))
    ahead.set(index, entry)
  }
  for (const index of sources.keys()) {
    for (let next = index; next < index + window; next++) start(next)
    const entry = ahead.get(index)
    // The outcome due next is not ready: this thread parses a queued file meanwhile rather than
    // wait, and looks again (a macrotask later, so that the workers' answers come in).
    while (pool !== undefined && entry !== undefined && !entry.settled && !options.signal?.aborted && (options.mayParseHere?.() ?? true) && (await pool.runOneHere())) {
      await nextTurn()
    }
    const ready = options.signal?.aborted ? null : await entry?.result
    ahead.delete(index)
    if (options.signal?.aborted || ready === undefined || ready === null || (!ready.ok && ready.error.code === 'import.cancelled')) {
      return { cancelled: sources.slice(index).map(fileOf) }
    }
    const context = {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.ocrLanguages ? { ocrLanguages: options.ocrLanguages } : {}),
      onPage: (done: number, total: number) => options.onPage?.(fileOf(sources[index]!), done, total),
    }
    const outcome = isLoadedFile(ready) ? await importLoaded(ready, now(), context) : ready
    if (options.signal?.aborted && !outcome.ok && outcome.error.code === 'import.cancelled') return { cancelled: sources.slice(index).map(fileOf) }
    await report(outcome)
  }
  return { cancelled: [] }
}
