import { AppError } from '../errors'
import type { Annotation, HighlightColor } from '../model/annotation'
import type { Tag, TagAlias } from '../model/tag'
import { nameKey, tagNamed } from './tag-names'
import { descendantIds } from './tag-tree'

/**
 * Tag operations as pure functions: the tags and annotations before in, the tags and the changed
 * annotations after out. The service writes the outcome in one atomic commit and keeps the
 * "before" for undo. Errors are AppErrors naming the tag and the reason; nothing is half-done.
 */

/** Annotations per article id. */
export type AnnotationsByArticle = ReadonlyMap<string, readonly Annotation[]>

export interface TagEditOutcome {
  readonly tags: Tag[]
  /** Only the articles whose annotations changed, with all their annotations after the change. */
  readonly annotations: Map<string, Annotation[]>
}

export interface NewTag {
  readonly name: string
  readonly parentId: string | null
  readonly color: string | null
  readonly aliases: readonly TagAlias[]
  readonly keywords: readonly string[]
}

export type TagPatch = Partial<NewTag>

export function requireTag(tags: readonly Tag[], id: string): Tag {
  const tag = tags.find((candidate) => candidate.id === id)
  if (tag === undefined) throw new AppError('tag.notFound', { id })
  return tag
}

function checkName(tags: readonly Tag[], name: string, exceptId: string | null): void {
  if (nameKey(name) === '') throw new AppError('tag.emptyName', { name })
  const other = tagNamed(tags, name, exceptId)
  if (other !== undefined) throw new AppError('tag.duplicateName', { name, other: other.name })
}

function checkParent(tags: readonly Tag[], tag: Tag, parentId: string | null): void {
  if (parentId === null) return
  const parent = requireTag(tags, parentId)
  if (descendantIds(tags, tag.id).has(parentId)) throw new AppError('tag.cycle', { name: tag.name, parent: parent.name })
}

export function createTag(tags: readonly Tag[], input: NewTag, id: string): Tag[] {
  checkName(tags, input.name, null)
  if (input.parentId !== null) requireTag(tags, input.parentId)
  const tag: Tag = { id, name: input.name.trim(), parentId: input.parentId, color: input.color, aliases: [...input.aliases], keywords: [...input.keywords] }
  return [...tags, tag]
}

/** Rename, recolour, new aliases or keywords, or a move (a new parent); refuses cycles and duplicate names. */
export function updateTag(tags: readonly Tag[], id: string, patch: TagPatch): Tag[] {
  const tag = requireTag(tags, id)
  if (patch.name !== undefined) checkName(tags, patch.name, id)
  // An alias may not be another theme's name either: the name would then find two themes.
  for (const alias of patch.aliases ?? []) {
    const other = tagNamed(tags, alias.text, id)
    if (other !== undefined) throw new AppError('tag.duplicateName', { name: alias.text, other: other.name })
  }
  if (patch.parentId !== undefined) checkParent(tags, tag, patch.parentId)
  const updated: Tag = {
    ...tag,
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
    ...(patch.color !== undefined ? { color: patch.color } : {}),
    ...(patch.aliases !== undefined ? { aliases: [...patch.aliases] } : {}),
    ...(patch.keywords !== undefined ? { keywords: [...patch.keywords] } : {}),
  }
  return tags.map((candidate) => (candidate.id === id ? updated : candidate))
}

/** Rewrites the tag ids of every annotation `rewrite` changes; returns only the changed articles. */
function rewriteAnnotations(
  annotations: AnnotationsByArticle,
  now: string,
  rewrite: (tagIds: readonly string[], annotation: Annotation) => string[],
): Map<string, Annotation[]> {
  const changed = new Map<string, Annotation[]>()
  for (const [articleId, list] of annotations) {
    let touched = false
    const next = list.map((annotation) => {
      const tagIds = rewrite(annotation.tagIds, annotation)
      if (tagIds.length === annotation.tagIds.length && tagIds.every((tagId, i) => tagId === annotation.tagIds[i])) return annotation
      touched = true
      return { ...annotation, tagIds, updatedAt: now }
    })
    if (touched) changed.set(articleId, next)
  }
  return changed
}

/**
 * Merges `fromId` into `intoId`: annotations tagged `from` are tagged `into` (once), `from`'s
 * children move under `into`, and `from`'s names become aliases of `into` so that searches and
 * suggestions that knew the old name still land on the theme.
 */
