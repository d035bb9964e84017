import type { Annotation } from '../../common/model/annotation'
import type { Article, ArticleSummary } from '../../common/model/article'
import type { Template } from '../../common/brief/template'
import type { Brief } from '../../common/model/brief'
import { NO_CHANGE, type LibraryChangeBody } from '../../common/model/library-change'
import type { Settings } from '../../common/model/settings'
import type { Tag } from '../../common/model/tag'
import type { PageImageBlob } from './article-assets'

/**
 * What an update reads before its function runs, inside the write queue: tags, settings, the
 * index and briefs are always at hand (they live in memory); article bodies and annotations
 * are read from disk, so an update names the ones it needs.
 */
export interface UpdateScope {
  /** Whose annotations to read: these articles' ids, or 'all' for every article in the library. */
  readonly annotations?: readonly string[] | 'all'
  /** Whose bodies to read. An id the library does not hold (or whose body is lost) is absent from `articles`. */
  readonly articles?: readonly string[]
}

/** The library as it is when the update's turn in the queue comes: nothing can change it meanwhile. */
export interface CurrentRecords {
  readonly tags: readonly Tag[]
  readonly settings: Settings
  /** Annotations of the articles in the scope (an article without any has an empty list). */
  readonly annotations: ReadonlyMap<string, readonly Annotation[]>
  readonly articles: ReadonlyMap<string, Article>
  summary(articleId: string): ArticleSummary | undefined
  brief(id: string): Brief | null
  /** One of the user's templates (built-in ones are not library records). */
  template(id: string): Template | null
}

/**
 * The records an update writes, all or nothing. Lists replace what is stored under their key:
 * `annotations` maps an article id to its whole new list, `tags` is the whole new tag list.
 */
export interface LibraryWrites {
  /** New articles, or new revisions of articles the library holds (their summaries follow). */
  readonly articles?: readonly Article[]
  /**
   * Page images of articles in `articles` (their records name them in `ocr.pageImages`): written,
   * both copies durable, before the records (article-assets.ts); an image already whole on disk
   * is not written again. Not a record kind of its own: the change record names the articles.
   */
  readonly pageImages?: ReadonlyMap<string, readonly PageImageBlob[]>
  readonly deletedArticles?: readonly string[]
  readonly annotations?: ReadonlyMap<string, readonly Annotation[]>
  readonly tags?: readonly Tag[]
  readonly briefs?: readonly Brief[]
  readonly deletedBriefs?: readonly string[]
  readonly templates?: readonly Template[]
  readonly deletedTemplates?: readonly string[]
  readonly settings?: Settings
}

/** What an update function returns: what to write, and what the caller gets back once it is durable. */
export interface UpdateResult<T> {
  readonly writes: LibraryWrites
  readonly value: T
}

export type UpdateFunction<T> = (current: CurrentRecords) => UpdateResult<T> | Promise<UpdateResult<T>>

/** The change record's body for a set of writes (ids in the order they were given, each once). */
export function changeOf(writes: LibraryWrites): LibraryChangeBody {
  const unique = (ids: Iterable<string>) => [...new Set(ids)]
  const templates = unique((writes.templates ?? []).map((template) => template.id))
  const deletedTemplates = unique(writes.deletedTemplates ?? [])
  return {
    ...NO_CHANGE,
    articles: unique((writes.articles ?? []).map((article) => article.id)),
    annotations: unique(writes.annotations?.keys() ?? []),
    tags: writes.tags !== undefined,
    briefs: unique((writes.briefs ?? []).map((brief) => brief.id)),
    settings: writes.settings !== undefined,
    deletedArticles: unique(writes.deletedArticles ?? []),
    deletedBriefs: unique(writes.deletedBriefs ?? []),
    // Optional in the record: only commits that touch templates carry them.
    ...(templates.length > 0 ? { templates } : {}),
    ...(deletedTemplates.length > 0 ? { deletedTemplates } : {}),
  }
}
