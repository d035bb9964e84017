import type { ApiHandlers } from '../../common/api'
import { passagesOfArticle, passagesOfTheme } from '../briefs/passage-sources'
import type { LibraryParts } from './library-parts'

export type BriefHandlers = Pick<
  ApiHandlers,
  | 'listBriefs'
  | 'getBrief'
  | 'createBrief'
  | 'updateBrief'
  | 'deleteBrief'
  | 'restoreBrief'
  | 'listTemplates'
  | 'duplicateTemplate'
  | 'saveTemplate'
  | 'deleteTemplate'
  | 'listMarkings'
  | 'passagesOfArticle'
  | 'passagesOfTheme'
  | 'refreshBrief'
  | 'exportBrief'
>

/** Briefs, their templates, markings and exports (the logic lives in briefs/). */
export function briefHandlers(parts: LibraryParts): BriefHandlers {
  const book = () => parts.briefs.book
  return {
    async listBriefs() {
      return book().list()
    },
    getBrief: (input) => book().view(input.id),
    createBrief: (input) => book().create(input),
    updateBrief: (input) => book().update(input),
    deleteBrief: (input) => book().delete(input.id),
    restoreBrief: (input) => book().restore(input.brief),
    listTemplates: () => book().listTemplates(),
    duplicateTemplate: (input) => book().duplicateTemplate(input.id),
    saveTemplate: (input) => book().saveTemplate(input.template),
    deleteTemplate: (input) => book().deleteTemplate(input.id),
    async listMarkings() {
      return parts.briefs.markings()
    },
    passagesOfArticle: (input) => passagesOfArticle(parts.store, input.articleId),
    passagesOfTheme: (input) => passagesOfTheme(parts.store, input.tagId),
    refreshBrief: (input) => book().refresh(input.id),
    /** Asks where to save (the dialog confirms an overwrite), then writes the export there. */
    exportBrief: (input) => parts.briefs.exportWithDialog(input.id, input.format),
  }
}
