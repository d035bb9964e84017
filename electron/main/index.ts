import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import { AppError } from '../../src/common/errors'
import { localeFromTag, translate } from '../../src/common/i18n/translate'
import { LIBRARY_CHANGE_CHANNEL, MENU_COMMAND_CHANNEL, type MenuCommand } from '../../src/common/menu-commands'
import { TEAM_STATUS_CHANNEL } from '../../src/common/team/team-view'
import { createDispatcher } from '../../src/node/dispatch'
import { dataDirOverride as dataDirOverrideOf, LIBRARY_FOLDER, PRODUCT_NAME } from '../../src/node/paths'
import { BriefingService } from '../../src/node/service'
// electron-vite bundles the search thread's entry on its own and gives its path in out/main.
import parseWorkerPath from '../../src/node/import/parse-worker?modulePath'
import ocrWorkerPath from '../../src/node/import/ocr/ocr-worker?modulePath'
import { setOcrProcessStarter } from '../../src/node/import/ocr/ocr-service'
import searchWorkerPath from '../../src/node/search/search-worker?modulePath'
import teamPageWorkerPath from '../../src/node/team/team-page-worker?modulePath'
import { setTeamWorkerEntry } from '../../src/node/team/page-checker'
import themeIndexWorkerPath from '../../src/node/themes/theme-index-worker?modulePath'
import { setThemeIndexWorkerEntry } from '../../src/node/themes/theme-index-reader'
import { unpackedPath } from './asar-paths'
import { utilityOcrProcessStarter } from './ocr-utility-process'
import { MainI18n, systemLocale } from './i18n'
import { electronDialogs } from './dialogs'
import { electronPdfPort } from './pdf-printer'
import { bindApi } from './ipc'
import { installMenu } from './menu'
import { registerAppScheme, serveRenderer } from './protocol'
import { hardenAllWebContents, lockDownSession } from './security'
import { createMainWindow } from './window'
import { keychainSecretKeeper } from './team-secrets'

app.setName(PRODUCT_NAME)

// --data-dir (or BRIEFING_DATA_DIR) points the app at another library, e.g. in tests. Electron's
// own profile then lives beside it, so two instances on two libraries never share a lock. A
// relative path is taken from the folder the app was started in (app.setPath needs an absolute one).
const dataDirOverride = dataDirOverrideOf(process.argv, process.env, process.cwd())
if (dataDirOverride !== undefined) app.setPath('userData', join(dataDirOverride, '.electron'))

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  start().catch(failToStart)
}

