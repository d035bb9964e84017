import type { Annotation } from '../../common/model/annotation'
import { summarize } from '../../common/model/article'
import { AnnotationsStore } from './annotations-store'
import { BRIEFS_FOLDER, ARTICLES_FOLDER, SCHEMA_VERSION, SETTINGS_FILE, TAGS_FILE, TEMPLATES_FOLDER, type SettingsFile } from './library-files'
import type { Journal } from './journal'
import type { LibraryWrites } from './library-update'

/**
 * The journal of one update that touches several files: every file's new content, and the files
 * to delete, so that the commit is all or nothing (journal.ts). A pure function of the writes and
 * the records they change, apart from the store so that what goes into a journal reads in one place.
 */
export interface JournalBase {
  readonly settings: SettingsFile
  readonly has: (articleId: string) => boolean
}

export function journalOf(writes: LibraryWrites, base: JournalBase): Journal {
  const deletedArticles = writes.deletedArticles ?? []
  const articles = writes.articles ?? []
  for (const article of articles) if (!base.has(article.id)) throw new Error(`commit: no article ${article.id} to revise`)
  const indexChanged = articles.length > 0 || deletedArticles.length > 0
  return {
    schemaVersion: SCHEMA_VERSION,
    writes: [
      // Bodies of article revisions. In a journal only revisions: new articles are added on their own (LibraryStore's #addArticles).
      ...articles.map((article) => ({ path: `${ARTICLES_FOLDER}/${article.id}.json`, data: { schemaVersion: SCHEMA_VERSION, article } })),
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
    // The index changes by what changed: revised summaries, deleted ids (index-log.ts).
    ...(indexChanged ? { index: { set: articles.map((article) => summarize(article)), deleted: [...deletedArticles] } } : {}),
    deletes: [
      ...deletedArticles.flatMap((id) => [`${ARTICLES_FOLDER}/${id}.json`, AnnotationsStore.relativePath(id)]),
      ...(writes.deletedBriefs ?? []).map((id) => `${BRIEFS_FOLDER}/${id}.json`),
      ...(writes.deletedTemplates ?? []).map((id) => `${TEMPLATES_FOLDER}/${id}.json`),
    ],
  }
}
