import { contextBridge, ipcRenderer } from 'electron'
import { apiMethodNames, ipcChannel } from '../../src/common/api-methods'
import { isMenuCommand, MENU_COMMAND_CHANNEL, type AppEvents } from '../../src/common/menu-commands'

/**
 * Exposes `window.api`: one named function per method of the API contract, each invoking its
 * own channel. The renderer never sees ipcRenderer, channels or Node.
 */
const api = Object.fromEntries(
  apiMethodNames.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
)

contextBridge.exposeInMainWorld('api', Object.freeze(api))

// Menu commands from the main process (File > Import…): one named subscribe function, and only
// known command names get through.
const appEvents: AppEvents = {
  onMenuCommand(listener) {
    const handler = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command)
    }
    ipcRenderer.on(MENU_COMMAND_CHANNEL, handler)
    return () => void ipcRenderer.off(MENU_COMMAND_CHANNEL, handler)
  },
}

contextBridge.exposeInMainWorld('appEvents', Object.freeze(appEvents))
