import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import { AppError } from '../../src/common/errors'
import { localeFromTag, translate } from '../../src/common/i18n/translate'
import { createDispatcher } from '../../src/node/dispatch'
import { DATA_DIR_ENV, dataDirFromArgv, LIBRARY_FOLDER, PRODUCT_NAME } from '../../src/node/paths'
import { BriefingService } from '../../src/node/service'
import { MainI18n } from './i18n'
import { bindApi } from './ipc'
import { installMenu } from './menu'
import { registerAppScheme, serveRenderer } from './protocol'
import { hardenAllWebContents, lockDownSession } from './security'
import { createMainWindow } from './window'

app.setName(PRODUCT_NAME)

// --data-dir (or BRIEFING_DATA_DIR) points the app at another library, e.g. in tests. Electron's
// own profile then lives beside it, so two instances on two libraries never share a lock.
const dataDirOverride = dataDirFromArgv(process.argv) ?? (process.env[DATA_DIR_ENV] || undefined)
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

  const service = await BriefingService.open({
    libraryDir: dataDirOverride ?? join(app.getPath('userData'), LIBRARY_FOLDER),
    samplesDir: join(app.getAppPath(), 'data', 'samples'),
    shell: 'electron',
    version: app.getVersion(),
    systemLocale: app.getLocale(),
  })
  i18n.follow(await service.getSettings())
  installMenu(i18n.t)
  service.onSettingsChange((settings) => {
    i18n.follow(settings)
    installMenu(i18n.t)
  })
  bindApi(createDispatcher(service))

  mainWindow = createMainWindow()
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

/** A library that cannot be opened stops the app with the reason; nothing is written. */
function failToStart(error: unknown): void {
  const locale = localeFromTag(app.getLocale())
  const message =
    error instanceof AppError
      ? translate(locale, `error.${error.code}`, error.params)
      : translate(locale, 'error.internal', { reason: error instanceof Error ? error.message : String(error) })
  console.error('[briefing-desk] could not start:', error)
  dialog.showErrorBox(translate(locale, 'library.error.title'), message)
  app.exit(1)
}
