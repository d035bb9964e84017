import { contextBridge, ipcRenderer } from 'electron'
import { apiMethodNames, ipcChannel } from '../../src/common/api-methods'

/**
 * Exposes `window.api`: one named function per method of the API contract, each invoking its
 * own channel. The renderer never sees ipcRenderer, channels or Node.
 */
const api = Object.fromEntries(
  apiMethodNames.map((name) => [name, (input?: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
)

contextBridge.exposeInMainWorld('api', Object.freeze(api))
