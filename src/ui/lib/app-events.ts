import type { MenuCommand } from '../../common/menu-commands'

/**
 * The one module that touches `window.appEvents` (menu commands from the main process). Where
 * there is no menu (no preload provides it), subscribing does nothing.
 */
export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.appEvents?.onMenuCommand(listener) ?? (() => undefined)
}