export function mergeTags(tags: readonly Tag[], annotations: AnnotationsByArticle, fromId: string, intoId: string, now: string): TagEditOutcome {
  const from = requireTag(tags, fromId)
  const into = requireTag(tags, intoId)
  if (fromId === intoId) throw new AppError('tag.mergeSelf', { name: from.name })
  if (descendantIds(tags, fromId).has(intoId)) throw new AppError('tag.mergeIntoChild', { from: from.name, into: into.name })
  const known = new Set([into.name, ...into.aliases.map((alias) => alias.text)].map(nameKey))
  const aliases = [...into.aliases]
  for (const alias of [{ text: from.name, lang: null }, ...from.aliases]) {
    if (known.has(nameKey(alias.text))) continue
    known.add(nameKey(alias.text))
    aliases.push(alias)
  }
  const keywords = [...new Set([...into.keywords, ...from.keywords])]
  const merged: Tag = { ...into, aliases, keywords }
  const nextTags = tags
    .filter((tag) => tag.id !== fromId)
    .map((tag) => (tag.id === intoId ? merged : tag.parentId === fromId ? { ...tag, parentId: intoId } : tag))
  const rewritten = rewriteAnnotations(annotations, now, (tagIds) =>
    tagIds.includes(fromId) ? [...new Set(tagIds.map((tagId) => (tagId === fromId ? intoId : tagId)))] : [...tagIds],
  )
  return { tags: nextTags, annotations: rewritten }
}

/** Deletes a tag: removed from every annotation, its children move up to its parent. */
export function deleteTag(tags: readonly Tag[], annotations: AnnotationsByArticle, id: string, now: string): TagEditOutcome {
  const tag = requireTag(tags, id)
  const nextTags = tags.filter((candidate) => candidate.id !== id).map((candidate) => (candidate.parentId === id ? { ...candidate, parentId: tag.parentId } : candidate))
  return { tags: nextTags, annotations: rewriteAnnotations(annotations, now, (tagIds) => tagIds.filter((tagId) => tagId !== id)) }
}

export interface BulkTagChange {
  /** Tag ids to put on every chosen annotation that lacks them (appended, in this order). */
  readonly add: readonly string[]
  /** Tag ids to take off every chosen annotation that has them. */
  readonly remove: readonly string[]
}

/**
 * Adds tags to and removes tags from several annotations, across articles, at once. Every id must
 * name an annotation (all unknown ids are named in one error, and nothing changes); a tag both
 * added and removed is refused rather than guessed at. Annotations that already read right are
 * left untouched (same object, same updatedAt), so undo and the changed count see only real edits.
 */
export function retagAnnotations(
  tags: readonly Tag[],
  annotations: AnnotationsByArticle,
  annotationIds: readonly string[],
  change: BulkTagChange,
  now: string,
): Map<string, Annotation[]> {
  for (const tagId of [...change.add, ...change.remove]) requireTag(tags, tagId)
  const both = change.add.find((tagId) => change.remove.includes(tagId))
  if (both !== undefined) throw new AppError('tag.addAndRemove', { name: requireTag(tags, both).name })
  const wanted = new Set(annotationIds)
  const found = new Set<string>()
  for (const list of annotations.values()) for (const annotation of list) if (wanted.has(annotation.id)) found.add(annotation.id)
  const unknown = [...wanted].filter((id) => !found.has(id))
  if (unknown.length > 0) throw unknownAnnotationsError(unknown)
  const removed = new Set(change.remove)
  return rewriteAnnotations(annotations, now, (tagIds, annotation) => {
    if (!wanted.has(annotation.id)) return [...tagIds]
    const kept = tagIds.filter((tagId) => !removed.has(tagId))
    return [...kept, ...change.add.filter((tagId) => !kept.includes(tagId))]
  })
}

/** Names at most five ids, quoted, then how many more: the line stays readable with 2,000 ids. */
export function unknownAnnotationsError(ids: readonly string[]): AppError {
  const shown = ids.slice(0, 5).map((id) => `“${id}”`).join(', ')
  return new AppError('tag.unknownAnnotations', { ids: ids.length > 5 ? `${shown} (+${ids.length - 5})` : shown, count: ids.length })
}

/** The colour a highlight created for a theme gets: yellow unless the caller picks another. */
export const DEFAULT_THEME_HIGHLIGHT: HighlightColor = 'yellow'
