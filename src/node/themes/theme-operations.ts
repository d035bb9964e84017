import { randomBytes } from 'node:crypto'
import { describe } from '../../common/anchoring/describe'
import { AppError } from '../../common/errors'
import type { Annotation, HighlightColor } from '../../common/model/annotation'
import { bodyText } from '../../common/model/article'
import { formatId } from '../../common/model/ids'
import type { Tag } from '../../common/model/tag'
import { proposeTags, type TagProposal } from '../../common/themes/auto-tag'
import { suggestTags, type TagSuggestion } from '../../common/themes/suggest-tags'
import {
  createTag,
  deleteTag,
  mergeTags,
  requireTag,
  retagAnnotations,
  updateTag,
  type NewTag,
  type TagPatch,
} from '../../common/themes/tag-edits'
import { taxonomyProblem } from '../../common/themes/taxonomy-problem'
import { resolveTagNames } from '../../common/annotations/resolve-tag-names'
import { ThemeMatcher } from '../../common/themes/theme-matcher'
import type { TagEditResult, TagUndo, ThemePassageGroup, ThemePassageLayout, ThemePassagePage } from '../../common/themes/api-types'
import type { LibraryStore } from '../store/library-store'
import type { CurrentRecords, UpdateResult } from '../store/library-update'
import { ThemeIndex, type CatchingUp } from './theme-index'

/**
 * A highlight with the tags an undo recorded for it. Untouched since the edit (only its tags and
 * time differ): the recorded highlight itself, so undo restores the files exactly. Changed since
 * (a note, a colour, a move): today's highlight with the recorded tags.
 */
