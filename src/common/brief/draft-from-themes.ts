import { translate, type Locale } from '../i18n/translate'
import type { Annotation } from '../model/annotation'
import type { Article } from '../model/article'
import type { PassageItem, Section } from '../model/brief'
import { tagDisplayName, type Tag } from '../model/tag'
import type { NewId } from './new-id'
import { passageFromAnnotation } from './passage-from-annotation'

/**
 * "New brief from themes": one section per chosen theme, headed with the theme's name in the
 * brief's language, holding the passages tagged with it, in document order: articles by published
 * date (oldest first, undated last, then by title and id), passages by position in the article.
 *
 * - A theme also gathers the passages tagged with its sub-themes when the whole taxonomy is given.
 * - A passage tagged with several chosen themes appears once, under the first of them in the order
 *   given: a five-minute brief does not repeat itself. Moving it is the user's call.
 * - Orphaned annotations are kept (their quote is what was highlighted); the renderer flags them.
 * - An annotation whose article is not given cannot be cited: it is returned in `unplaced`, not
 *   dropped silently.
 * - A theme with no passages still gets its (empty) section: the user asked for it.
 * - `claims` (a template's sections that want some themes, see brief-from-themes.ts) take a
 *   passage before its theme's section does: a passage tagged with a wanted theme goes to the first
 *   claim that wants it, and a theme all of whose passages were claimed (or which a claim wants
 *   itself) gets no section of its own.
 */
export interface DraftInput {
  /** The chosen themes, in the order their sections should appear. */
  readonly themes: readonly Tag[]
  /** Every tag, so that a theme also gathers its sub-themes' passages (optional). */
  readonly taxonomy?: readonly Tag[]
  readonly annotations: readonly Annotation[]
  /** The articles the annotations belong to (full records: paragraph numbers need the blocks). */
  readonly articles: readonly Article[]
  readonly locale: Locale
  readonly newId: NewId
  /** Tag ids each claiming section wants (sub-themes included), in the template's order. */
  readonly claims?: readonly ReadonlySet<string>[]
}

export interface Draft {
  readonly sections: Section[]
  /** The passages each claim took, index by index with `claims`, in document order. */
  readonly claimed: PassageItem[][]
  /** Ids of annotations of a chosen theme whose article was not given. */
  readonly unplaced: string[]
}

export function themeTagIds(theme: Tag, taxonomy: readonly Tag[]): Set<string> {
  const ids = new Set([theme.id])
  // Breadth-first over children; the set guards against a cycle in a damaged taxonomy.
  for (let grew = true; grew; ) {
    grew = false
    for (const tag of taxonomy) {
      if (tag.parentId !== null && ids.has(tag.parentId) && !ids.has(tag.id)) {
        ids.add(tag.id)
        grew = true
      }
    }
  }
  return ids
}

function compareArticles(a: Article, b: Article): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1
    if (b.published === null) return -1
    return a.published < b.published ? -1 : 1
  }
  return a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export function draftFromThemes(input: DraftInput): Draft {
  const articles = new Map(input.articles.map((article) => [article.id, article]))
  const taxonomy = input.taxonomy ?? []
  const placed = new Set<string>()
  const unplaced: string[] = []
  const sections: Section[] = []
  const claims = input.claims ?? []
  const claimedPairs: Pair[][] = claims.map(() => [])

  for (const theme of input.themes) {
    const tagIds = themeTagIds(theme, taxonomy)
    const chosen: Pair[] = []
    let claimedHere = 0
    for (const annotation of input.annotations) {
      if (placed.has(annotation.id) || !annotation.tagIds.some((id) => tagIds.has(id))) continue
      placed.add(annotation.id)
      const article = articles.get(annotation.articleId)
      if (article === undefined) {
        unplaced.push(annotation.id)
        continue
      }
      const claim = claims.findIndex((wanted) => annotation.tagIds.some((id) => wanted.has(id)))
      if (claim >= 0) {
        claimedPairs[claim]!.push({ annotation, article })
        claimedHere++
      } else chosen.push({ annotation, article })
    }
    const wantedWhole = claims.some((wanted) => wanted.has(theme.id))
    if (chosen.length === 0 && (claimedHere > 0 || wantedWhole)) continue
    sections.push({
      id: input.newId('section'),
      heading: tagDisplayName(theme, input.locale),
      body: '',
      items: inDocumentOrder(chosen).map(({ annotation, article }) => passageFromAnnotation(annotation, article, input.newId)),
    })
  }
  const claimed = claimedPairs.map((pairs) => inDocumentOrder(pairs).map(({ annotation, article }) => passageFromAnnotation(annotation, article, input.newId)))
  return { sections, claimed, unplaced }
}

interface Pair {
  readonly annotation: Annotation
  readonly article: Article
}

function inDocumentOrder(pairs: Pair[]): Pair[] {
  return pairs.sort(
    (a, b) =>
      compareArticles(a.article, b.article) ||
      a.annotation.position.start - b.annotation.position.start ||
      a.annotation.position.end - b.annotation.position.end ||
      (a.annotation.id < b.annotation.id ? -1 : 1),
  )
}

/** A title for a brief drafted from `themes`: "Brief: Telecom, Trade" / "Bản tóm tắt: Viễn thông, Thương mại". */
export function draftTitle(themes: readonly Tag[], locale: Locale): string {
  return translate(locale, 'brief.draft.title', { themes: themes.map((theme) => tagDisplayName(theme, locale)).join(', ') })
}
