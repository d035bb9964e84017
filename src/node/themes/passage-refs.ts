import type { Annotation } from '../../common/model/annotation'

/**
 * What the Themes view needs of one tagged highlight to count it, place it in a theme's list and
 * size its row, without its text: the theme index keeps these for every tagged highlight of the
 * library (about 60 bytes each) and reads a highlight's text only when its row is shown.
 */
export interface PassageRef {
  readonly id: string
  readonly tagIds: readonly string[]
  /** Where the passage starts in its article (document order); orphans are listed last. */
  readonly start: number
  readonly orphan: boolean
  /** The note is not empty: the row shows it under the quote. */
  readonly noted: boolean
  /** Characters of the quote: the row's height is estimated from it before it is measured. */
  readonly quoteLength: number
}

/** The tagged highlights of one article, in the order a theme lists them: document order, orphans last. */
export function refsOf(annotations: readonly Annotation[]): PassageRef[] {
  const refs: PassageRef[] = []
  for (const annotation of annotations) {
    if (annotation.tagIds.length === 0) continue
    refs.push({
      id: annotation.id,
      tagIds: [...annotation.tagIds],
      start: annotation.position.start,
      orphan: annotation.status === 'orphan',
      noted: annotation.note.trim() !== '',
      quoteLength: annotation.quote.exact.length,
    })
  }
  return refs.sort(passageOrder)
}

export function passageOrder(a: PassageRef, b: PassageRef): number {
  return Number(a.orphan) - Number(b.orphan) || a.start - b.start
}

/** A ref as stored in the cache files: [id, start, flags (1 orphan, 2 noted), quoteLength, ...tagIds]. */
export type StoredRef = [string, number, number, number, ...string[]]

export function storedRef(ref: PassageRef): StoredRef {
  return [ref.id, ref.start, (ref.orphan ? 1 : 0) | (ref.noted ? 2 : 0), ref.quoteLength, ...ref.tagIds]
}

/** A stored ref back, or null when it is not one (a damaged cache: the caller rebuilds). */
export function refFromStored(value: unknown): PassageRef | null {
  if (!Array.isArray(value) || value.length < 5) return null
  const [id, start, flags, quoteLength, ...tagIds] = value as unknown[]
  if (typeof id !== 'string' || !Number.isInteger(start) || !Number.isInteger(flags) || !Number.isInteger(quoteLength)) return null
  if (!tagIds.every((tagId) => typeof tagId === 'string')) return null
  return { id, start: start as number, orphan: ((flags as number) & 1) !== 0, noted: ((flags as number) & 2) !== 0, quoteLength: quoteLength as number, tagIds: tagIds as string[] }
}
