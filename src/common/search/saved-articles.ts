import { HIGHLIGHT_COLORS, type HighlightColor } from '../model/annotation'
import { LANGUAGE_CODES, type LanguageCode, type PartialDate } from '../model/article'
import { partialDateRange } from './date-range'
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
  const records = articles.map((article, i): ArticleRecord => {
    check(typeof article === 'object' && article !== null && typeof article.id === 'string', `article ${i} has no id`)
    check(Number.isInteger(article.unitCount) && article.unitCount >= 0, `article ${article.id} has a bad unit count`)
    check((LANGUAGE_CODES as readonly string[]).includes(article.language), `article ${article.id} has a bad language`)
    check(Array.isArray(article.annotations), `article ${article.id} has no annotation list`)
    for (const annotation of article.annotations) {
      check((HIGHLIGHT_COLORS as readonly string[]).includes(annotation.color) && Array.isArray(annotation.tags), `article ${article.id} has a bad annotation`)
    }
    const record: ArticleRecord = {
      id: article.id,
      stamp: String(article.stamp),
      source: article.source,
      sourceKey: String(article.sourceKey),
      language: article.language,
      published: article.published,
      days: article.published === null ? null : partialDateRange(article.published),
      annotations: article.annotations,
      firstUnit,
      unitCount: article.unitCount,
      alive: true,
    }
    firstUnit += article.unitCount
    return record
  })
  check(firstUnit === unitTotal, `articles claim ${firstUnit} units, the file has ${unitTotal}`)
  return records
}
