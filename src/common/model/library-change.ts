/**
 * One durable commit of the library, as the store announces it after the commit is on disk: the
 * one change type of the app. The search index, the desktop shell (menus follow the settings),
 * undo and (next) sync all read this record and nothing else.
 *
 * `seq` increases by at least one with every commit, across closing and reopening the library
 * (see the section on writes in docs/store.md): a consumer that has seen seq N has seen every commit up to N.
 */
export interface LibraryChange {
  readonly seq: number
  /** The whole library was replaced (a restore): every view of it starts over. */
  readonly everything: boolean
  /** Articles added, or whose text or metadata changed (their summaries too). */
  readonly articles: readonly string[]
  /** Articles whose annotations changed (ids of articles, not of annotations). */
  readonly annotations: readonly string[]
  /** The tag list changed (names, aliases, hierarchy): any article's tag names may read differently. */
  readonly tags: boolean
  readonly briefs: readonly string[]
  readonly settings: boolean
  readonly deletedArticles: readonly string[]
  readonly deletedBriefs: readonly string[]
}

/** The parts of a change record, without its sequence number (what a commit computes). */
export type LibraryChangeBody = Omit<LibraryChange, 'seq'>

export const NO_CHANGE: LibraryChangeBody = {
  everything: false,
  articles: [],
  annotations: [],
  tags: false,
  briefs: [],
  settings: false,
  deletedArticles: [],
  deletedBriefs: [],
}

/** True when a commit changed nothing worth announcing (nothing is then written either). */
export function isEmptyChange(change: LibraryChangeBody): boolean {
  return (
    !change.everything &&
    !change.tags &&
    !change.settings &&
    change.articles.length + change.annotations.length + change.briefs.length + change.deletedArticles.length + change.deletedBriefs.length === 0
  )
}
