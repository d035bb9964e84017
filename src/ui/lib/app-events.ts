import type { MenuCommand } from '../../common/menu-commands'
import type { LibraryChange } from '../../common/model/library-change'
import type { TeamSyncView } from '../../common/team/team-view'

/**
 * The one module that touches `window.appEvents` (menu commands and the library's change feed
 * from the main process). Where no preload provides it, subscribing does nothing.
 */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.appEvents?.onMenuCommand(listener) ?? (() => undefined)
}

/** Each change the library commits, one call per change; views use library-feed.ts, which merges them per frame. */
export function onLibraryChanged(listener: (change: LibraryChange) => void): () => void {
  return window.appEvents?.onLibraryChanged(listener) ?? (() => undefined)
}

/** Each new state of the team's sync, pushed by the main process (synced, syncing N, offline, the error). */
export function onTeamStatus(listener: (status: TeamSyncView) => void): () => void {
  return window.appEvents?.onTeamStatus?.(listener) ?? (() => undefined)
}
