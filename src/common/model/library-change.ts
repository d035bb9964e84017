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
  /** The user's brief templates written, and deleted (optional: absent means none). */
  readonly templates?: readonly string[]
  readonly deletedTemplates?: readonly string[]
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
    change.articles.length + change.annotations.length + change.briefs.length + change.deletedArticles.length + change.deletedBriefs.length === 0 &&
    (change.templates?.length ?? 0) + (change.deletedTemplates?.length ?? 0) === 0
  )
}

/**
 * Two records as one (the later `seq`): what a view that missed neither must refresh. A view
 * that refreshes once for several commits (the window, once per frame) merges what arrived.
 */
export function mergeChanges(first: LibraryChange, second: LibraryChange): LibraryChange {
  const union = (a: readonly string[], b: readonly string[]) => (b.length === 0 ? a : a.length === 0 ? b : [...new Set([...a, ...b])])
  return {
    seq: Math.max(first.seq, second.seq),
    everything: first.everything || second.everything,
    articles: union(first.articles, second.articles),
    annotations: union(first.annotations, second.annotations),
    tags: first.tags || second.tags,
    briefs: union(first.briefs, second.briefs),
    settings: first.settings || second.settings,
    deletedArticles: union(first.deletedArticles, second.deletedArticles),
    deletedBriefs: union(first.deletedBriefs, second.deletedBriefs),
    ...(first.templates || second.templates ? { templates: union(first.templates ?? [], second.templates ?? []) } : {}),
    ...(first.deletedTemplates || second.deletedTemplates ? { deletedTemplates: union(first.deletedTemplates ?? [], second.deletedTemplates ?? []) } : {}),
  }
}

const ID_LISTS = ['articles', 'annotations', 'briefs', 'deletedArticles', 'deletedBriefs'] as const
const OPTIONAL_ID_LISTS = ['templates', 'deletedTemplates'] as const
const FLAGS = ['everything', 'tags', 'settings'] as const

/**
 * True for a change record as the store makes it: what the window accepts from the main
 * process's push channel (the preload checks; the browser shell's bridge checks the same).
 */
export function isLibraryChange(value: unknown): value is LibraryChange {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  const isIdList = (list: unknown) => Array.isArray(list) && list.every((id) => typeof id === 'string')
  return (
    typeof record['seq'] === 'number' &&
    Number.isFinite(record['seq']) &&
    FLAGS.every((flag) => typeof record[flag] === 'boolean') &&
    ID_LISTS.every((list) => isIdList(record[list])) &&
    OPTIONAL_ID_LISTS.every((list) => record[list] === undefined || isIdList(record[list]))
  )
}
