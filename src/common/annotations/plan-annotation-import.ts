import { CONTEXT_LENGTH, describe, FoldedText, reanchor, toUtf16Position, type ImportedAnnotation } from '../anchoring'
import type { Annotation, TextPositionSelector, TextQuoteSelector } from '../model/annotation'
import type { Tag } from '../model/tag'
import type { Steps } from '../work/steps'
import { resolveTagNames } from './resolve-tag-names'

/** An article as the import sees it: its current body text and revision. */
export interface ImportTarget {
  readonly text: string
  readonly revision: number
}

export interface ImportPlanInput {
  readonly imported: readonly ImportedAnnotation[]
  /** The articles of the library, by id, that the file's annotations may target. */
  readonly targets: ReadonlyMap<string, ImportTarget>
  /** The annotations the library holds now, by article id (articles without any may be absent). */
  readonly existing: ReadonlyMap<string, readonly Annotation[]>
  readonly tags: readonly Tag[]
  readonly newAnnotationId: () => string
  readonly newTagId: () => string
  readonly now: string
}

export interface ImportPlan {
  /** The complete new annotation list of every article that gains annotations. */
  readonly annotations: Map<string, Annotation[]>
  /** Every tag, when the import created some; null when the tags are unchanged. */
  readonly tags: Tag[] | null
  readonly added: number
  readonly skipped: number
  readonly orphaned: number
}

/**
 * What importing W3C annotations changes, computed before anything is written so that the write
 * is one commit. Each annotation is matched to its article by its target IRI and re-anchored in the
 * article's current text (position, then quote, then fuzzy), so a file made before an edit still
 * lands on the right passages. Skipped: annotations of articles this library does not have, and
 * exact duplicates (same place or, for an orphan, same quote; same colour, note and tags) of an
 * annotation already there, so importing the same file twice adds nothing.
 *
 * An annotation whose text is not found is kept as an orphan, never dropped. Its position is only a
 * hint then (reanchoring an orphan starts from its quote): the file's position when it fits the text,
 * else the quote's length from the start. W3C files give no position for orphans we export.
 *
 * Steps (see work/steps.ts), one per imported annotation: the service runs them in slices.
 */
export function* planAnnotationImport(input: ImportPlanInput): Steps<ImportPlan> {
  const annotations = new Map<string, Annotation[]>()
  const usedIds = new Set([...input.existing.values()].flatMap((list) => list.map((annotation) => annotation.id)))
  const folded = new Map<string, FoldedText>()
  let tags: readonly Tag[] = input.tags
  let tagsCreated = false
  let added = 0
  let skipped = 0
  let orphaned = 0

  for (const item of input.imported) {
    const target = item.articleId === null ? undefined : input.targets.get(item.articleId)
    yield
    if (item.articleId === null || target === undefined) {
      skipped++
      continue
    }
    const articleId = item.articleId
    let text = folded.get(articleId)
    if (text === undefined) folded.set(articleId, (text = new FoldedText(target.text)))
    const anchor = place(item, text, target.text)
    const resolved = resolveTagNames(item.tags, tags, input.newTagId)
    const current = annotations.get(articleId) ?? [...(input.existing.get(articleId) ?? [])]
    const candidate = { ...anchor, color: item.color ?? 'yellow', note: item.note, tagIds: resolved.tagIds }
    if (current.some((annotation) => isDuplicate(annotation, candidate))) {
      skipped++
      continue
    }
    const id = item.id !== null && !usedIds.has(item.id) ? item.id : freshId(usedIds, input.newAnnotationId)
    usedIds.add(id)
    current.push({
      id,
      articleId,
      articleRevision: target.revision,
      ...candidate,
      createdAt: item.created ?? input.now,
      updatedAt: item.modified ?? item.created ?? input.now,
    })
    annotations.set(articleId, current)
    if (resolved.created.length > 0) {
      tags = resolved.tags
      tagsCreated = true
    }
    added++
    if (anchor.status === 'orphan') orphaned++
  }
  return { annotations, tags: tagsCreated ? [...tags] : null, added, skipped, orphaned }
}

interface Anchor {
  readonly status: 'anchored' | 'orphan'
  readonly quote: TextQuoteSelector
  readonly position: TextPositionSelector
}

function place(item: ImportedAnnotation, folded: FoldedText, text: string): Anchor {
  const position = item.codePointPosition === null ? null : toUtf16Position(text, item.codePointPosition)
  const result = reanchor({ quote: item.quote, position }, folded)
  if (result.status === 'anchored') return { status: 'anchored', ...describe(text, result.start, result.end) }
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: item.quote.exact,
    prefix: item.quote.prefix.slice(-CONTEXT_LENGTH),
    suffix: item.quote.suffix.slice(0, CONTEXT_LENGTH),
  }
  return { status: 'orphan', quote, position: position ?? { type: 'TextPositionSelector', start: 0, end: item.quote.exact.length } }
}

function isDuplicate(existing: Annotation, candidate: Anchor & Pick<Annotation, 'color' | 'note' | 'tagIds'>): boolean {
  const samePlace =
    existing.status === candidate.status &&
    (candidate.status === 'anchored'
      ? existing.position.start === candidate.position.start && existing.position.end === candidate.position.end
      : existing.quote.exact === candidate.quote.exact)
  return (
    samePlace &&
    existing.color === candidate.color &&
    existing.note === candidate.note &&
    existing.tagIds.length === candidate.tagIds.length &&
    existing.tagIds.every((id) => candidate.tagIds.includes(id))
  )
}

function freshId(used: ReadonlySet<string>, newId: () => string): string {
  for (;;) {
    const id = newId()
    if (!used.has(id)) return id
  }
}
