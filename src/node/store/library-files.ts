import * as v from 'valibot'
import { AnnotationSchema } from '../../common/model/annotation'
import { ArticleIdSchema, ArticleSchema, ArticleSummarySchema } from '../../common/model/article'
import { TemplateSchema } from '../../common/brief/template'
import { BriefSchema } from '../../common/model/brief'
import { IsoTimestampSchema } from '../../common/model/ids'
import { SettingsSchema } from '../../common/model/settings'
import { TagSchema } from '../../common/model/tag'

/**
 * The files of a library folder, their schemas and the format version they are written with.
 *
 *   library.json               the index: one summary per article; all the library list needs
 *   articles/<id>.json         one article body; rewritten only when its text is edited
 *   annotations/<id>.json      the annotations of one article: the hot, small files
 *   tags.json                  the theme taxonomy
 *   briefings/<id>.json        one brief
 *   templates/<id>.json        one of the user's brief templates
 *   settings.json              preferences
 *   backups/                   earlier generations of every file, and daily portable backups
 *
 * Bodies and annotations live in many small files so that opening the library never parses
 * bodies and saving one highlight never rewrites more than that article's annotations.
 * Every file carries `schemaVersion`; older files are migrated (migrations.ts), newer refused.
 */
export const SCHEMA_VERSION = 2

export const LIBRARY_FILE = 'library.json'
export const SETTINGS_FILE = 'settings.json'
export const TAGS_FILE = 'tags.json'
export const ARTICLES_FOLDER = 'articles'
export const ANNOTATIONS_FOLDER = 'annotations'
// The on-disk names keep the format's first word for the feature (folder `briefings/`, key
// `briefing`): renaming them would need a migration that read-only opens cannot carry out.
export const BRIEFS_FOLDER = 'briefings'
export const TEMPLATES_FOLDER = 'templates'
/** The folders of per-record files (one file per article, article's annotations, brief, template). */
export const RECORD_FOLDERS: readonly string[] = [ARTICLES_FOLDER, ANNOTATIONS_FOLDER, BRIEFS_FOLDER, TEMPLATES_FOLDER]
export const BACKUPS_FOLDER = 'backups'

const version = v.literal(SCHEMA_VERSION)

export const LibraryIndexSchema = v.object({
  schemaVersion: version,
  /** Identifies this library across backups and restores. */
  libraryId: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
  createdAt: IsoTimestampSchema,
  /**
   * Names this checkpoint of the index: `library.log` applies to the checkpoint its header names
   * (index-log.ts). Absent in a library written before the log: its first index write adds it.
   */
  checkpoint: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{16,64}$/))),
  articles: v.array(ArticleSummarySchema),
})
export type LibraryIndex = v.InferOutput<typeof LibraryIndexSchema>

export const ArticleFileSchema = v.object({
  schemaVersion: version,
  article: ArticleSchema,
})
export type ArticleFile = v.InferOutput<typeof ArticleFileSchema>

export const AnnotationsFileSchema = v.pipe(
  v.object({
    schemaVersion: version,
    articleId: ArticleIdSchema,
    annotations: v.array(AnnotationSchema),
  }),
  v.check((file) => file.annotations.every((a) => a.articleId === file.articleId), 'every annotation must belong to the file’s article'),
)
export type AnnotationsFile = v.InferOutput<typeof AnnotationsFileSchema>

export const TagsFileSchema = v.object({
  schemaVersion: version,
  tags: v.array(TagSchema),
})
export type TagsFile = v.InferOutput<typeof TagsFileSchema>

export const BriefFileSchema = v.object({
  schemaVersion: version,
  briefing: BriefSchema,
})
export type BriefFile = v.InferOutput<typeof BriefFileSchema>

/**
 * A user's brief template. Version 1 is the bare template (its own `schemaVersion: 1`, written
 * outside the store before templates were a file kind); version 2 wraps it (migrations.ts).
 */
export const TemplateFileSchema = v.object({
  schemaVersion: version,
  template: TemplateSchema,
})
export type TemplateFile = v.InferOutput<typeof TemplateFileSchema>

export const SettingsFileSchema = v.object({
  schemaVersion: version,
  settings: SettingsSchema,
})
export type SettingsFile = v.InferOutput<typeof SettingsFileSchema>

export type FileKind = 'index' | 'article' | 'annotations' | 'tags' | 'brief' | 'template' | 'settings'

export const FILE_SCHEMAS = {
  index: LibraryIndexSchema,
  article: ArticleFileSchema,
  annotations: AnnotationsFileSchema,
  tags: TagsFileSchema,
  brief: BriefFileSchema,
  template: TemplateFileSchema,
  settings: SettingsFileSchema,
} as const satisfies Record<FileKind, v.GenericSchema>

export type FileData = { [K in FileKind]: v.InferOutput<(typeof FILE_SCHEMAS)[K]> }

/** Which kind of file a path inside the library is, or null for files that are not library data. */
export function fileKindOf(relativePath: string): FileKind | null {
  const path = relativePath.replaceAll('\\', '/')
  if (path === LIBRARY_FILE) return 'index'
  if (path === SETTINGS_FILE) return 'settings'
  if (path === TAGS_FILE) return 'tags'
  if (/^articles\/[0-9a-f]{8,64}\.json$/.test(path)) return 'article'
  if (/^annotations\/[0-9a-f]{8,64}\.json$/.test(path)) return 'annotations'
  if (/^briefings\/br_[0-9a-f]{16}\.json$/.test(path)) return 'brief'
  if (/^templates\/[a-z0-9]+(?:-[a-z0-9]+)*\.json$/.test(path) && path.length <= 'templates/'.length + 64 + '.json'.length) return 'template'
  return null
}
