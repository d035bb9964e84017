import { AppError } from '../../common/errors'
import type { Article } from '../../common/model/article'
import type { LibraryStore } from '../store/library-store'

/** An article's current revision, or an AppError naming why it cannot be read (unknown, or lost). */
export async function readArticle(store: LibraryStore, id: string): Promise<Article> {
  if (!store.hasArticle(id)) throw new AppError('article.notFound', { id })
  const article = await store.getArticle(id)
  if (article === null) {
    const summary = store.findById(id)
    const event = store.recoveryEvents.findLast((candidate) => candidate.lost === `article:${id}`)
    throw new AppError('article.lost', { title: summary?.title ?? id, kept: event?.keptAs || event?.file || id })
  }
  return article
}
