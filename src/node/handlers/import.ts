import type { ApiHandlers } from '../../common/api'
import type { MessageKey } from '../../common/i18n/en'
import { translate } from '../../common/i18n/translate'
import { ImportSink } from '../import/import-sink'
import type { LibraryParts } from './library-parts'

export type ImportHandlers = Pick<ApiHandlers, 'importChoose' | 'importDropped' | 'importPaste' | 'importStatus' | 'importCancel'>

/** Imports of files, dropped files and pasted text (the logic lives in import/). */
export function importHandlers(parts: LibraryParts): ImportHandlers {
  return {
    /** Asks for files (or folders), then imports them in the background: poll importStatus. */
    async importChoose(input) {
      const t = (key: MessageKey) => translate(parts.locale, key)
      const { SUPPORTED_EXTENSIONS } = await import('../import/formats')
      const paths = await parts.dialogs.chooseOpenPaths?.({
        title: t(input.folders ? 'import.dialog.folders' : 'import.dialog.files'),
        filters: [{ name: t('import.dialog.filter'), extensions: SUPPORTED_EXTENSIONS.map((extension) => extension.slice(1)) }],
        folders: input.folders,
      })
      if (!paths?.length) return { status: 'cancelled' }
      return { status: 'started', jobId: (await parts.imports()).start({ paths, ...(input.ocrLanguages ? { ocrLanguages: input.ocrLanguages } : {}) }) }
    },

    /** Files dropped on the window, as name and bytes (the renderer has no paths). */
    async importDropped(input) {
      const { loadDropped } = await import('../import/load-dropped')
      // A file over the limit is sent by its size alone (no bytes); loadDropped reports it.
      const loaded = input.files.map((file) => loadDropped(file.name, new Uint8Array(Buffer.from(file.data, 'base64')), file.size))
      return { status: 'started', jobId: (await parts.imports()).start({ loaded, ...(input.ocrLanguages ? { ocrLanguages: input.ocrLanguages } : {}) }) }
    },

    /** Pasted text (and its HTML flavour, when the clipboard has one): one article, or a duplicate. */
    async importPaste(input) {
      const { importText } = await import('../import/import-text')
      const outcome = importText(input.text, { html: input.html, now: parts.now() })
      if (!outcome.ok) throw outcome.error
      const sink = new ImportSink(parts.store)
      await sink.accept(outcome)
      await sink.flush()
      return sink.report
    },

    async importStatus(input) {
      return (await parts.imports()).status(input.jobId)
    },

    async importCancel(input) {
      return (await parts.imports()).cancel(input.jobId)
    },
  }
}
