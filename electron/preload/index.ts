import { contextBridge, ipcRenderer } from 'electron'
import { apiMethodNames, ipcChannel } from '../../src/common/api-methods'
import { isMenuCommand, LIBRARY_CHANGE_CHANNEL, MENU_COMMAND_CHANNEL, type AppEvents } from '../../src/common/menu-commands'
import { isLibraryChange } from '../../src/common/model/library-change'
import { isTeamSyncView, TEAM_STATUS_CHANNEL } from '../../src/common/team/team-view'

/**
 * Exposes `window.api`: one named function per method of the API contract, each invoking its
 * own channel. The renderer never sees ipcRenderer, channels or Node.
 */
const api = Object.fromEntries(
  apiMethodNames.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
)

contextBridge.exposeInMainWorld('api', Object.freeze(api))

// Menu commands from the main process (File > Import…) and the library's change feed: one named
// subscribe function each, and only known command names and well-formed change records get through.
const appEvents: AppEvents = {
  onMenuCommand(listener) {
    const handler = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command)
    }
    ipcRenderer.on(MENU_COMMAND_CHANNEL, handler)
    return () => void ipcRenderer.off(MENU_COMMAND_CHANNEL, handler)
  },
  onLibraryChanged(listener) {
    const handler = (_event: unknown, change: unknown) => {
      if (isLibraryChange(change)) listener(change)
    }
    ipcRenderer.on(LIBRARY_CHANGE_CHANNEL, handler)
    return () => void ipcRenderer.off(LIBRARY_CHANGE_CHANNEL, handler)
  },
  onTeamStatus(listener) {
    const handler = (_event: unknown, status: unknown) => {
      if (isTeamSyncView(status)) listener(status)
    }
    ipcRenderer.on(TEAM_STATUS_CHANNEL, handler)
    return () => void ipcRenderer.off(TEAM_STATUS_CHANNEL, handler)
  },
}

contextBridge.exposeInMainWorld('appEvents', Object.freeze(appEvents))
