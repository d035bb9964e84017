import type { Annotation } from '../../common/model/annotation'
import { summarize, type Article } from '../../common/model/article'
import { AnnotationsStore } from './annotations-store'
import { BRIEFS_FOLDER, ARTICLES_FOLDER, LIBRARY_FILE, SCHEMA_VERSION, SETTINGS_FILE, TAGS_FILE, TEMPLATES_FOLDER, type LibraryIndex, type SettingsFile } from './library-files'
import type { Journal } from './journal'
import type { LibraryWrites } from './library-update'

/**
 * The journal of one update that touches several files: every file's new content, and the files
 * to delete, so that the commit is all or nothing (journal.ts). A pure function of the writes and
 * the records they change, apart from the store so that what goes into a journal reads in one place.
 */
export interface JournalBase {
  readonly index: LibraryIndex
  readonly settings: SettingsFile
  readonly has: (articleId: string) => boolean
}

export function journalOf(writes: LibraryWrites, base: JournalBase): Journal {
  const deletedArticles = writes.deletedArticles ?? []
  return {
    schemaVersion: SCHEMA_VERSION,
    writes: [
      ...articleWrites(writes.articles ?? [], deletedArticles, base),
      ...[...(writes.annotations ?? new Map<string, Annotation[]>())].map(([articleId, annotations]) => ({
        path: AnnotationsStore.relativePath(articleId),
        data: { schemaVersion: SCHEMA_VERSION, articleId, annotations: [...annotations] },
      })),
      ...(writes.tags ? [{ path: TAGS_FILE, data: { schemaVersion: SCHEMA_VERSION, tags: [...writes.tags] } }] : []),
      ...(writes.briefs ?? []).map((brief) => ({
        path: `${BRIEFS_FOLDER}/${brief.id}.json`,
        data: { schemaVersion: SCHEMA_VERSION, briefing: brief },
      })),
      ...(writes.templates ?? []).map((template) => ({
        path: `${TEMPLATES_FOLDER}/${template.id}.json`,
        data: { schemaVersion: SCHEMA_VERSION, template },
      })),
      ...(writes.settings ? [{ path: SETTINGS_FILE, data: { ...base.settings, settings: writes.settings } }] : []),
    ],
    deletes: [
      ...deletedArticles.flatMap((id) => [`${ARTICLES_FOLDER}/${id}.json`, AnnotationsStore.relativePath(id)]),
      ...(writes.deletedBriefs ?? []).map((id) => `${BRIEFS_FOLDER}/${id}.json`),
      ...(writes.deletedTemplates ?? []).map((id) => `${TEMPLATES_FOLDER}/${id}.json`),
    ],
  }
}

/**
 * Bodies of article revisions, then the index with their summaries and without deleted
 * articles. In a journal only revisions: new articles are added on their own (LibraryStore's #addArticles).
 */
function articleWrites(articles: readonly Article[], deleted: readonly string[], base: JournalBase): Journal['writes'] {
  if (articles.length === 0 && deleted.length === 0) return []
  const revised = new Map(articles.map((article) => [article.id, article]))
  for (const id of revised.keys()) if (!base.has(id)) throw new Error(`commit: no article ${id} to revise`)
  const gone = new Set(deleted)
  const index: LibraryIndex = {
    ...base.index,
    articles: base.index.articles.flatMap((summary) => {
      if (gone.has(summary.id)) return []
      const article = revised.get(summary.id)
      return [article === undefined ? summary : summarize(article)]
    }),
  }
  return [
    ...articles.map((article) => ({ path: `${ARTICLES_FOLDER}/${article.id}.json`, data: { schemaVersion: SCHEMA_VERSION, article } })),
    { path: LIBRARY_FILE, data: index },
  ]
}
