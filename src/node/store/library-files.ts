import * as v from 'valibot'
import { ArticleSchema, ArticleSummarySchema } from '../../common/model/article'
import { SettingsSchema } from '../../common/model/settings'

/**
 * The files of a library folder and their schemas.
 *
 *   library.json          the index: one summary per article (what the library list needs)
 *   articles/<id>.json    one article with its body, written when it is imported or edited
 *   settings.json         the user's preferences
 *
 * Bodies live in their own files so that opening the library never parses them and a small
 * change never rewrites them. Every file carries the schema version it was written with.
 */
export const SCHEMA_VERSION = 1

export const LIBRARY_FILE = 'library.json'
export const SETTINGS_FILE = 'settings.json'
export const ARTICLES_FOLDER = 'articles'

const version = v.literal(SCHEMA_VERSION)

export const LibraryIndexSchema = v.object({
  schemaVersion: version,
  articles: v.array(ArticleSummarySchema),
})
export type LibraryIndex = v.InferOutput<typeof LibraryIndexSchema>

export const ArticleFileSchema = v.object({
  schemaVersion: version,
  article: ArticleSchema,
})
export type ArticleFile = v.InferOutput<typeof ArticleFileSchema>

export const SettingsFileSchema = v.object({
  schemaVersion: version,
  settings: SettingsSchema,
})
export type SettingsFile = v.InferOutput<typeof SettingsFileSchema>
