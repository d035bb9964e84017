import * as v from 'valibot'
import { AnnotationIdSchema, AnnotationInputSchema, HighlightColorSchema, TagIdSchema } from '../model/annotation'
import { ArticleIdSchema, LanguageCodeSchema } from '../model/article'
import { TagAliasSchema, TagColorSchema, TagNameSchema, TagSchema } from '../model/tag'
import { MAX_TAXONOMY_TAGS } from './taxonomy-file'
import { MAX_TAGS_PER_ANNOTATION } from '../annotations/annotation-inputs'

/** Input schemas of the theme and search methods (api.ts). Strict objects, bounded everywhere. */

const MAX_ALIASES = 50
const MAX_KEYWORDS = 200
const MAX_REFS = 2000
const MAX_TEXT = 20_000

const AliasInput = v.strictObject({ text: TagNameSchema, lang: v.nullable(LanguageCodeSchema) })
const KeywordInput = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))

const tagFields = {
  parentId: v.optional(v.nullable(TagIdSchema)),
  color: v.optional(v.nullable(TagColorSchema)),
  aliases: v.optional(v.pipe(v.array(AliasInput), v.maxLength(MAX_ALIASES))),
  keywords: v.optional(v.pipe(v.array(KeywordInput), v.maxLength(MAX_KEYWORDS))),
}

export const CreateTagInput = v.strictObject({ name: TagNameSchema, ...tagFields })
export const UpdateTagInput = v.strictObject({ id: TagIdSchema, name: v.optional(TagNameSchema), ...tagFields })
export const MergeTagsInput = v.strictObject({ fromId: TagIdSchema, intoId: TagIdSchema })
export const DeleteTagInput = v.strictObject({ id: TagIdSchema })

/**
 * Bulk tagging: tag names to add (matched like the tag box does; unknown names become new tags)
 * and tag ids to remove, on annotations named by id alone (ids are unique across the library).
 */
export const TagAnnotationsInput = v.strictObject({
  annotationIds: v.pipe(v.array(AnnotationIdSchema), v.minLength(1), v.maxLength(MAX_REFS)),
  addTags: v.optional(v.pipe(v.array(TagNameSchema), v.maxLength(MAX_TAGS_PER_ANNOTATION))),
  removeTagIds: v.optional(v.pipe(v.array(TagIdSchema), v.maxLength(MAX_TAGS_PER_ANNOTATION))),
})

/**
 * Bulk tagging of a whole theme's passages (with its sub-themes), named by the theme rather than
 * passage by passage (a theme may list 100,000), less those the user unticked.
 */
export const TagThemePassagesInput = v.strictObject({
  tagId: TagIdSchema,
  exceptIds: v.optional(v.pipe(v.array(AnnotationIdSchema), v.maxLength(MAX_REFS))),
  addTags: v.optional(v.pipe(v.array(TagNameSchema), v.maxLength(MAX_TAGS_PER_ANNOTATION))),
  removeTagIds: v.optional(v.pipe(v.array(TagIdSchema), v.maxLength(MAX_TAGS_PER_ANNOTATION))),
})

export const RestoreTagStateInput = v.strictObject({
  undo: v.strictObject({
    tags: v.pipe(v.array(v.strictObject({ ...TagSchema.entries, aliases: v.array(v.strictObject(TagAliasSchema.entries)) })), v.maxLength(MAX_TAXONOMY_TAGS)),
    annotations: v.pipe(
      v.array(v.strictObject({ articleId: ArticleIdSchema, annotations: v.pipe(v.array(AnnotationInputSchema), v.maxLength(50_000)) })),
      v.maxLength(100_000),
    ),
  }),
})

export const ThemePassagesInput = v.strictObject({ tagId: TagIdSchema })
/** A page of a theme's passages: the Themes view asks for the rows it is about to show. */
export const MAX_THEME_PAGE = 500
export const ThemePassagePageInput = v.strictObject({
  tagId: TagIdSchema,
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_THEME_PAGE)),
})
export const SuggestTagsInput = v.strictObject({ text: v.pipe(v.string(), v.maxLength(MAX_TEXT)), lang: v.optional(LanguageCodeSchema) })
export const AutoTagArticleInput = v.strictObject({ articleId: ArticleIdSchema })

export const ProposalInput = v.strictObject({
  tagId: TagIdSchema,
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(1)),
  quote: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT)),
  reason: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(50)),
})

export const AcceptProposalsInput = v.strictObject({
  articleId: ArticleIdSchema,
  proposals: v.pipe(v.array(ProposalInput), v.minLength(1), v.maxLength(500)),
  color: v.optional(HighlightColorSchema),
})

export const SearchInput = v.strictObject({
  query: v.pipe(v.string(), v.maxLength(1000)),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000))),
  /** The search box asking: its newer query supersedes its older one (search as you type). */
  box: v.optional(v.pipe(v.string(), v.maxLength(32), v.regex(/^[a-z][a-z0-9-]{0,31}$/u))),
})
