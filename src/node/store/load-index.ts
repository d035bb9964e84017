import { summarize, type ArticleSummary } from '../../common/model/article'
import type { RecoveryEvent } from '../../common/model/recovery'
import { articleFile } from './file-applier'
import { ARTICLES_FOLDER, LIBRARY_FILE, SCHEMA_VERSION, type LibraryIndex } from './library-files'
import { settleLoad } from './load-outcome'
import { mapLimit } from './map-limit'
import { mirrorPathOf, namesInBothCopies } from './second-copy'
import { applyAll } from './article-lookup'
import { IndexDatabase } from './index-database'
import { keepLogAside, LOG_FILE, readLogCopies, rewriteLog, type IndexDelta } from './index-log'
import { readColumns } from './index-columns-file'
import { StoredFile, type StoreContext } from './stored-file'

/**
 * Loading the index, the one file that is derived data: every summary comes from an article
 * body. So a damaged or missing index (with bodies on disk) is rebuilt from the bodies, and an
 * index restored from an older generation is brought up to date with them: nothing listed is
 * missing, nothing stored is hidden. Its own file because this rebuild is what sets it apart from
 * every other file's load (load-outcome.ts).
 *
 * The index is the checkpoint `library.json` with the entries of `library.log` applied
 * (index-database.ts, index-log.ts). The log is read from whichever copy holds more valid
 * entries; damage is kept aside and reported, a crash's leftover mended silently; when neither
 * copy can be read the changes since the checkpoint are rebuilt from the bodies like a lost index.
 */
export interface LoadedIndex {
  readonly index: IndexDatabase
  /** True when the folder held no library before this open (first run). */
  readonly isNew: boolean
  readonly migrated: boolean
  /** True when the checkpoint was read from its columns (`library.cols`), false when from `library.json` itself. */
  readonly fromColumns: boolean
}

export async function loadIndex(context: StoreContext, events: RecoveryEvent[], pending: IndexDelta | null = null): Promise<LoadedIndex> {
  const loaded = await loadCheckpointAndLog(context, events)
  // A journal replayed at open leaves its index change for here, where the log has been read and mended.
  if (pending !== null && context.writable) await loaded.index.change(pending)
  return loaded
}

async function loadCheckpointAndLog(context: StoreContext, events: RecoveryEvent[]): Promise<LoadedIndex> {
  const file = new StoredFile(context, 'index', LIBRARY_FILE)
  // The checkpoint's columns when they hold it (index-columns-file.ts): no JSON to parse or validate.
  const columns = await readColumns(context.dir)
  if (columns !== null) {
    await file.trustUnread(columns.checkpointBytes)
    return withLog(context, file, { ...columns.fields, articles: columns.articles }, events, false, true)
  }
  const loaded = await file.load()
  const fresh = (): LibraryIndex => ({
    schemaVersion: SCHEMA_VERSION,
    libraryId: context.migration.randomHex32(),
    createdAt: context.now().toISOString(),
    articles: [],
  })

  // The checkpoint is as new as it was (the file, or its second copy): the log applies to it.
  if (loaded.status === 'ok' || (loaded.status === 'restored' && loaded.event.outcome === 'copy')) {
    if (loaded.status === 'restored') events.push(loaded.event)
    const migrated = loaded.status === 'ok' && loaded.migratedFrom !== null
    // A library from before the log: the checkpoint is the index; a writable open converts it (openLibrary).
    if (loaded.data.checkpoint === undefined) return { index: new IndexDatabase(context, file, loaded.data, 0), isNew: false, migrated, fromColumns: false }
    return withLog(context, file, { ...loaded.data, checkpoint: loaded.data.checkpoint }, events, migrated, false)
  }
  // Listed only now: two folders of 10,000 names each are not read on an ordinary open.
  if (loaded.status === 'missing' && (await bodyIdsOf(context)).length === 0) return { index: new IndexDatabase(context, file, fresh(), 0), isNew: true, migrated: false, fromColumns: false }
  const base = loaded.status === 'restored' ? loaded.data : fresh()
  return rebuild(context, file, base, events, {
    file: LIBRARY_FILE,
    damage: loaded.status === 'missing' ? 'missing' : loaded.status === 'damaged' ? loaded.damage : loaded.event.damage,
    keptAs: loaded.status === 'damaged' ? loaded.keptAs : loaded.status === 'restored' ? loaded.event.keptAs : '',
    restoredFrom: loaded.status === 'restored' ? loaded.event.restoredFrom : null,
  })
}

