import type { Annotation } from '../model/annotation'
import type { ArticleSummary } from '../model/article'
import type { Tag } from '../model/tag'

/** Results of the theme methods of the API contract. Plain data. */

/** What an undo puts back: the tags as they were, and each highlight the edit changed as it was (its tags are restored). */
export interface TagUndo {
  readonly tags: Tag[]
  readonly annotations: Array<{ readonly articleId: string; readonly annotations: Annotation[] }>
}

export interface TagEditResult {
  readonly tags: Tag[]
  /** The tag created or changed (the surviving one of a merge); null after a delete. */
  readonly tagId: string | null
  readonly annotationsChanged: number
  /** Pass to restoreTagState to undo the edit. */
  readonly undo: TagUndo
}

export interface ThemeOverview {
  readonly tags: Tag[]
  /** Highlights carrying each tag directly, by tag id (absent: none). */
  readonly counts: Record<string, number>
  /**
   * Highlights carrying the tag or a tag below it, each counted once, by tag id (absent: none):
   * the number of passages the Themes view lists for the theme.
   */
  readonly totals: Record<string, number>
  /**
   * Present while the service rebuilds its theme index from the highlights files (its cache was
   * missing, damaged or behind): the counts so far, and how many articles of how many are read.
   */
  readonly catchingUp?: { readonly done: number; readonly total: number }
}

export interface ThemePassageGroup {
  readonly article: ArticleSummary
  /** In document order; orphans last. */
  readonly passages: Annotation[]
}

/** A theme's passage list in outline: passages per article group, in the order shown. */
export interface ThemePassageLayout {
  readonly total: number
  /** Passages per article group, packed (passage-outline.ts `decodeGroupSizes`). */
  readonly groupSizes: string
  /** Per passage in list order, its quote's length and whether it has a note, packed one character each (passage-outline.ts `rowAt`): the rows' heights are estimated from them before they are measured. */
  readonly rows: string
  /** How many of the theme's passages carry each tag (what bulk "Remove tag" offers for the whole theme). */
  readonly tagCounts: Record<string, number>
}

/** Passages [start, start + passages.length) of a theme's list, and the articles they belong to. */
export interface ThemePassagePage {
  readonly start: number
  readonly passages: Annotation[]
  readonly articles: ArticleSummary[]
}

export type TaxonomyExportOutcome = { readonly status: 'cancelled' } | { readonly status: 'done'; readonly path: string; readonly tags: number }
export type TaxonomyImportOutcome =
  | { readonly status: 'cancelled' }
  | { readonly status: 'done'; readonly path: string; readonly added: number; readonly updated: number; readonly undo: TagUndo }
