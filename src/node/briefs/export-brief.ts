import type { BriefExportFormat } from '../../common/brief/brief-input'
import { renderBriefMarkdown } from '../../common/brief/render-markdown'
import type { Locale } from '../../common/i18n/translate'
import type { Brief } from '../../common/model/brief'
import type { PdfPort } from './pdf-port'

export interface ExportContext {
  readonly locale: Locale
  readonly generatedAt: string
  readonly orphanedAnnotationIds: ReadonlySet<string>
  /** Whether the brief's template asks for the key figures table (default: yes). */
  readonly keyFigures: boolean
  readonly pdf: PdfPort
}

/** The bytes (or text) of a brief in one export format. */
export async function exportBriefContent(brief: Brief, format: BriefExportFormat, context: ExportContext): Promise<string | Uint8Array> {
  const options = { locale: context.locale, generatedAt: context.generatedAt, orphanedAnnotationIds: context.orphanedAnnotationIds, keyFigures: context.keyFigures }
  if (format === 'md') return renderBriefMarkdown(brief, options)
  // Loaded on first use: jsdom (for DOMPurify) is slow to load, and most commands never export HTML.
  const { renderBriefHtml } = await import('./render-brief-html')
  if (format === 'html') return renderBriefHtml(brief, options)
  return context.pdf.print(await renderBriefHtml(brief, { ...options, printOnly: true }))
}

export const EXPORT_EXTENSIONS: Record<BriefExportFormat, string> = { md: 'md', html: 'html', pdf: 'pdf' }
