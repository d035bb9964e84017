import type { ApiClient } from '../../common/api'
import type { ErrorInfo } from '../../common/errors'
import type { ImportJobStatus, ImportReport } from '../../common/import/import-report'
import { MAX_IMPORT_FILE_BYTES } from '../../common/import/import-limits'
import { DEFAULT_OCR_LANGUAGE_CHOICE, type OcrLanguageChoice } from '../../common/import/ocr-language-choice'

/** How often a running batch is polled. Short enough to feel live, long enough to cost nothing. */
const POLL_MS = 150

export interface ImportSummary {
  readonly cancelled: boolean
  readonly report: ImportReport
}

export interface ImportStateOptions {
  /** Called when articles were added, so the library list can reload. */
  readonly onAdded: () => void | Promise<void>
  readonly onError: (error: ErrorInfo) => void
}

/**
 * The import flow of the window: the Import dialog (choose files or a folder, or paste), files
 * dropped on the window, the batch in progress (polled, cancellable) and the summary at the end.
 */
export class ImportState {
  readonly #api: ApiClient
  readonly #options: ImportStateOptions
  #dialogOpen = $state(false)
  #dragging = $state(false)
  #job = $state.raw<ImportJobStatus | null>(null)
  #starting = $state(false)
  #summary = $state.raw<ImportSummary | null>(null)
  #pasting = $state(false)
  #ocrLanguages = $state<OcrLanguageChoice>(DEFAULT_OCR_LANGUAGE_CHOICE)

  constructor(api: ApiClient, options: ImportStateOptions) {
    this.#api = api
    this.#options = options
  }

  get dialogOpen(): boolean {
    return this.#dialogOpen
  }
  get dragging(): boolean {
    return this.#dragging
  }
  /** The batch running now, or null. */
  get job(): ImportJobStatus | null {
    return this.#job
  }
  /** True between asking the service and its first answer (e.g. while a native dialog is open). */
  get busy(): boolean {
    return this.#starting || this.#pasting || this.#job !== null
  }
  get summary(): ImportSummary | null {
    return this.#summary
  }

  /** The languages scans and images are read in, chosen in the dialog, for every way in (choose, drop, paste). */
  get ocrLanguages(): OcrLanguageChoice {
    return this.#ocrLanguages
  }
  set ocrLanguages(value: OcrLanguageChoice) {
    this.#ocrLanguages = value
  }

  openDialog(): void {
    this.#dialogOpen = true
  }

  closeDialog(): void {
    this.#dialogOpen = false
  }

  closeSummary(): void {
    this.#summary = null
  }

  set dragging(value: boolean) {
    this.#dragging = value
  }

  /** Asks the service to show the native file (or folder) dialog, then follows the batch. */
  async choose(folders: boolean): Promise<void> {
    await this.#start(() => this.#api.importChoose({ folders, ocrLanguages: this.#ocrLanguages }))
  }

  /** Files dropped on the window: their bytes are read here (the renderer has no paths). */
  async drop(files: readonly File[]): Promise<void> {
    this.#dragging = false
    if (files.length === 0) return
    await this.#start(async () => {
      const encoded = await Promise.all(
        files.map(async (file) => ({
          name: file.name,
          size: file.size,
          // A file over the limit is sent by name and size only; the service reports it.
          data: file.size > MAX_IMPORT_FILE_BYTES ? '' : toBase64(new Uint8Array(await file.arrayBuffer())),
        })),
      )
      return this.#api.importDropped({ files: encoded, ocrLanguages: this.#ocrLanguages })
    })
  }

  /** Pasted content: one article, reported like a batch of one. Resolves true when it was imported. */
  async paste(text: string, html: string | null): Promise<boolean> {
    if (this.busy) return false
    this.#pasting = true
    try {
      const report = await this.#api.importPaste({ text, html })
      this.#dialogOpen = false
      this.#summary = { cancelled: false, report }
      if (report.added.length > 0) await this.#options.onAdded()
      return true
    } catch (error) {
      this.#options.onError(errorInfoOf(error))
      return false
    } finally {
      this.#pasting = false
    }
  }

  async cancel(): Promise<void> {
    const job = this.#job
    if (job === null) return
    try {
      this.#job = await this.#api.importCancel({ jobId: job.jobId })
    } catch (error) {
      this.#options.onError(errorInfoOf(error))
    }
  }

  async #start(start: () => Promise<{ status: 'cancelled' } | { status: 'started'; jobId: string }>): Promise<void> {
    if (this.busy) return
    this.#starting = true
    try {
      const started = await start()
      if (started.status === 'cancelled') return
      this.#dialogOpen = false
      this.#summary = null
      await this.#follow(started.jobId)
    } catch (error) {
      this.#options.onError(errorInfoOf(error))
    } finally {
      this.#starting = false
      this.#job = null
    }
  }

  /** Polls the batch until it is over; the library reloads whenever articles were added. */
  async #follow(jobId: string): Promise<void> {
    let added = 0
    for (;;) {
      const status = await this.#api.importStatus({ jobId })
      this.#job = status
      if (status.report.added.length > added) {
        added = status.report.added.length
        await this.#options.onAdded()
      }
      if (status.state !== 'running') {
        this.#summary = { cancelled: status.state === 'cancelled', report: status.report }
        return
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }
}

function errorInfoOf(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null && 'info' in error) return (error as { info: ErrorInfo }).info
  const reason = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: reason, params: { reason } }
}

/** Bytes as base64, in chunks (String.fromCharCode takes a bounded number of arguments). */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const CHUNK = 0x8000
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(binary)
}
