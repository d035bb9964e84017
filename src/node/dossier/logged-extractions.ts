import type { ArticleDossier } from '../../common/dossier/extract-article'
import type { ArticleSummary } from '../../common/model/article'
import { join } from 'node:path'
import { articleStamp } from './article-entry'
import { DOSSIER_CACHE_FILE, DOSSIER_CACHE_INDEX_FILE, readDossierCacheIndexed, readDossierRecords, type LogPosition } from './extraction-cache'

/**
 * The library dossier's extractions of a few articles, read from its log (extraction-cache.ts)
 * without the library's dossier: through the offset table, one record per article, each checked
 * (checksum, shape, id) and used only under the article's stamp now. An article without such a
 * record (never extracted, edited since, damaged, or no table) is left out: the caller extracts
 * it. Never reads the whole log: a brief's Refresh costs its sources' records, not the library's.
 */
export async function loggedExtractions(libraryDir: string, summaries: readonly ArticleSummary[]): Promise<Map<string, ArticleDossier>> {
  const found = new Map<string, ArticleDossier>()
  if (summaries.length === 0) return found
  const path = join(libraryDir, DOSSIER_CACHE_FILE)
  const log = await readDossierCacheIndexed(path, join(libraryDir, DOSSIER_CACHE_INDEX_FILE))
  if (log === null) return found
  const wanted: [string, LogPosition][] = []
  for (const summary of summaries) {
    const stamp = articleStamp(summary)
    const read = log.entries.get(summary.id)
    if (read !== undefined) {
      if (read.entry.stamp === stamp) found.set(summary.id, read.entry.dossier)
      continue
    }
    const position = log.unread.get(summary.id)
    if (position?.stamp === stamp) wanted.push([summary.id, position])
  }
  const records = await readDossierRecords(path, wanted).catch(() => new Map())
  for (const [id, record] of records) if (record !== null) found.set(id, record.entry.dossier)
  return found
}
