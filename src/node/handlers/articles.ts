import type { ApiHandlers } from '../../common/api'
import type { Article, ArticleSummary } from '../../common/model/article'
import { encodeArticleList, type ArticleListColumns } from '../../common/model/article-list'
import { redoStep, undoStep } from '../library/cleaning-undo'
import { withMetadata } from '../library/edit-metadata'
import { reviseBody } from '../library/revise-article'
import { orderedSummaries } from '../library/article-order'
import type { LibraryParts } from './library-parts'
import { readArticle } from './read-article'
import { pageNotReceived } from '../team/team-page-notes'
import { assetPath, readAssetForBackup } from '../store/article-assets'

export type ArticleHandlers = Pick<ApiHandlers, 'listArticles' | 'listArticleColumns' | 'getArticle' | 'articlePageImage' | 'updateArticleMetadata' | 'undoCleaningStep' | 'redoCleaningStep'>

/** The list's columns per version of the store's summaries (a write changes the array's identity). */
const encodedLists = new WeakMap<readonly ArticleSummary[], ArticleListColumns>()

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

    /** The same list as columns in one text, for the window (model/article-list.ts): encoded once per version of the summaries. */
    async listArticleColumns() {
      const summaries = store.listArticles()
      let columns = encodedLists.get(summaries)
      if (columns === undefined) {
        columns = encodeArticleList(orderedSummaries(summaries))
        encodedLists.set(summaries, columns)
      }
      return columns
    },

    getArticle(input) {
      return readArticle(store, input.id)
    },

    /**
     * A page's image, read by the store from the article's own record (an id and a page number,
     * never a path); why not, for one the team has not delivered yet; null: none kept, or lost (reported).
     */
    async articlePageImage(input) {
      const article = await readArticle(store, input.id)
      const ref = article.ocr?.pageImages?.find((candidate) => candidate.page === input.page)
      const waiting = ref === undefined ? null : await pageNotReceived(store.dir, input.id, ref.asset)
      // The notes only explain an image that is not here: one that arrived since is shown, a note left or not. Looked
      // for quietly first, as the store's read would report an image the team never delivered as lost.
      if (ref !== undefined && waiting !== null && (await readAssetForBackup(store.dir, assetPath(input.id, ref))) === null) return { page: input.page, notReceived: waiting.reason }
      const image = await store.readPageImage(input.id, input.page)
      if (image === null) return null
      const { page, type, width, height } = image.ref
      return { page, type, width, height, base64: Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength).toString('base64') }
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
