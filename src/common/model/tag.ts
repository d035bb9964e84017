import * as v from 'valibot'
import { LanguageCodeSchema } from './article'
import { TagIdSchema } from './annotation'

/**
 * Theme tags: a hierarchy (Economy > Trade > CPTPP), a colour, and names in several languages.
 * `name` is the canonical name; an alias with a language is that language's display name, any
 * alias is also a name the tag answers to (search, CLI, suggestions). Keywords feed theme
 * suggestions and are matched without diacritics.
 */
export const TagNameSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))

export const TagAliasSchema = v.object({
  text: TagNameSchema,
  lang: v.nullable(LanguageCodeSchema),
})
export type TagAlias = v.InferOutput<typeof TagAliasSchema>

export const TagColorSchema = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/, 'a colour written #rrggbb'))

export const TagSchema = v.object({
  id: TagIdSchema,
  name: TagNameSchema,
  parentId: v.nullable(TagIdSchema),
  color: v.nullable(TagColorSchema),
  aliases: v.array(TagAliasSchema),
  keywords: v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
})
export type Tag = v.InferOutput<typeof TagSchema>

/** The name to show in `lang`: an alias in that language if there is one, else the canonical name. */
export function tagDisplayName(tag: Tag, lang: string): string {
  return tag.aliases.find((alias) => alias.lang === lang)?.text ?? tag.name
}