async function start(): Promise<void> {
  const i18n = new MainI18n()
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (mainWindow === null) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  hardenAllWebContents(i18n.t)

  await app.whenReady()
  lockDownSession()
  serveRenderer(join(import.meta.dirname, '../renderer'))

  // Scans and images are recognised in a utility process running this entry (tesseract.js in it); see docs/ocr.md.
  setOcrProcessStarter(utilityOcrProcessStarter(unpackedPath(ocrWorkerPath)))
  // Pages of a team's feed are parsed, checked and hashed in this worker (docs/team.md).
  setTeamWorkerEntry(unpackedPath(teamPageWorkerPath))
  // The Themes view's saved index is parsed in this worker when it is large (docs/themes-and-search.md).
  setThemeIndexWorkerEntry(unpackedPath(themeIndexWorkerPath))
  const service = await BriefingService.open({
    libraryDir: dataDirOverride ?? join(app.getPath('userData'), LIBRARY_FOLDER),
    samplesDir: join(app.getAppPath(), 'data', 'samples'),
    shell: 'electron',
    version: app.getVersion(),
    systemLocale: app.getLocale(),
    purpose: 'Briefing Desk',
    dialogs: electronDialogs(() => mainWindow),
    searchWorker: unpackedPath(searchWorkerPath),
    parseWorker: unpackedPath(parseWorkerPath),
    // Team passwords in the OS keychain (safeStorage), never in the library folder.
    secrets: keychainSecretKeeper(PRODUCT_NAME),
  })
  // Brief exports print PDFs from a hidden sandboxed window (issue 7), kept between exports.
  const pdfPort = electronPdfPort()
  await service.usePdfPort(pdfPort)
  // Release the library (its lock) when the app quits, after pending saves.
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    void service.close().finally(() => {
      closed = true
      app.quit()
    })
  })
  const menuActions = {
    // The window runs the import (dialog, progress, summary) and so learns of the new articles itself.
    import: () => mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, 'import' satisfies MenuCommand),
    // File > Team… opens the window's Team dialog (the dialog is the renderer's, like Import).
    team: () => mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, 'team' satisfies MenuCommand),
    backup: () => void runMenuAction(() => service.backupLibrary()),
    restore: () =>
      void runMenuAction(async () => {
        const outcome = await service.restoreLibrary()
        if (outcome.status === 'done') mainWindow?.webContents.reload()
        return outcome
      }),
  }
  i18n.follow(await service.getSettings())
  installMenu(i18n.t, menuActions)
  // The store's change feed: the menus follow a change of the interface language.
  service.onLibraryChange((change) => {
    if (!change.settings && !change.everything) return
    void service.getSettings().then((settings) => {
      i18n.follow(settings)
      installMenu(i18n.t, menuActions)
    })
  })
  // ...and the window's lists follow every commit, whoever made it (the window's own calls, an
  // import running in the background): the record is small (kinds, ids, seq), never the records.
  service.onLibraryChange((change) => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(LIBRARY_CHANGE_CHANNEL, change)
  })
  // The team's sync state (synced, syncing N, offline since, the error): the status in the window follows it.
  service.onTeamStatus((status) => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(TEAM_STATUS_CHANNEL, status)
  })
  bindApi(createDispatcher(service))

  mainWindow = createMainWindow()
  mainWindow.on('closed', () => {
    mainWindow = null
    // The hidden printer window would otherwise keep 'window-all-closed' (and so quitting) away.
    void pdfPort.close()
  })
  // A connected library syncs with its team in the background of this process, never blocking start-up.
  void service.startTeamSync().catch((error: unknown) => console.error('[briefing-desk] team sync could not start:', error instanceof Error ? error.message : String(error)))
  // The Themes view's saved index, loaded off the startup path so that the view's first selection does not wait for it.
  setTimeout(() => void service.loadThemeIndex().catch((error: unknown) => console.error('[briefing-desk] the theme index could not load:', error)), 2_000)
  // The page images kept with articles, checked against their digests off the startup path (repairs are reported).
  setTimeout(() => void service.checkPageImages().catch((error: unknown) => console.error('[briefing-desk] page image check failed:', error)), 5_000)
  // Once a day, a verified backup of the whole library, off the startup path.
  setTimeout(() => void service.dailyBackup().catch((error: unknown) => console.error('[briefing-desk] daily backup failed:', error)), 10_000)

  /** Menu commands run in the main process; a failure is shown, never swallowed. */
  async function runMenuAction(action: () => Promise<unknown>): Promise<void> {
    try {
      await action()
    } catch (error) {
      const message = error instanceof AppError ? i18n.t(`error.${error.code}`, error.params) : String(error)
      await dialog.showMessageBox({ type: 'error', message, buttons: [i18n.t('dialog.ok')] })
    }
  }
}

/** A library that cannot be opened stops the app with the reason; nothing is written. */
function failToStart(error: unknown): void {
  const locale = localeFromTag(systemLocale())
  const message =
    error instanceof AppError
      ? translate(locale, `error.${error.code}`, error.params)
      : translate(locale, 'error.internal', { reason: error instanceof Error ? error.message : String(error) })
  console.error('[briefing-desk] could not start:', error)
  dialog.showErrorBox(translate(locale, 'library.error.title'), message)
  app.exit(1)
}
