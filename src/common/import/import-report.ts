import type { ErrorInfo } from '../errors'

/**
 * What an import did, file by file, for the summary the user sees at the end of a batch (and the
 * CLI prints). A file is added, recognised as a duplicate of an article already in the library
 * (or of one added earlier in the same batch), or failed with a one-line reason.
 */
export interface ImportedFile {
  /** The file's name as given (a path, a dropped file's name), or null for a paste. */
  readonly file: string | null
  readonly id: string
  readonly title: string
}

export interface DuplicateFile {
  readonly file: string | null
  /** The article already in the library that has the same text. */
  readonly existingId: string
  readonly existingTitle: string
}

export interface FailedFile {
  readonly file: string | null
  readonly error: ErrorInfo
}

export interface ImportReport {
  readonly added: readonly ImportedFile[]
  readonly duplicates: readonly DuplicateFile[]
  readonly failed: readonly FailedFile[]
  /** Files not attempted because the batch was cancelled. */
  readonly cancelled: readonly string[]
}

/** A batch as the UI polls it: progress while it runs, the report once it is over. */
export interface ImportJobStatus {
  readonly jobId: string
  readonly state: 'running' | 'done' | 'cancelled'
  /** Files finished so far. */
  readonly done: number
  /** Files in the batch (0 until folders are expanded). */
  readonly total: number
  /** The file being read now, if any. */
  readonly current: string | null
  /** While a file is recognised by OCR (a scan, an image): its pages done and in all (absent otherwise). */
  readonly pages?: { readonly done: number; readonly total: number }
  readonly report: ImportReport
}

export type ImportStart = { readonly status: 'cancelled' } | { readonly status: 'started'; readonly jobId: string }

export const EMPTY_REPORT: ImportReport = { added: [], duplicates: [], failed: [], cancelled: [] }
