import type { ApiHandlers } from '../../common/api'
import { AppError } from '../../common/errors'
import { translate } from '../../common/i18n/translate'
import type { TagUndo } from '../../common/themes/api-types'
import type { LibraryStore } from '../store/library-store'
import { exportTaxonomyTo, importTaxonomyFrom } from '../themes/taxonomy-transfer'
import type { LibraryParts } from './library-parts'

export type ThemeHandlers = Pick<
  ApiHandlers,
  | 'listTags'
  | 'createTag'
  | 'updateTag'
  | 'mergeTags'
  | 'deleteTag'
  | 'tagAnnotations'
  | 'restoreTagState'
  | 'themeOverview'
  | 'themePassages'
  | 'themePassageLayout'
  | 'themePassagePage'
  | 'tagThemePassages'
  | 'suggestTags'
  | 'autoTagArticle'
  | 'acceptProposals'
  | 'exportTaxonomy'
  | 'importTaxonomy'
>

/** Tags and themes (the logic lives in themes/; every write is one store update there). */
export function themeHandlers(parts: LibraryParts): ThemeHandlers {
  const { store, dialogs } = parts
  // The theme index follows the library's change feed from the service's start, so that its cache
  // stays current whether or not the Themes view is opened in this session (theme-index.ts).
  void parts.themes
  return {
    async listTags() {
      return [...store.listTags()]
    },
    createTag(input) {
      return parts.themes.create({ name: input.name, parentId: input.parentId ?? null, color: input.color ?? null, aliases: input.aliases ?? [], keywords: input.keywords ?? [] })
    },
    updateTag({ id, ...patch }) {
      return parts.themes.update(id, patch)
    },
    mergeTags: (input) => parts.themes.merge(input.fromId, input.intoId),
    deleteTag: (input) => parts.themes.delete(input.id),
    tagAnnotations: (input) => parts.themes.tagAnnotations(input.annotationIds, input.addTags ?? [], input.removeTagIds ?? []),
    restoreTagState: (input) => parts.themes.restore(input.undo as TagUndo),
    async themeOverview() {
      const { own, totals, catchingUp } = await parts.themes.counts()
      return { tags: [...store.listTags()], counts: own, totals, ...(catchingUp === null ? {} : { catchingUp }) }
    },
    themePassages: (input) => parts.themes.passages(input.tagId),
    themePassageLayout: (input) => parts.themes.passageLayout(input.tagId),
    themePassagePage: (input) => parts.themes.passagePage(input.tagId, input.start, input.count),
    tagThemePassages: (input) => parts.themes.tagTheme(input.tagId, input.exceptIds ?? [], input.addTags ?? [], input.removeTagIds ?? []),
    async suggestTags(input) {
      if (input.text.trim() === '') throw new AppError('tag.emptyText')
      return parts.themes.suggest(input.text, input.lang ?? parts.locale)
    },
    autoTagArticle(input) {
      if (!store.hasArticle(input.articleId)) return Promise.reject(new AppError('article.notFound', { id: input.articleId }))
      return parts.themes.propose(input.articleId)
    },
    acceptProposals(input) {
      if (!store.hasArticle(input.articleId)) return Promise.reject(new AppError('article.notFound', { id: input.articleId }))
      return parts.themes.accept(input.articleId, input.proposals, input.color ?? 'yellow')
    },
    async exportTaxonomy() {
      const path = await dialogs.chooseSaveFile({
        title: translate(parts.locale, 'themes.export.dialog'),
        defaultName: 'taxonomy.json',
        filters: [{ name: 'JSON', extensions: ['json'] }],
      })
      if (path === null) return { status: 'cancelled' }
      return { status: 'done', path, tags: await exportTaxonomyTo(store.listTags(), path) }
    },
    async importTaxonomy() {
      const path = await dialogs.chooseOpenFile({ title: translate(parts.locale, 'themes.import.dialog'), filters: [{ name: 'JSON', extensions: ['json'] }] })
      if (path === null) return { status: 'cancelled' }
      return { status: 'done', path, ...(await importTaxonomyInto(store, path)) }
    },
  }
}

/** Merges a taxonomy file's tags by name into the library's, all or nothing, with an undo. */
export function importTaxonomyInto(store: LibraryStore, path: string): Promise<{ added: number; updated: number; undo: TagUndo }> {
  return store.update({}, async (current) => {
    const undo: TagUndo = { tags: [...current.tags], annotations: [] }
    const { tags, added, updated } = await importTaxonomyFrom(current.tags, path)
    return { writes: { tags }, value: { added, updated, undo } }
  })
}
