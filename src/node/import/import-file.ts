import { readFileSync, statSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { AppError } from '../../common/errors'
import type { Article } from '../../common/model/article'
import type { DetectedEncoding } from './decode'
import { articleFromDraft, type TitleOrigin } from './draft-to-article'
import type { ImportDraft, ImportFormat } from './draft'
import { DEFAULT_MAX_BYTES, readerFor, SUPPORTED_EXTENSIONS, type Reader } from './formats'
import type { ReadContext } from './ocr/recognise-file'
import { reasonOf } from './reader-support'
import { pageImageBlob, type PageImageBlob } from '../store/article-assets'

/**
 * One file in, one article or one error out. Nothing here touches the library: deduplication (by
 * `article.contentHash`) and saving are the store's.
 *
 * Checks run cheapest first: the path exists and is a file, the extension is supported, the size is
 * within the limit and not zero; then the file is read whole, its reader makes a draft, and the
 * draft is cleaned into an article. Every failure is an AppError whose message names the file and
 * the reason on one line; nothing is thrown.
 */
export type ImportOutcome = ImportSuccess | ImportFailure

export interface ImportSuccess {
  readonly ok: true
  /** The file as the caller named it; null for a paste. */
  readonly file: string | null
  readonly article: Article
  /** The text encoding detected; null for .docx, .pdf and pasted text. */
  readonly encoding: DetectedEncoding | null
  readonly format: ImportFormat
  readonly titleFrom: TitleOrigin
  /** A scan's page images, named in `article.ocr.pageImages`: the store writes them with the article. */
  readonly pageImages?: readonly PageImageBlob[]
}

export interface ImportFailure {
  readonly ok: false
  readonly file: string | null
  readonly error: AppError
}

export interface ImportFileOptions {
  /** The size limit in bytes (default DEFAULT_MAX_BYTES, 20 MB). */
  readonly maxBytes?: number
  /** The import time recorded in the article. */
  readonly now: Date
  /** Cancels the read of the file (the outcome is then an 'import.cancelled' error). */
  readonly signal?: AbortSignal
}

const MEGABYTE = 1024 * 1024

/** Megabytes to one decimal; a file's size is rounded up, so it never reads as equal to the limit. */
function megabytes(bytes: number, round: (value: number) => number = Math.round): number {
  return round((bytes / MEGABYTE) * 10) / 10
}

/** Errors of the file system as catalogue errors naming the file. */
export function fileSystemError(file: string, error: unknown): AppError {
  const code = (error as { code?: unknown } | null)?.code
  if (error instanceof Error && error.name === 'AbortError') return new AppError('import.cancelled', { file }, { cause: error })
  if (code === 'ENOENT' || code === 'ENOTDIR') return new AppError('import.notFound', { file }, { cause: error })
  if (code === 'EACCES' || code === 'EPERM') return new AppError('import.permissionDenied', { file }, { cause: error })
  if (code === 'EISDIR') return new AppError('import.notAFile', { file }, { cause: error })
  return new AppError('import.unreadable', { file, reason: reasonOf(error) }, { cause: error })
}

function failure(file: string | null, error: AppError): ImportFailure {
  return { ok: false, file, error }
}

/** A file read and checked, ready for its reader. */
export interface LoadedFile {
  readonly ok: true
  readonly file: string
  readonly bytes: Uint8Array
  readonly read: Reader
}

/**
 * The file-system half of an import: the path exists and is a file, the extension is supported,
 * the size is within the limit and not zero, and the bytes are read. Split from the rest so that a
 * batch can read the next files while one is being parsed.
 */
export async function loadFile(path: string, options: Omit<ImportFileOptions, 'now'>): Promise<LoadedFile | ImportFailure> {
  let size: number
  try {
    const stats = await stat(path)
    if (!stats.isFile()) return failure(path, new AppError('import.notAFile', { file: path }))
    size = stats.size
  } catch (error) {
    return failure(path, fileSystemError(path, error))
  }
  const checked = checkBeforeRead(path, size, options.maxBytes)
  if (!checked.ok) return checked
  let bytes: Uint8Array
  try {
    bytes = await readFile(path, { signal: options.signal })
  } catch (error) {
    return failure(path, fileSystemError(path, error))
  }
  return checkAfterRead(checked, bytes, options.maxBytes)
}

/**
 * loadFile, blocking: for a thread that has nothing else to do until the file is read (a parse
 * worker, or the main thread about to parse the file itself). Its reads then never wait in
 * libuv's thread pool, whose four threads an import's saves keep busy with fsyncs: there a read of
 * a few kilobytes measured 40-50 ms, and the parse worker sat idle a third of the time.
 */
export function loadFileSync(path: string, options: Pick<ImportFileOptions, 'maxBytes'>): LoadedFile | ImportFailure {
  let size: number
  try {
    const stats = statSync(path)
    if (!stats.isFile()) return failure(path, new AppError('import.notAFile', { file: path }))
    size = stats.size
  } catch (error) {
    return failure(path, fileSystemError(path, error))
  }
  const checked = checkBeforeRead(path, size, options.maxBytes)
  if (!checked.ok) return checked
  let bytes: Uint8Array
  try {
    bytes = readFileSync(path)
  } catch (error) {
    return failure(path, fileSystemError(path, error))
  }
  return checkAfterRead(checked, bytes, options.maxBytes)
}

/** The checks that need only the size: a supported extension, within the limit, not empty. The reader to use, or the failure. */
function checkBeforeRead(file: string, size: number, maxBytes = DEFAULT_MAX_BYTES): { readonly ok: true; readonly file: string; readonly read: Reader } | ImportFailure {
  const extension = extname(file)
  const reader = readerFor(extension)
  if (reader === null) {
    return failure(file, new AppError('import.unsupported', { file, extension: extension || '—', supported: SUPPORTED_EXTENSIONS.join(' ') }))
  }
  if (size > maxBytes) return failure(file, new AppError('import.tooLarge', { file, size: megabytes(size, Math.ceil), limit: megabytes(maxBytes) }))
  if (size === 0) return failure(file, new AppError('import.empty', { file }))
  return { ok: true, file, read: reader.read }
}

/** The file may have changed between stat and read. */
function checkAfterRead(checked: { readonly file: string; readonly read: Reader }, bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): LoadedFile | ImportFailure {
  const { file } = checked
  if (bytes.length === 0) return failure(file, new AppError('import.empty', { file }))
  if (bytes.length > maxBytes) return failure(file, new AppError('import.tooLarge', { file, size: megabytes(bytes.length, Math.ceil), limit: megabytes(maxBytes) }))
  return { ok: true, file, bytes, read: checked.read }
}

/** The parsing half: reader, cleaning, article. The context reaches readers that run OCR (cancel, page progress, languages). */
export async function importLoaded(loaded: LoadedFile, now: Date, context?: ReadContext): Promise<ImportOutcome> {
  const { file } = loaded
  try {
    const draft = await loaded.read(loaded.bytes, file, context)
    if (draft.blocks.length === 0) return failure(file, new AppError('import.empty', { file }))
    const built = articleFromDraft(draft, { origin: { kind: 'file', name: basename(file) }, importedAt: now })
    if (built === null) return failure(file, new AppError('import.noText', { file }))
    const kept = await keptPageImages(built.article, draft)
    return { ok: true, file, article: kept.article, encoding: draft.encoding, format: draft.format, titleFrom: built.titleFrom, ...(kept.blobs.length > 0 ? { pageImages: kept.blobs } : {}) }
  } catch (error) {
    if (error instanceof AppError) return failure(file, error)
    // A reader failed in a way it did not foresee: still one line naming the file.
    return failure(file, new AppError('import.unreadable', { file, reason: reasonOf(error) }, { cause: error }))
  }
}

/** A scan's page images named (by digest) in the article's OCR record, and their bytes for the store. */
async function keptPageImages(article: Article, draft: ImportDraft): Promise<{ article: Article; blobs: readonly PageImageBlob[] }> {
  if (article.ocr === undefined || draft.pageImages === undefined || draft.pageImages.length === 0) return { article, blobs: [] }
  const blobs = await Promise.all(draft.pageImages.map((image) => pageImageBlob(image)))
  return { article: { ...article, ocr: { ...article.ocr, pageImages: blobs.map((blob) => blob.ref) } }, blobs }
}

export async function importFile(path: string, options: ImportFileOptions): Promise<ImportOutcome> {
  const loaded = await loadFile(path, options)
  return loaded.ok ? importLoaded(loaded, options.now) : loaded
}
