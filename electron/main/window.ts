import { join } from 'node:path'
import { app, BrowserWindow, nativeTheme } from 'electron'
import { rendererEntryUrl } from './app-origin'

/** The one main window: sandboxed, context-isolated, no Node, shown once it has painted. */
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: app.name,
    // Match the page background so that the window never flashes white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#17191c' : '#f6f5f2',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererEntryUrl())
  return window
}
