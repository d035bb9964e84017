import type { ApiHandlers } from '../../common/api'
import type { Article } from '../../common/model/article'
import { redoStep, undoStep } from '../library/cleaning-undo'
import { withMetadata } from '../library/edit-metadata'
import { reviseBody } from '../library/revise-article'
import { orderedSummaries } from '../library/article-order'
import type { LibraryParts } from './library-parts'
import { readArticle } from './read-article'

export type ArticleHandlers = Pick<ApiHandlers, 'listArticles' | 'getArticle' | 'updateArticleMetadata' | 'undoCleaningStep' | 'redoCleaningStep'>

/** Reading articles, and the edits of an article other than its text (annotations.ts has that). */
export function articleHandlers({ store, now }: LibraryParts): ArticleHandlers {
  /** A body change and the re-anchored annotations, written together (all or nothing). */
  const revise = (id: string, change: (article: Article) => Article) =>
    store.update({ annotations: [id] }, async (current) => {
      const article = await readArticle(store, id)
      const revised = await reviseBody(article, change(article), [...(current.annotations.get(id) ?? [])], now())
      return { writes: { articles: [revised.article], annotations: new Map([[id, revised.annotations]]) }, value: revised.article }
    })

  return {
    /** Newest first by publication date; undated articles last, then by title. */
    async listArticles() {
      // The store's summaries change identity with every write that changes them: until then the
      // ordered list is the same. A copy: callers in this process (the CLI, tests) may sort or filter it.
      return [...orderedSummaries(store.listArticles())]
    },

    getArticle(input) {
      return readArticle(store, input.id)
    },

    /** Title, source, URL, published date and language, checked; a new revision of the article. */
    updateArticleMetadata(input) {
      return store.update({}, async () => {
        const article = withMetadata(await readArticle(store, input.id), input)
        return { writes: { articles: [article] }, value: article }
      })
    },

    /** Puts the text one cleaning step removed back into the body; highlights are re-anchored. */
    undoCleaningStep(input) {
      return revise(input.id, (article) => undoStep(article, { list: input.list, index: input.index }))
    },

    /** Takes an undone step's text out of the body again. */
    redoCleaningStep(input) {
      return revise(input.id, (article) => redoStep(article, input.undoneIndex))
    },
  }
}
