import { join } from 'node:path'
import type { ExportOutcome } from '../../common/api'
import type { BriefExportFormat } from '../../common/brief/brief-input'
import { markingList } from '../../common/brief/default-markings'
import { safeFileName } from '../../common/files/safe-file-name'
import { translate, type Locale } from '../../common/i18n/translate'
import { appRoot } from '../app-root'
import type { DialogPort } from '../dialogs'
import type { LibraryStore } from '../store/library-store'
import { BriefBook } from './brief-book'
import { chromiumPdfPort } from './chromium-pdf'
import { EXPORT_EXTENSIONS, exportBriefContent } from './export-brief'
import type { PdfPort } from './pdf-port'
import { TemplateLibrary } from './template-library'
import { writeExport } from './write-export'

/** Everything the service does with briefs, kept out of service.ts: the book, markings, exports. */
export class BriefOperations {
  readonly book: BriefBook
  #pdf: PdfPort = chromiumPdfPort()
  readonly #store: LibraryStore
  readonly #dialogs: DialogPort
  readonly #now: () => Date
  readonly #locale: () => Locale
  readonly #templates: TemplateLibrary

  constructor(parts: { store: LibraryStore; dialogs: DialogPort; now: () => Date; locale: () => Locale }) {
    this.#store = parts.store
    this.#dialogs = parts.dialogs
    this.#now = parts.now
    this.#locale = parts.locale
    this.#templates = new TemplateLibrary(join(appRoot(), 'data', 'templates'), parts.store)
    this.book = new BriefBook({ store: parts.store, templates: this.#templates, now: parts.now, locale: parts.locale })
  }

  /** Prints PDFs with another printer from now on, letting the previous one go (its browser, if it started one). */
  async usePdfPort(port: PdfPort): Promise<void> {
    const previous = this.#pdf
    this.#pdf = port
    if (previous !== port) await previous.close()
  }

  /** Lets the printer go (a warm browser or window is kept between exports until then). */
  close(): Promise<void> {
    return this.#pdf.close()
  }

  /** The built-in markings in the interface's language, then the user's own (settings.markings). */
  markings(): string[] {
    return markingList(this.#locale(), this.#store.settings.markings)
  }

  async exportWithDialog(id: string, format: BriefExportFormat): Promise<ExportOutcome> {
    const brief = this.book.get(id)
    // The dialog speaks the interface's language; the file is written in the brief's.
    const locale = this.#locale()
    const path = await this.#dialogs.chooseSaveFile({
      title: translate(locale, 'brief.export.dialogTitle'),
      defaultName: safeFileName(brief.title, { extension: `.${EXPORT_EXTENSIONS[format]}`, fallback: 'brief' }),
      filters: [{ name: translate(locale, `brief.export.filter.${format}`), extensions: [EXPORT_EXTENSIONS[format]] }],
    })
    if (path === null) return { status: 'cancelled' }
    // The save dialog has already asked before replacing an existing file.
    return { status: 'done', ...(await this.exportTo(id, format, path, true)) }
  }

  async exportTo(id: string, format: BriefExportFormat, path: string, overwrite: boolean): Promise<{ path: string; bytes: number }> {
    const brief = this.book.get(id)
    const template = brief.templateId === null ? null : (await this.#templates.list()).find((entry) => entry.template.id === brief.templateId)
    const content = await exportBriefContent(brief, format, {
      locale: this.book.language(brief),
      generatedAt: this.#now().toISOString(),
      orphanedAnnotationIds: await this.book.orphanedAnnotationIds(brief),
      keyFigures: template?.template.layout.keyFigures ?? true,
      pdf: this.#pdf,
    })
    await writeExport(path, content, { overwrite })
    await this.book.recordExport(brief, this.#now().toISOString())
    return { path, bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength }
  }
}
