import type { Low } from 'lowdb'
import { summarize, type ArticleSummary } from '../../common/model/article'
import type { RecoveryEvent } from '../../common/model/recovery'
import { articleFile } from './file-applier'
import { ARTICLES_FOLDER, LIBRARY_FILE, SCHEMA_VERSION, type LibraryIndex } from './library-files'
import { settleLoad } from './load-outcome'
import { mapLimit } from './map-limit'
import { namesInBothCopies } from './second-copy'
import { lowOver } from './stored-file-adapter'
import { StoredFile, type StoreContext } from './stored-file'

/**
 * Loading the index, the one file that is derived data: every summary comes from an article
 * body. So a damaged or missing index (with bodies on disk) is rebuilt from the bodies, and an
 * index restored from an older generation is brought up to date with them: nothing listed is
 * missing, nothing stored is hidden. Its own file because this rebuild is what sets it apart from
 * every other file's load (load-outcome.ts).
 */
export interface LoadedIndex {
  readonly index: Low<LibraryIndex>
  readonly indexFile: StoredFile<'index'>
  /** True when the folder held no library before this open (first run). */
  readonly isNew: boolean
  readonly migrated: boolean
}

export async function loadIndex(context: StoreContext, events: RecoveryEvent[]): Promise<LoadedIndex> {
  const file = new StoredFile(context, 'index', LIBRARY_FILE)
  const loaded = await file.load()
  const fresh = (): LibraryIndex => ({
    schemaVersion: SCHEMA_VERSION,
    libraryId: context.migration.randomHex32(),
    createdAt: context.now().toISOString(),
    articles: [],
  })

  if (loaded.status === 'ok') return { index: lowOver(file, loaded.data), indexFile: file, isNew: false, migrated: loaded.migratedFrom !== null }
  // The second copy is as new as the file was: nothing to bring up to date.
  if (loaded.status === 'restored' && loaded.event.outcome === 'copy') {
    events.push(loaded.event)
    return { index: lowOver(file, loaded.data), indexFile: file, isNew: false, migrated: false }
  }
  // Listed only now: two folders of 10,000 names each are not read on an ordinary open.
  const bodyIds = (await namesInBothCopies(context.dir, ARTICLES_FOLDER, 'article')).map((name) => name.slice(0, -'.json'.length))
  if (loaded.status === 'missing' && bodyIds.length === 0) return { index: lowOver(file, fresh()), indexFile: file, isNew: true, migrated: false }

  const base = loaded.status === 'restored' ? loaded.data : fresh()
  const { articles, lost } = await summariesFromBodies(context, bodyIds, base.articles, events)
  const index: LibraryIndex = { ...base, articles }
  // Read-only: the index rebuilt in memory answers; the next writable open writes it.
  if (context.writable) await file.save(index)
  events.push({
    file: LIBRARY_FILE,
    damage: loaded.status === 'missing' ? 'missing' : loaded.status === 'damaged' ? loaded.damage : loaded.event.damage,
    keptAs: loaded.status === 'damaged' ? loaded.keptAs : loaded.status === 'restored' ? loaded.event.keptAs : '',
    outcome: lost.length === 0 ? 'rebuilt' : 'lost',
    restoredFrom: loaded.status === 'restored' ? loaded.event.restoredFrom : null,
    lost: lost.length === 0 ? null : lost.map((id) => `article:${id}`).join(' '),
    ...(context.writable ? {} : { readOnly: true }),
  })
  return { index: lowOver(file, index), indexFile: file, isNew: false, migrated: false }
}

/** Summaries of the bodies on disk; a known summary is kept when its revision is still the body's. */
async function summariesFromBodies(
  context: StoreContext,
  bodyIds: readonly string[],
  known: readonly ArticleSummary[],
  events: RecoveryEvent[],
): Promise<{ articles: ArticleSummary[]; lost: string[] }> {
  const knownById = new Map(known.map((summary) => [summary.id, summary]))
  const lost: string[] = []
  const summaries = await mapLimit(bodyIds, 32, async (id) => {
    const file = articleFile(context, id)
    const loaded = await file.load()
    // A body that cannot be read is named in the index's own event, not in one of its own.
    const { data } = settleLoad(file.relativePath, loaded, {
      lost: `article:${id}`,
      missingIsLoss: true,
      report: (event) => (event.outcome === 'lost' ? lost.push(id) : events.push(event)),
    })
    if (data === null) return null
    const summary = knownById.get(id)
    return loaded.status === 'ok' && summary?.revision === data.article.revision ? summary : summarize(data.article)
  })
  return { articles: summaries.filter((summary): summary is ArticleSummary => summary !== null), lost }
}
