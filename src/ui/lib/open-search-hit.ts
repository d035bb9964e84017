import type { ApiClient } from '../../common/api'
import type { HitTarget } from '../state/search.svelte'
import type { LibraryState } from '../state/library.svelte'

/**
 * Opens the article of a search hit at the hit: a body hit at its first mark; a highlight, note
 * or tag hit at its highlight (looked up for its place); a title hit at the top.
 */
export async function openSearchHit(api: ApiClient, library: LibraryState, target: HitTarget): Promise<void> {
  const { articleId, hit } = target
  if (hit.field === 'body' && hit.marks.length > 0) {
    return library.openAt({ articleId, annotationId: null, start: hit.marks[0]!.start, end: hit.marks[0]!.end })
  }
  if (hit.annotationId !== null) {
    const annotation = (await api.getAnnotations({ articleId })).find((candidate) => candidate.id === hit.annotationId)
    if (annotation !== undefined) return library.openAt({ articleId, annotationId: annotation.id, start: annotation.position.start, end: annotation.position.end })
  }
  return library.open(articleId)
}
