import { BrowserWindow, dialog } from 'electron'
import type { DialogPort } from '../../src/node/dialogs'
import { saveDialogTitle } from './dialog-title'

/** The service's dialogs as native Electron dialogs, attached to the app's window. */
export function electronDialogs(window: () => BrowserWindow | null): DialogPort {
  return {
    async chooseSaveFile({ title, defaultName, filters }) {
      const options = { title: saveDialogTitle(title, defaultName, process.platform), defaultPath: defaultName, filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) }
      const parent = window()
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseOpenFile({ title, filters }) {
      const options = { title, properties: ['openFile' as const], filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) }
      const parent = window()
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseOpenPaths({ title, filters, folders }) {
      const properties = folders ? (['openDirectory', 'multiSelections'] as const) : (['openFile', 'multiSelections'] as const)
      const options = { title, properties: [...properties], filters: folders ? [] : filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })) }
      const parent = window()
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : result.filePaths
    },
    async confirm({ title, message, detail, confirmLabel, cancelLabel }) {
      const options = { type: 'warning' as const, title, message, detail, buttons: [confirmLabel, cancelLabel], defaultId: 1, cancelId: 1, noLink: true }
      const parent = window()
      const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
      return response === 0
    },
  }
}
