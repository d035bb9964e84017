import type { ArticleSummary } from './article'

/** What the window's library list (and the views that name articles) holds of each article. */
export type ListedArticle = Pick<ArticleSummary, 'id' | 'title' | 'source' | 'published' | 'language'>

/**
 * The library list as the service sends it to the window: its columns (ids, titles, sources,
 * dates, languages, in the service's order, newest first) as one JSON text.
 *
 * Why not the summaries: at 100,000 articles, 100,000 objects of eleven fields (the excerpts a
 * third of the bytes, which the list never shows) took longer to copy across IPC (and the test
 * harness's binding) than the whole open of the library. One string crosses as one copy, and
 * the window parses it with one native call; the list then holds five short fields per article.
 */
export interface ArticleListColumns {
  readonly count: number
  /** JSON of `ListColumns`. */
  readonly json: string
}

interface ListColumns {
  readonly id: readonly string[]
  readonly title: readonly string[]
  readonly source: readonly (string | null)[]
  readonly published: readonly (string | null)[]
  readonly language: readonly ArticleSummary['language'][]
}

export function encodeArticleList(summaries: readonly ListedArticle[]): ArticleListColumns {
  const columns: ListColumns = {
    id: summaries.map((summary) => summary.id),
    title: summaries.map((summary) => summary.title),
    source: summaries.map((summary) => summary.source),
    published: summaries.map((summary) => summary.published),
    language: summaries.map((summary) => summary.language),
  }
  return { count: summaries.length, json: JSON.stringify(columns) }
}

/** The rows of a list the service sent (encodeArticleList), in its order. */
export function decodeArticleList(list: ArticleListColumns): ListedArticle[] {
  const columns = JSON.parse(list.json) as ListColumns
  const rows: ListedArticle[] = new Array(list.count)
  for (let i = 0; i < list.count; i++) {
    rows[i] = { id: columns.id[i]!, title: columns.title[i]!, source: columns.source[i]!, published: columns.published[i]!, language: columns.language[i]! }
  }
  return rows
}
