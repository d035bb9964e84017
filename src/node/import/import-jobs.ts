import { randomBytes } from 'node:crypto'
import { AppError, errorInfo } from '../../common/errors'
import type { ImportJobStatus } from '../../common/import/import-report'
import type { LibraryStore } from '../store/library-store'
import type { ImportFailure, ImportOutcome, LoadedFile } from './import-file'
import { expandPaths, importFiles, runBatch } from './import-files'
import { ImportSink } from './import-sink'
import type { ParsePool } from './parse-pool'
import type { OcrLanguageChoice } from '../../common/import/ocr-language-choice'

/**
 * Batches that run in the background: starting one returns its id at once; the UI polls its
 * status (done / total / current file) and may cancel it. Finished batches are kept for a while so
 * that a late poll still gets the report.
 */
interface Job {
  readonly id: string
  state: ImportJobStatus['state']
  done: number
  total: number
  current: string | null
  /** Pages of the current file recognised so far (OCR), or null. */
  pages: { done: number; total: number } | null
  /** Read live: articles are reported added as their group is saved, between files too. */
  readonly sink: ImportSink
  readonly controller: AbortController
  readonly finished: Promise<void>
}

const FINISHED_KEPT = 20

/**
 * The main thread parses files of its own (beside the parse workers) only while fewer articles
 * than this wait for the next group save. It is the thread that saves, and a save is a chain of
 * file-system steps each waiting for it: parsing while saves lag made groups of several hundred
 * articles, and the last one was saved alone at the end of the batch, everything else idle.
 */
const PARSE_HERE_BELOW = 24

export interface ImportJobsOptions {
  readonly store: LibraryStore
  readonly now: () => Date
  /** Worker threads that parse the files of large batches of paths (without one, this thread parses). */
  readonly pool?: ParsePool
}

/** What a job works through: paths on disk, or files already in memory (dropped on the window); the languages OCR reads scans in. */
export type JobInput = ({ readonly paths: readonly string[] } | { readonly loaded: readonly (LoadedFile | ImportFailure)[] }) & { readonly ocrLanguages?: OcrLanguageChoice }

export class ImportJobs {
  readonly #options: ImportJobsOptions
  readonly #jobs = new Map<string, Job>()

  constructor(options: ImportJobsOptions) {
    this.#options = options
  }

  /** `onProgress` hears the status after each file (the CLI prints a line). */
  start(input: JobInput, onProgress?: (status: ImportJobStatus) => void): string {
    const id = randomBytes(8).toString('hex')
    const controller = new AbortController()
    const sink = new ImportSink(this.#options.store)
    const job: Job = { id, state: 'running', done: 0, total: 0, current: null, pages: null, sink, controller, finished: Promise.resolve() }
    const accept = async (outcome: ImportOutcome) => {
      try {
        await sink.accept(outcome)
      } catch (error) {
        // The library refused the write (disk full, damaged folder): this file failed, nothing was added.
        const info = errorInfo(error)
        await sink.accept({ ok: false, file: outcome.file, error: new AppError(info.code, info.params) })
      }
      job.done++
      job.pages = null
      onProgress?.(this.status(id))
    }
    const onPage = (_file: string, done: number, total: number) => {
      job.pages = { done, total }
    }
    const run = async () => {
      if ('paths' in input) {
        // Expanded once here too, to show the total and name the file being read while the batch runs.
        const { files, failures } = await expandPaths(input.paths)
        job.total = files.length + failures.length
        job.current = files[0] ?? null
        const summary = await importFiles(input.paths, {
          signal: controller.signal,
          now: this.#options.now,
          ...(this.#options.pool ? { pool: this.#options.pool } : {}),
          mayParseHere: () => sink.backlog < PARSE_HERE_BELOW,
          onPage,
          ...(input.ocrLanguages ? { ocrLanguages: input.ocrLanguages } : {}),
          onProgress: async ({ total, outcome }) => {
            job.total = total
            await accept(outcome)
            job.current = outcome.file === null ? null : (files[files.indexOf(outcome.file) + 1] ?? null)
          },
        })
        job.total = summary.total
        sink.cancel(summary.cancelled)
      } else {
        // Dropped files go through the same batch (and the same parse workers) as files on disk.
        const files = input.loaded.map((item) => item.file ?? '')
        job.total = files.length
        job.current = files[0] ?? null
        let index = 0
        const { cancelled } = await runBatch(
          input.loaded,
          {
            signal: controller.signal,
            now: this.#options.now,
            ...(this.#options.pool ? { pool: this.#options.pool } : {}),
            mayParseHere: () => sink.backlog < PARSE_HERE_BELOW,
            onPage,
            ...(input.ocrLanguages ? { ocrLanguages: input.ocrLanguages } : {}),
          },
          async (outcome) => {
            await accept(outcome)
            job.current = files[++index] ?? null
          },
        )
        sink.cancel(cancelled)
      }
    }
    const finished = run()
      // Articles read before a cancel (or an unexpected failure) are still saved.
      .finally(() => sink.flush())
      .catch((error: unknown) => {
        console.error('[briefing-desk] import batch failed:', error)
      })
      .finally(() => {
        job.current = null
        // A cancel that came once every file was read (only saves left) cancelled nothing: the batch is done.
        job.state = controller.signal.aborted && sink.report.cancelled.length > 0 ? 'cancelled' : 'done'
        this.#forgetOld()
      })
    Object.assign(job, { finished })
    this.#jobs.set(id, job)
    return id
  }

  status(jobId: string): ImportJobStatus {
    const job = this.#job(jobId)
    return {
      jobId: job.id,
      state: job.state,
      done: job.done,
      total: job.total,
      current: job.current,
      ...(job.pages !== null ? { pages: { ...job.pages } } : {}),
      report: job.sink.report,
    }
  }

  /** Stops the batch after the file being read; what was already added stays. */
  cancel(jobId: string): ImportJobStatus {
    this.#job(jobId).controller.abort()
    return this.status(jobId)
  }

  /** Resolves once the batch is over (for the CLI and tests). */
  async wait(jobId: string): Promise<ImportJobStatus> {
    await this.#job(jobId).finished
    return this.status(jobId)
  }

  /** Starts the parse workers now rather than with the first large batch; resolves with how many are ready. */
  startParseWorkers(): Promise<number> {
    return this.#options.pool?.start() ?? Promise.resolve(0)
  }

  /** Cancels every running batch and waits for them (before the library is closed), then stops the parse workers. */
  async stopAll(): Promise<void> {
    for (const job of this.#jobs.values()) job.controller.abort()
    await Promise.all([...this.#jobs.values()].map((job) => job.finished))
    await this.#options.pool?.close()
  }

  #job(jobId: string): Job {
    const job = this.#jobs.get(jobId)
    if (job === undefined) throw new AppError('import.jobNotFound', { id: jobId })
    return job
  }

  #forgetOld(): void {
    const finished = [...this.#jobs.values()].filter((job) => job.state !== 'running')
    for (const job of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.#jobs.delete(job.id)
  }
}
