/**
 * Commands the application menu (main process) hands to the window, for actions that live in the
 * renderer: File > Import… opens the window's Import dialog, so the import runs, shows its
 * progress and refreshes the library exactly as when the Import button is used.
 */
export const MENU_COMMANDS = ['import'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

/** The one main → renderer channel; only electron/ uses it. */
export const MENU_COMMAND_CHANNEL = 'menu:command'

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

/** What the preload (and the harness) expose as `window.appEvents`. */
export interface AppEvents {
  /** Calls `listener` for each menu command; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}
