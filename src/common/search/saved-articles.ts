import { HIGHLIGHT_COLORS, type HighlightColor } from '../model/annotation'
import { LANGUAGE_CODES, type LanguageCode, type PartialDate } from '../model/article'
import { partialDateRange, type DayRange } from './date-range'
import type { ArticleRecord } from './search-index'

/**
 * Article records as the saved index holds them (binary-index.ts), and their checks on the way
 * back in. Anything wrong with a saved index throws SearchIndexFormatError: the file is a cache,
 * and the caller rebuilds the index from the library.
 */
export class SearchIndexFormatError extends Error {
  override readonly name = 'SearchIndexFormatError'
}

export function check(condition: boolean, reason: string): asserts condition {
  if (!condition) throw new SearchIndexFormatError(reason)
}

/** For checks run per article, unit or term: `if (!ok) fail(\`...\`)` builds the message only when it fails. */
export function fail(reason: string): never {
  throw new SearchIndexFormatError(reason)
}

export interface SerializedTag {
  readonly id: string
  readonly keys: readonly string[]
}

export interface SerializedAnnotation {
  readonly id: string
  readonly color: HighlightColor
  readonly hasNote: boolean
  readonly tags: readonly SerializedTag[]
}

export interface SerializedArticle {
  readonly id: string
  readonly stamp: string
  readonly source: string | null
  readonly sourceKey: string
  readonly language: LanguageCode
  readonly published: PartialDate | null
  readonly unitCount: number
  readonly annotations: readonly SerializedAnnotation[]
}

/** The records of saved articles, their units numbered in order from 0; `unitTotal` must be their sum. */
export function restoreArticles(articles: readonly SerializedArticle[], unitTotal: number): ArticleRecord[] {
  let firstUnit = 0
  // Many articles share a date: each distinct one is read once.
  const ranges = new Map<PartialDate, DayRange | null>()
  const rangeOf = (published: PartialDate): DayRange | null => {
    let range = ranges.get(published)
    if (range === undefined) ranges.set(published, (range = partialDateRange(published)))
    return range
  }
  const records = articles.map((article, i): ArticleRecord => {
    if (!(typeof article === 'object' && article !== null && typeof article.id === 'string')) fail(`article ${i} has no id`)
    if (!(Number.isInteger(article.unitCount) && article.unitCount >= 0)) fail(`article ${article.id} has a bad unit count`)
    if (!((LANGUAGE_CODES as readonly string[]).includes(article.language))) fail(`article ${article.id} has a bad language`)
    if (!(Array.isArray(article.annotations))) fail(`article ${article.id} has no annotation list`)
    for (const annotation of article.annotations) {
      if (!((HIGHLIGHT_COLORS as readonly string[]).includes(annotation.color) && Array.isArray(annotation.tags))) fail(`article ${article.id} has a bad annotation`)
    }
    const record: ArticleRecord = {
      id: article.id,
      stamp: String(article.stamp),
      source: article.source,
      sourceKey: String(article.sourceKey),
      language: article.language,
      published: article.published,
      days: article.published === null ? null : rangeOf(article.published),
      annotations: article.annotations,
      firstUnit,
      unitCount: article.unitCount,
      alive: true,
    }
    firstUnit += article.unitCount
    return record
  })
  if (!(firstUnit === unitTotal)) fail(`articles claim ${firstUnit} units, the file has ${unitTotal}`)
  return records
}
