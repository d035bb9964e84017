import type { ApiHandlers } from '../../common/api'
import { passagesOfArticle, passagesOfTheme } from '../briefs/passage-sources'
import type { LibraryParts } from './library-parts'

export type BriefHandlers = Pick<
  ApiHandlers,
  | 'listBriefings'
  | 'getBriefing'
  | 'createBriefing'
  | 'updateBriefing'
  | 'deleteBriefing'
  | 'restoreBriefing'
  | 'listTemplates'
  | 'duplicateTemplate'
  | 'saveTemplate'
  | 'deleteTemplate'
  | 'listMarkings'
  | 'passagesOfArticle'
  | 'passagesOfTheme'
  | 'exportBriefing'
>

/** Briefs, their templates, markings and exports (the logic lives in briefs/). */
export function briefHandlers(parts: LibraryParts): BriefHandlers {
  const book = () => parts.briefs.book
  return {
    async listBriefings() {
      return book().list()
    },
    getBriefing: (input) => book().view(input.id),
    createBriefing: (input) => book().create(input),
    updateBriefing: (input) => book().update(input),
    deleteBriefing: (input) => book().delete(input.id),
    restoreBriefing: (input) => book().restore(input.briefing),
    listTemplates: () => book().listTemplates(),
    duplicateTemplate: (input) => book().duplicateTemplate(input.id),
    saveTemplate: (input) => book().saveTemplate(input.template),
    deleteTemplate: (input) => book().deleteTemplate(input.id),
    async listMarkings() {
      return parts.briefs.markings()
    },
    passagesOfArticle: (input) => passagesOfArticle(parts.store, input.articleId),
    passagesOfTheme: (input) => passagesOfTheme(parts.store, input.tagId),
    /** Asks where to save (the dialog confirms an overwrite), then writes the export there. */
    exportBriefing: (input) => parts.briefs.exportWithDialog(input.id, input.format),
  }
}
