import type { Low } from 'lowdb'
import type { RecoveryEvent } from '../../common/model/recovery'
import { DEFAULT_SETTINGS } from '../../common/model/settings'
import { briefFile, templateFile } from './file-applier'
import { internalBackupPath, writeLibraryBackup } from './library-backups'
import { BRIEFS_FOLDER, SCHEMA_VERSION, SETTINGS_FILE, TAGS_FILE, TEMPLATES_FOLDER, type BriefFile, type FileData, type SettingsFile, type TagsFile, type TemplateFile } from './library-files'
import type { IndexDatabase } from './index-database'
import type { IndexDelta } from './index-log'
import { loadIndex } from './load-index'
import { settleLoad } from './load-outcome'
import { themesUsedByHighlights } from './lost-themes'
import { namesInBothCopies } from './second-copy'
import { lowOver } from './stored-file-adapter'
import { StoredFile, type StoreContext } from './stored-file'

/**
 * Reading the library's files into memory (the index, settings, tags and briefs; article bodies
 * and annotations are read on demand), each repaired on the way (stored-file.ts) and every repair
 * or loss reported as a RecoveryEvent. Used at open and again after a restore replaced the files.
 */
export interface LoadedLibrary {
  /** The checkpoint and its log (index-database.ts). */
  readonly index: IndexDatabase
  readonly settings: Low<SettingsFile>
  readonly tags: Low<TagsFile>
  readonly briefs: Map<string, Low<BriefFile>>
  readonly templates: Map<string, Low<TemplateFile>>
  readonly isNew: boolean
}

type Migrated = () => Promise<void>

/** `pendingIndex`: the index change of a journal replayed at open (journal.ts), applied once the log is read. */
export async function loadLibrary(context: StoreContext, events: RecoveryEvent[], pendingIndex: IndexDelta | null = null): Promise<LoadedLibrary> {
  const migrated: Migrated[] = []
  const { index, isNew, migrated: indexMigrated } = await loadIndex(context, events, pendingIndex)
  if (indexMigrated) migrated.push(() => index.checkpoint())
  const settings = await loadSimple(context, 'settings', SETTINGS_FILE, { schemaVersion: SCHEMA_VERSION, settings: DEFAULT_SETTINGS }, events, migrated)
  const tags = await loadSimple(context, 'tags', TAGS_FILE, { schemaVersion: SCHEMA_VERSION, tags: [] }, events, migrated, async (event) => {
    const themes = await themesUsedByHighlights(context, index.articles.map((article) => article.id), (found) => events.push(found))
    return themes.length === 0 ? event : { ...event, lost: ['tags', ...themes].join(' ') }
  })
  const briefs = await loadRecords(context, BRIEFS_FOLDER, 'brief', briefFile, events, migrated)
  // A template written before templates were a store file kind is version 1: migrated like any file.
  const templates = await loadRecords(context, TEMPLATES_FOLDER, 'template', templateFile, events, migrated)
  if (migrated.length > 0 && context.writable) {
    // Migrated files are written back only after a backup of the library as it was (a backup
    // holds files whole: the index's log is folded into its checkpoint first).
    if (!indexMigrated) await index.fold()
    await writeLibraryBackup(context, index.libraryId, await internalBackupPath(context, 'pre-migration'))
    for (const write of migrated) await write()
  }
  return { index, settings, tags, briefs, templates, isNew }
}

async function loadSimple<K extends 'settings' | 'tags'>(
  context: StoreContext,
  kind: K,
  relativePath: string,
  fallback: FileData[K],
  events: RecoveryEvent[],
  migrated: Migrated[],
  /** Names the loss better when the file could not be recovered at all. */
  nameLoss: (event: RecoveryEvent) => Promise<RecoveryEvent> = async (event) => event,
): Promise<Low<FileData[K]>> {
  const file = new StoredFile(context, kind, relativePath)
  const { data, migrated: isMigrated, lostEvent } = settleLoad(relativePath, await file.load(), { lost: kind, report: (event) => events.push(event) })
  const db = lowOver(file, data ?? fallback)
  if (isMigrated) migrated.push(() => db.write())
  if (lostEvent !== null) {
    const named = await nameLoss(lostEvent)
    events[events.indexOf(lostEvent)] = named
  }
  return db
}

/** Briefs or templates: one file per record, all loaded at open. */
async function loadRecords<K extends 'brief' | 'template'>(
  context: StoreContext,
  folder: string,
  kind: K,
  fileOf: (context: StoreContext, id: string) => StoredFile<K>,
  events: RecoveryEvent[],
  migrated: Migrated[],
): Promise<Map<string, Low<FileData[K]>>> {
  // A record whose file was deleted is still listed by its second copy.
  const names = await namesInBothCopies(context.dir, folder, kind)
  const records = new Map<string, Low<FileData[K]>>()
  for (const name of names) {
    const id = name.slice(0, -'.json'.length)
    const file = fileOf(context, id)
    const { data, migrated: isMigrated } = settleLoad(file.relativePath, await file.load(), { lost: `${kind}:${id}`, report: (event) => events.push(event) })
    if (data === null) continue
    const db = lowOver(file, data)
    if (isMigrated) migrated.push(() => db.write())
    records.set(id, db)
  }
  return records
}
