import type { RecoveryEvent } from '../../common/model/recovery'
import { AnnotationsStore } from './annotations-store'
import type { StoreContext } from './stored-file'

/**
 * Names themes whose records were lost with tags.json (file, second copy and every generation
 * unreadable). Tags carry no creation date and their ids are random, so the only truthful trace
 * left of a lost theme is its id in the highlights that use it: each such id becomes an item
 * "theme:<id>:<highlights>" of RecoveryEvent.lost, most used first. A theme no highlight used
 * leaves no trace and is covered only by the general "the theme tags".
 */
export async function themesUsedByHighlights(context: StoreContext, articleIds: readonly string[], report: (event: RecoveryEvent) => void): Promise<string[]> {
  // A store of its own: read once, at open, only in this rare case; the library's store reads again on demand.
  const annotations = await new AnnotationsStore(context, report).all(articleIds)
  const uses = new Map<string, number>()
  for (const annotation of annotations) for (const id of new Set(annotation.tagIds)) uses.set(id, (uses.get(id) ?? 0) + 1)
  return [...uses]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))
    .map(([id, count]) => `theme:${id}:${count}`)
}
