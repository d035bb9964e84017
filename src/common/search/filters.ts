import { overlaps } from './date-range'
import { hasAnnotationFilters, type QueryFilters } from './query'
import type { AnnotationRecord, ArticleRecord } from './search-index'

/** Does the article pass the article filters (language, source, dates)? */
export function passesArticleFilters(record: ArticleRecord, filters: QueryFilters): boolean {
  if (filters.languages.length > 0 && !filters.languages.includes(record.language)) return false
  if (filters.sources.length > 0 && !filters.sources.some((source) => record.sourceKey.includes(source))) return false
  if (filters.dates !== null && (record.days === null || !overlaps(record.days, filters.dates))) return false
  return true
}

/** Does one annotation pass every annotation filter (tags, colours, has) at once? */
export function passesAnnotationFilters(annotation: AnnotationRecord, filters: QueryFilters): boolean {
  if (filters.colors.length > 0 && !filters.colors.includes(annotation.color)) return false
  for (const wanted of filters.has) {
    if (wanted === 'note' && !annotation.hasNote) return false
    if (wanted === 'tag' && annotation.tags.length === 0) return false
  }
  return filters.tags.every((name) => annotation.tags.some((tag) => tag.keys.includes(name)))
}

/**
 * Indices of the annotations that pass the annotation filters; null when there are no annotation
 * filters (every article passes them).
 */
export function matchingAnnotations(record: ArticleRecord, filters: QueryFilters): number[] | null {
  if (!hasAnnotationFilters(filters)) return null
  const found: number[] = []
  record.annotations.forEach((annotation, index) => {
    if (passesAnnotationFilters(annotation, filters)) found.push(index)
  })
  return found
}

export function passesFilters(record: ArticleRecord, filters: QueryFilters): boolean {
  if (!passesArticleFilters(record, filters)) return false
  const annotations = matchingAnnotations(record, filters)
  return annotations === null || annotations.length > 0
}
