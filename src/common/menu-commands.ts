import type { LibraryChange } from './model/library-change'
import type { TeamSyncView } from './team/team-view'

/**
 * Commands the application menu (main process) hands to the window, for actions that live in the
 * renderer: File > Import… opens the window's Import dialog, so the import runs, shows its
 * progress and refreshes the library exactly as when the Import button is used; File > Team…
 * opens the window's Team dialog.
 */
export const MENU_COMMANDS = ['import', 'team'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/** The main → renderer channel of menu commands; only electron/ uses it. */
export const MENU_COMMAND_CHANNEL = 'menu:command'

/**
 * The main → renderer channel of the library's change feed: each `LibraryChange` the store
 * announces after a durable commit (kinds, ids and `seq`, never records), whoever made it.
 */
export const LIBRARY_CHANGE_CHANNEL = 'library:changed'

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

/** What the preload (and the harness) expose as `window.appEvents`. */
export interface AppEvents {
  /** Calls `listener` for each menu command; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
  /**
   * Calls `listener` with a copy of each change the library commits, in commit order, each in a
   * task of its own (as IPC delivers it); returns a function that stops listening.
   */
  onLibraryChanged(listener: (change: LibraryChange) => void): () => void
  /** Calls `listener` with each new state of the team's sync (only well-formed states get through); returns a function that stops listening. */
  onTeamStatus(listener: (status: TeamSyncView) => void): () => void
}