/** The checkpoint `data` with its log applied (both copies read and mended). */
async function withLog(
  context: StoreContext,
  file: StoredFile<'index'>,
  data: LibraryIndex & { checkpoint: string },
  events: RecoveryEvent[],
  migrated: boolean,
  fromColumns: boolean,
): Promise<LoadedIndex> {
  const checkpoint = data.checkpoint
  const readOnly = context.writable ? {} : { readOnly: true as const }
  const log = await readLogCopies(context.dir, checkpoint)
  // Neither copy of the log can be read: the changes since the checkpoint are rebuilt from the bodies.
  if (log.entries === null) return rebuild(context, file, data, events, { damage: log.fileDamage ?? 'missing', keptAs: '', restoredFrom: null, file: LOG_FILE })
  const articles = log.entries.length === 0 ? data.articles : applyAll(data.articles, log.entries)
  let fileKeptAs = ''
  if (context.writable && log.needsRewrite) {
    if (log.fileDamage !== null && log.fileDamage !== 'missing') fileKeptAs = await keepLogAside(context.dir, LOG_FILE, context.now)
    const copyKeptAs = log.copyDamage !== null ? await keepLogAside(context.dir, mirrorPathOf(LOG_FILE), context.now) : ''
    await rewriteLog(context.dir, checkpoint, log.entries)
    if (log.copyDamage !== null) context.onRepair({ file: mirrorPathOf(LOG_FILE), damage: log.copyDamage, keptAs: copyKeptAs, outcome: 'recopied', restoredFrom: null, lost: null })
  }
  if (log.fileDamage !== null) events.push({ file: LOG_FILE, damage: log.fileDamage, keptAs: fileKeptAs, outcome: 'copy', restoredFrom: null, lost: null, ...readOnly })
  const index = new IndexDatabase(context, file, { ...data, articles: articles as ArticleSummary[] }, log.bytes, log.entries.length, data.articles)
  if (fromColumns) index.readFromColumns()
  return { index, isNew: false, migrated, fromColumns }
}

async function bodyIdsOf(context: StoreContext): Promise<string[]> {
  return (await namesInBothCopies(context.dir, ARTICLES_FOLDER, 'article')).map((name) => name.slice(0, -'.json'.length))
}

/**
 * The index from the article bodies on disk (summaries are derived data), keeping the summaries of
 * `base` whose revision is still the body's; written as a new checkpoint by a writable open.
 */
async function rebuild(
  context: StoreContext,
  file: StoredFile<'index'>,
  base: LibraryIndex,
  events: RecoveryEvent[],
  what: Pick<RecoveryEvent, 'file' | 'damage' | 'keptAs' | 'restoredFrom'>,
): Promise<LoadedIndex> {
  const { articles, lost } = await summariesFromBodies(context, await bodyIdsOf(context), base.articles, events)
  const index = new IndexDatabase(context, file, { ...base, articles }, 0)
  // Read-only: the index rebuilt in memory answers; the next writable open writes it.
  if (context.writable) await index.checkpoint()
  events.push({
    ...what,
    outcome: lost.length === 0 ? 'rebuilt' : 'lost',
    lost: lost.length === 0 ? null : lost.map((id) => `article:${id}`).join(' '),
    ...(context.writable ? {} : { readOnly: true }),
  })
  return { index, isNew: false, migrated: false, fromColumns: false }
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
