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
    // Written out as literals so that Electronegativity and test/security/window-preferences.test.ts
    // (which reads this object from the source) can check them without the Electron binary.
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A page that loops alert() cannot lock the user out.
      safeDialogs: true,
      // Middle-click would open links by a path that bypasses the will-navigate handler.
      disableBlinkFeatures: 'Auxclick',
      // Off on purpose: Chromium's spellchecker downloads its dictionaries from Google's servers.
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererEntryUrl())
  return window
}
