import type { ApiHandlers } from '../../common/api'
import { inDocumentOrder } from '../../common/annotations/document-order'
import { AppError } from '../../common/errors'
import { translate } from '../../common/i18n/translate'
import { exportAnnotationsTo, importAnnotationsFrom } from '../annotations/annotations-interchange'
import type { LibraryParts } from './library-parts'

export type AnnotationHandlers = Pick<
  ApiHandlers,
  'getAnnotations' | 'createAnnotation' | 'updateAnnotation' | 'deleteAnnotations' | 'restoreAnnotations' | 'editArticleText' | 'exportAnnotations' | 'importAnnotations'
>

/** Highlights, notes and the article text they anchor in (the logic lives in annotations/). */
export function annotationHandlers(parts: LibraryParts): AnnotationHandlers {
  const { store, dialogs } = parts
  return {
    /** An article's annotations in document order (orphans, which have no place, last). */
    async getAnnotations(input) {
      if (!store.hasArticle(input.articleId)) throw new AppError('article.notFound', { id: input.articleId })
      // A sorted copy: the store's own list stays in the order it is stored in.
      return inDocumentOrder(await store.getAnnotations(input.articleId))
    },
    createAnnotation: (input) => parts.annotations.create(input),
    updateAnnotation: (input) => parts.annotations.update(input),
    deleteAnnotations: (input) => parts.annotations.delete(input),
    restoreAnnotations: (input) => parts.annotations.restore(input),
    editArticleText: (input) => parts.annotations.editText(input),

    /** Asks where to save, then writes every annotation of the library as W3C JSON-LD. */
    async exportAnnotations() {
      const path = await dialogs.chooseSaveFile({
        title: translate(parts.locale, 'annotations.export.dialogTitle'),
        defaultName: `Briefing Desk ${parts.now().toISOString().slice(0, 10)}.jsonld`,
        filters: [{ name: translate(parts.locale, 'annotations.dialog.filter'), extensions: ['jsonld', 'json'] }],
      })
      if (path === null) return { status: 'cancelled' }
      return { status: 'done', path, ...(await exportAnnotationsTo(store, path)) }
    },

    /** Asks for a W3C annotation file and adds its annotations to the library's articles. */
    async importAnnotations() {
      const path = await dialogs.chooseOpenFile({
        title: translate(parts.locale, 'annotations.import.dialogTitle'),
        filters: [{ name: translate(parts.locale, 'annotations.dialog.filter'), extensions: ['jsonld', 'json'] }],
      })
      if (path === null) return { status: 'cancelled' }
      return { status: 'done', path, ...(await importAnnotationsFrom(store, path, parts.now())) }
    },
  }
}
