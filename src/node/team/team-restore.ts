import { access, rm } from 'node:fs/promises'
import { AppError } from '../../common/errors'
import { translate, type Locale } from '../../common/i18n/translate'
import { join } from 'node:path'
import type { LibraryStore } from '../store/library-store'
import { RESTORE_MARKER } from '../store/restore'
import { writeDurably } from '../store/durable-json-file'
import { LocalRecords } from './local-records'
import { SyncLog } from './sync-log'
import { readTeamState, teamFolder, writeTeamState, type TeamState } from './team-state'
import type { Say } from './team-sync'

/**
 * A backup restored into a connected library (docs/team.md#restore). The backup holds the
 * library, not its team state (`team/` is not in backups), so after a restore the state still
 * describes the library as it was just before: each agreed hash is the newer content, and a
 * record made after the backup is "agreed" but now missing. Left so, the next round would send
 * every restored record over the team's newer version and delete, for everyone, each record made
 * after the backup. A restore is not an edit, so instead:
 *
 * - the checkpoint goes back to the start: every server document is looked at again;
 * - an agreed record the restore brought back counts as agreed in its restored content, at a
 *   revision no server has (`RESTORED_REV`): the team's current version is news, and replaces it
 *   (or deletes it, when the team deleted it since); one the team did not change stays as it is;
 * - an agreed record the restore removed is forgotten: the team's version comes back;
 * - a restored record the team never had stays pending, and is sent.
 *
 * So the team's current version wins wherever the team had one. What the restored library held
 * that the server never received (edits made offline before the backup) is still sent; an edit
 * that was in the backup but reached the server later is replaced by the server's newer version.
 *
 * A marker (team/restoring.json) is written before the library is replaced and removed once the
 * state is adjusted. A crash in between is finished when the library is next opened for writing
 * (BriefingService.open, so by the app and by every CLI command that writes, before anything else
 * is written: an edit made first would otherwise be taken as restored content), and again when
 * sync opens; `team status` meanwhile shows the state as it will be (stateAsRestored).
 */
export const RESTORED_REV = '0-restored'
const MARKER = 'restoring.json'

/** Before a restore: marks a connected library (returns false for one without a team). */
export async function beginRestore(libraryDir: string): Promise<boolean> {
  if ((await readTeamState(libraryDir)) === null) return false
  await writeDurably(join(teamFolder(libraryDir), MARKER), JSON.stringify({ restoring: true }))
  return true
}

/** A restore that failed before it changed the library leaves the team state as it was. */
export async function abandonRestore(libraryDir: string): Promise<void> {
  // The store's own marker says the restore is half done and will be finished when the library opens.
  if (await exists(join(libraryDir, RESTORE_MARKER))) return
  await rm(join(teamFolder(libraryDir), MARKER), { force: true })
}

/** After a restore (or when sync opens and finds the marker): the state adjusted as above. */
export async function finishRestore(store: LibraryStore, say: Say): Promise<void> {
  const marker = join(teamFolder(store.dir), MARKER)
  if (!(await exists(marker))) return
  const state = await readTeamState(store.dir)
  if (state !== null) {
    const records = new LocalRecords(store)
    try {
      await records.refresh()
      await writeTeamState(store.dir, afterRestore(state, records.entries))
    } finally {
      records.close()
    }
    await new SyncLog(store.dir).write(say('team.log.restored', { db: state.db }))
  }
  await rm(marker, { force: true })
}

/**
 * finishRestore at open (BriefingService.open): when it fails (a team state it cannot read or
 * write, a full disk), the library must still open, and must not be written before the restore
 * is finished (an edit made first would be taken as restored content, and replaced by the
 * team's version). So the failure is returned (the caller opens the library read-only); the
 * marker stays, which is what `libraryStatus` reads (unfinishedRestore), and the next writable
 * open tries again.
 */
export async function finishRestoreAtOpen(store: LibraryStore, locale: Locale): Promise<AppError | null> {
  try {
    await finishRestore(store, (key, params) => translate(locale, key, params))
    return null
  } catch (error) {
    return new AppError('team.restoreUnfinished', { reason: describe(error, locale) })
  }
}

/**
 * Why a library open read-only has a restore left unfinished (its marker is there), or null.
 * Read from the library folder, not remembered by the process that failed: any process that opens
 * it (the app, each CLI command) says so. The reason is found again without writing: the team
 * state that does not read, else that the state is still to be adjusted.
 */
export async function unfinishedRestore(libraryDir: string, locale: Locale): Promise<AppError | null> {
  if (!(await exists(join(teamFolder(libraryDir), MARKER)))) return null
  const reason = await readTeamState(libraryDir).then(
    () => translate(locale, 'team.restorePending'),
    (error: unknown) => describe(error, locale),
  )
  return new AppError('team.restoreUnfinished', { reason })
}

function describe(error: unknown, locale: Locale): string {
  const reason = error instanceof AppError ? translate(locale, `error.${error.code}`, error.params) : error instanceof Error ? error.message : String(error)
  return reason.slice(0, 500)
}

/**
 * The state as finishRestore would leave it, computed without writing anything: what `team status`
 * shows of a library whose restore was cut short, when it may not write (read-only, the app may
 * hold the library). The state itself when no restore is unfinished.
 */
export async function stateAsRestored(store: LibraryStore, state: TeamState): Promise<TeamState> {
  if (!(await exists(join(teamFolder(store.dir), MARKER)))) return state
  const records = new LocalRecords(store)
  try {
    await records.refresh()
    return afterRestore(state, records.entries)
  } finally {
    records.close()
  }
}

/** The state a restored library syncs from (pure: tested with the rest through real rounds). */
export function afterRestore(state: TeamState, local: ReadonlyMap<string, { readonly hash: string }>): TeamState {
  const known: TeamState['known'] = new Map()
  for (const [docId, [rev, hash, author]] of state.known) {
    const entry = local.get(docId)
    if (hash === 'skipped') known.set(docId, [rev, hash, author])
    else if (entry !== undefined) known.set(docId, [RESTORED_REV, entry.hash, author])
  }
  const conflicts = Object.fromEntries(Object.entries(state.conflicts).filter(([docId]) => local.has(docId)))
  return { ...state, since: '0', known, conflicts }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}