function withRecordedTags(current: Annotation, recorded: Annotation | undefined, now: string): Annotation {
  if (recorded === undefined || sameIds(recorded.tagIds, current.tagIds)) return current
  const untouched = JSON.stringify({ ...current, tagIds: [], updatedAt: '' }) === JSON.stringify({ ...recorded, tagIds: [], updatedAt: '' })
  return untouched ? recorded : { ...current, tagIds: [...recorded.tagIds], updatedAt: now }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

function newHex(): string {
  return randomBytes(8).toString('hex')
}

/**
 * What a tag edit writes and what it answers: `tags` (null when the list stays) and the changed
 * articles' annotations, with an undo recording only the highlights this edit changed, as they
 * were: restoring puts back their tags and nothing else, so a highlight added, noted or deleted
 * since is left as it is.
 */
function tagEdit(current: CurrentRecords, tags: Tag[] | null, annotations: Map<string, Annotation[]>, tagId: string | null): UpdateResult<TagEditResult> {
  const changedBefore = [...annotations].map(([articleId, list]) => {
    const old = new Map((current.annotations.get(articleId) ?? []).map((annotation) => [annotation.id, annotation]))
    const previous = list.filter((annotation) => old.get(annotation.id) !== annotation).flatMap((annotation) => old.get(annotation.id) ?? [])
    return { articleId, annotations: previous }
  })
  const undo: TagUndo = { tags: [...current.tags], annotations: changedBefore.filter((entry) => entry.annotations.length > 0) }
  const annotationsChanged = changedBefore.reduce((sum, entry) => sum + entry.annotations.length, 0)
  return {
    writes: { ...(tags === null ? {} : { tags }), annotations },
    value: { tags: [...(tags ?? current.tags)], tagId, annotationsChanged, undo },
  }
}

/**
 * The theme and tag operations over the store. Each write is one store.update: it reads the
 * tags and the annotations it changes inside the library's write queue and returns the files to
 * write as one atomic commit, so a highlight saved meanwhile is neither lost nor overwritten.
 */
export class ThemeOperations {
  #matcher: { tags: readonly Tag[]; matcher: ThemeMatcher } | null = null
  readonly #index: ThemeIndex

  constructor(
    private readonly store: LibraryStore,
    private readonly now: () => Date,
  ) {
    this.#index = new ThemeIndex(store)
  }

  get tags(): readonly Tag[] {
    return this.store.listTags()
  }

  create(input: NewTag): Promise<TagEditResult> {
    const id = formatId('tag', newHex())
    return this.store.update({}, (current) => tagEdit(current, createTag(current.tags, input, id), new Map(), id))
  }

  update(id: string, patch: TagPatch): Promise<TagEditResult> {
    return this.store.update({}, (current) => tagEdit(current, updateTag(current.tags, id, patch), new Map(), id))
  }

  merge(fromId: string, intoId: string): Promise<TagEditResult> {
    return this.store.update({ annotations: 'all' }, (current) => {
      const outcome = mergeTags(current.tags, current.annotations, fromId, intoId, this.now().toISOString())
      return tagEdit(current, outcome.tags, outcome.annotations, intoId)
    })
  }

  delete(id: string): Promise<TagEditResult> {
    return this.store.update({ annotations: 'all' }, (current) => {
      const outcome = deleteTag(current.tags, current.annotations, id, this.now().toISOString())
      return tagEdit(current, outcome.tags, outcome.annotations, null)
    })
  }

  /**
   * Bulk tagging: adds the tags named `addNames` (created on the fly when no tag answers to a
   * name, as single tagging does) and removes `removeIds` on every annotation in `annotationIds`,
   * whatever their articles, in one commit with one undo record.
   */
  tagAnnotations(annotationIds: readonly string[], addNames: readonly string[], removeIds: readonly string[]): Promise<TagEditResult> {
    if (annotationIds.length === 0 || (addNames.length === 0 && removeIds.length === 0)) return Promise.reject(new AppError('tag.nothingToChange'))
    return this.#retag(annotationIds, addNames, removeIds)
  }

  /**
   * Bulk tagging of every passage a theme lists (with its sub-themes), less `exceptIds`: the
   * passages are named by the theme index, so the whole theme is reached however many it holds.
   */
  async tagTheme(tagId: string, exceptIds: readonly string[], addNames: readonly string[], removeIds: readonly string[]): Promise<TagEditResult> {
    requireTag(this.tags, tagId)
    if (addNames.length === 0 && removeIds.length === 0) throw new AppError('tag.nothingToChange')
    const except = new Set(exceptIds)
    const list = await this.#index.list(tagId)
    const ids = list.groups.flatMap((group) => group.refs.flatMap((ref) => (except.has(ref.id) ? [] : [ref.id])))
    if (ids.length === 0) throw new AppError('tag.nothingToChange')
    return this.#retag(ids, addNames, removeIds)
  }

  /**
   * One commit adding and removing tags on highlights named by id. Only the articles holding them
   * are read and written when the theme index knows them all (tagged highlights); otherwise every
   * article's highlights are read, as before, to find untagged ones.
   */
  async #retag(annotationIds: readonly string[], addNames: readonly string[], removeIds: readonly string[]): Promise<TagEditResult> {
    const where = await this.#index.articlesOf(annotationIds)
    const scope = where.size === new Set(annotationIds).size ? [...new Set(where.values())] : 'all'
    return this.store.update({ annotations: scope }, (current) => {
      const resolved = resolveTagNames(addNames, current.tags, () => formatId('tag', newHex()))
      const changed = retagAnnotations(resolved.tags, current.annotations, annotationIds, { add: resolved.tagIds, remove: removeIds }, this.now().toISOString())
      return tagEdit(current, resolved.created.length > 0 ? resolved.tags : null, changed, resolved.tagIds[0] ?? removeIds[0] ?? null)
    })
  }

  /**
   * Puts back what an edit's undo recorded, in one commit: the tags as they were, and the tag list
   * of each highlight the edit changed. Everything else about a highlight (its note, colour, place)
   * stays as it is now; a highlight deleted since stays deleted.
   */
  restore(undo: TagUndo): Promise<Tag[]> {
    return this.store.update({ annotations: 'all' }, (current) => {
      const annotations = new Map<string, Annotation[]>()
      const now = this.now().toISOString()
      for (const entry of undo.annotations) {
        if (current.summary(entry.articleId) === undefined) throw new AppError('article.notFound', { id: entry.articleId })
        if (entry.annotations.some((annotation) => annotation.articleId !== entry.articleId)) throw new AppError('tag.badUndo', { reason: `annotations of another article under ${entry.articleId}` })
        const recorded = new Map(entry.annotations.map((annotation) => [annotation.id, annotation]))
        annotations.set(entry.articleId, (current.annotations.get(entry.articleId) ?? []).map((annotation) => withRecordedTags(annotation, recorded.get(annotation.id), now)))
      }
      const tags = keepTagsInUse(current, undo, annotations)
      const problem = taxonomyProblem(tags)
      if (problem !== null) throw new AppError('tag.badUndo', { reason: problem })
      return { writes: { tags, annotations }, value: tags }
    })
  }

  /** Highlights per tag id: carrying the tag itself (`own`), and the tag or one below it, each once (`totals`); `catchingUp` while the index is rebuilt. */
  counts(): Promise<{ own: Record<string, number>; totals: Record<string, number>; catchingUp: CatchingUp | null }> {
    return this.#index.counts()
  }

  /** Loads the saved theme index in the background when it follows the library (theme-index.ts `preload`). */
  preloadIndex(): Promise<boolean> {
    return this.#index.preload()
  }

  /** Resolves once the theme index has taken in every change heard so far (tests, benches). */
  settled(): Promise<void> {
    return this.#index.settled()
  }

  /**
   * Every passage tagged with the theme or a theme below it, grouped by article: newest article
   * first, passages in document order (orphans, which have no place, last).
   */
  async passages(tagId: string): Promise<ThemePassageGroup[]> {
    requireTag(this.tags, tagId)
    const list = await this.#index.list(tagId)
    const { passages } = await this.#index.page(list, 0, list.starts.at(-1)!)
    const byArticle = new Map<string, Annotation[]>()
    for (const passage of passages) byArticle.set(passage.articleId, [...(byArticle.get(passage.articleId) ?? []), passage])
    return list.groups.flatMap((group) => {
      const article = this.store.findById(group.articleId)
      const shown = byArticle.get(group.articleId)
      return article === undefined || shown === undefined ? [] : [{ article, passages: shown }]
    })
  }

  /** The theme's list in outline: passages per article group, and what sizes each row (quote length, note). */
  async passageLayout(tagId: string): Promise<ThemePassageLayout> {
    requireTag(this.tags, tagId)
    return this.#index.outline(tagId)
  }

  /** Passages [start, start + count) of the theme's list, read from their articles' files, and their articles. */
  async passagePage(tagId: string, start: number, count: number): Promise<ThemePassagePage> {
    requireTag(this.tags, tagId)
    return { start, ...(await this.#index.page(await this.#index.list(tagId), start, count)) }
  }

  #themeMatcher(): ThemeMatcher {
    const tags = this.tags
    if (this.#matcher?.tags !== tags) this.#matcher = { tags, matcher: new ThemeMatcher(tags) }
    return this.#matcher.matcher
  }

  suggest(text: string, lang: string): TagSuggestion[] {
    return suggestTags(this.tags, text, lang, this.#themeMatcher())
  }

  async propose(articleId: string): Promise<TagProposal[]> {
    const article = await this.store.getArticle(articleId)
    if (article === null) throw new AppError('article.notFound', { id: articleId })
    return proposeTags(this.tags, bodyText(article.blocks), await this.store.getAnnotations(articleId), this.#themeMatcher())
  }

  /** Writes accepted proposals as highlights tagged with their theme, all in one commit. */
  accept(articleId: string, proposals: readonly TagProposal[], color: HighlightColor): Promise<Annotation[]> {
    return this.store.update({ annotations: [articleId], articles: [articleId] }, (current) => {
      const article = current.articles.get(articleId)
      if (article === undefined) throw new AppError('article.notFound', { id: articleId })
      const body = bodyText(article.blocks)
      const now = this.now().toISOString()
      const created: Annotation[] = proposals.map((proposal) => {
        requireTag(current.tags, proposal.tagId)
        if (proposal.end > body.length || proposal.start >= proposal.end || body.slice(proposal.start, proposal.end) !== proposal.quote) {
          throw new AppError('tag.staleProposal', { quote: proposal.quote.slice(0, 80) })
        }
        const { quote, position } = describe(body, proposal.start, proposal.end)
        return {
          id: formatId('annotation', newHex()),
          articleId,
          articleRevision: article.revision,
          quote,
          position,
          status: 'anchored',
          color,
          note: '',
          tagIds: [proposal.tagId],
          createdAt: now,
          updatedAt: now,
        }
      })
      if (created.length === 0) return { writes: {}, value: [] }
      return { writes: { annotations: new Map([[articleId, [...(current.annotations.get(articleId) ?? []), ...created]]]) }, value: created }
    })
  }
}

/**
 * The undo's tags, plus any tag it would drop that a highlight will still carry: a tag created
 * by the edit (bulk tagging creates them on the fly) may have been put on other highlights
 * since, and undo must never leave a highlight pointing at a theme that no longer exists.
 */
function keepTagsInUse(current: CurrentRecords, undo: TagUndo, restored: ReadonlyMap<string, readonly Annotation[]>): Tag[] {
  const restoredIds = new Set(undo.tags.map((tag) => tag.id))
  const dropped = current.tags.filter((tag) => !restoredIds.has(tag.id))
  if (dropped.length === 0) return undo.tags
  const inUse = new Set([...restored.values()].flatMap((list) => list.flatMap((annotation) => annotation.tagIds)))
  for (const [articleId, list] of current.annotations) if (!restored.has(articleId)) for (const annotation of list) for (const tagId of annotation.tagIds) inUse.add(tagId)
  const kept = dropped.filter((tag) => inUse.has(tag.id))
  if (kept.length === 0) return undo.tags
  const ids = new Set([...restoredIds, ...kept.map((tag) => tag.id)])
  return [...undo.tags, ...kept.map((tag) => (tag.parentId !== null && !ids.has(tag.parentId) ? { ...tag, parentId: null } : tag))]
}
