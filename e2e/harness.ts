import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { _electron, expect, type Locator, type Page } from '@playwright/test'
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../src/common/menu-commands'
import { LibraryStore } from '../src/node/store/library-store'
import { electronBinary as findElectron } from '../scripts/electron-binary'
import { launchBrowserHost } from '../src/node/browser-shell/browser-host'
import { makeTempFolder } from '../test/temp-folders'

/**
 * launchApp({ dataDir }) -> { page, close }: the one way every spec starts the app.
 *
 * With an Electron binary (ELECTRON_EXEC_PATH, or one that `npm install` downloaded into
 * node_modules/electron), it launches the built desktop app through Playwright's _electron.
 * Without one (machines with no internet cannot download it), it runs the built renderer in
 * Debian's Chromium over loopback with the same CSP and `window.api` bridged to the same
 * dispatcher (src/node/browser-shell/browser-host.ts). Either way the specs drive the real UI and the real store.
 */
export const ROOT = resolve(import.meta.dirname, '..')
export const SAMPLES_DIR = join(ROOT, 'data', 'samples')
const RENDERER_DIR = join(ROOT, 'out', 'renderer')
const MAIN_ENTRY = join(ROOT, 'out', 'main', 'index.js')

export interface LaunchOptions {
  /** The library folder; a fresh temp folder when omitted. */
  readonly dataDir?: string
  /** Fill a new library with data/samples (default true), as a first launch of the app does. */
  readonly samples?: boolean
  readonly locale?: string
  readonly colorScheme?: 'light' | 'dark'
  /** How the file and confirmation dialogs answer (default: every dialog is cancelled). */
  readonly dialogs?: DialogAnswers
}

export interface DialogAnswers {
  readonly saveFile?: string | null
  readonly openFile?: string | null
  readonly confirm?: boolean
  /** Files or folders chosen in the Import dialog (both the files and the folder dialog answer these). */
  readonly openPaths?: readonly string[] | null
}

export interface LaunchedApp {
  readonly page: Page
  readonly mode: 'electron' | 'browser'
  readonly dataDir: string
  /** Every URL the renderer requested. */
  readonly requests: readonly string[]
  /** Fires an application-menu command (File > Import…) at the window. */
  menuCommand(command: MenuCommand): Promise<void>
  close(): Promise<void>
}

export function electronBinary(): string | null {
  return findElectron(ROOT)
}

/** A fresh library folder, removed when the worker exits (see test/temp-folders.ts). */
export async function newDataDir(): Promise<string> {
  return makeTempFolder('briefing-desk-e2e-')
}

function appVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
}

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The app is not built: run `npm run build` before the end-to-end tests.')
  }
  const dataDir = options.dataDir ?? (await newDataDir())
  const samples = options.samples ?? true
  if (!samples) {
    // An existing, empty library: the app only adds the samples to a folder that holds no library.
    const store = await LibraryStore.open(dataDir)
    await store.initialize()
    await store.close()
  }
  const answers = options.dialogs ?? {}
  const binary = process.env['BRIEFING_E2E_MODE'] === 'browser' ? null : electronBinary()

  if (binary !== null) {
    const app = await _electron.launch({
      executablePath: binary,
      args: [MAIN_ENTRY, `--data-dir=${dataDir}`, ...(options.locale ? [`--lang=${options.locale}`] : [])],
      colorScheme: options.colorScheme ?? 'light',
    })
    // Native dialogs cannot be clicked by Playwright: answer them inside the main process.
    await app.evaluate(({ dialog }, scripted) => {
      dialog.showSaveDialog = (async () => ({ canceled: !scripted.saveFile, filePath: scripted.saveFile ?? '' })) as typeof dialog.showSaveDialog
      dialog.showOpenDialog = (async (...args: unknown[]) => {
        const options = args.at(-1) as { properties?: string[] }
        if (options.properties?.includes('multiSelections')) return { canceled: !scripted.openPaths?.length, filePaths: [...(scripted.openPaths ?? [])] }
        return { canceled: !scripted.openFile, filePaths: scripted.openFile ? [scripted.openFile] : [] }
      }) as typeof dialog.showOpenDialog
      dialog.showMessageBox = (async () => ({ response: scripted.confirm ? 0 : 1, checkboxChecked: false })) as typeof dialog.showMessageBox
    }, answers)
    const page = await app.firstWindow()
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.waitForLoadState('domcontentloaded')
    const menuCommand = async (command: MenuCommand) => {
      await app.evaluate(({ BrowserWindow }, { channel, command }) => BrowserWindow.getAllWindows()[0]?.webContents.send(channel, command), { channel: MENU_COMMAND_CHANNEL, command })
    }
    return { page, mode: 'electron', dataDir, requests, menuCommand, close: () => app.close() }
  }

  const host = await launchBrowserHost({
    rendererDir: RENDERER_DIR,
    libraryDir: dataDir,
    samplesDir: SAMPLES_DIR,
    version: appVersion(),
    headless: true,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    dialogs: {
      chooseSaveFile: async () => answers.saveFile ?? null,
      chooseOpenFile: async () => answers.openFile ?? null,
      confirm: async () => answers.confirm ?? false,
      chooseOpenPaths: async () => (answers.openPaths ? [...answers.openPaths] : null),
    },
  })
  return { page: host.page, mode: 'browser', dataDir, requests: host.requests, menuCommand: (command) => host.menuCommand(command), close: () => host.close() }
}

/** The window sizes we promise, and the interface languages: every review screenshot is taken at each. */
export const REVIEW_SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const
export const REVIEW_LOCALES = { en: 'en-GB', vi: 'vi-VN' } as const

/** Saves a screenshot under test-results/screenshots, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Fonts settle before the picture: no clock, the document says when its fonts are ready.
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', `${name}.png`) })
}

/**
 * The library list's rows (those the virtualised list has drawn): the list, not any option on the
 * page, since the list's order control is a native select whose entries are options too.
 */
export function libraryRows(page: Page): Locator {
  return page.getByTestId('library-list').getByRole('option')
}

/** Scrolls the virtualised library list until the article's row is among the rows it shows. */
export async function scrollToArticle(page: Page, articleId: string): Promise<void> {
  const index = await page.evaluate(async (id) => {
    const listed = await window.api.listArticles()
    if (!listed.ok) throw new Error(listed.error.code)
    return listed.value.findIndex((summary) => summary.id === id)
  }, articleId)
  const list = page.getByRole('listbox', { name: 'Articles in the library' })
  await list.evaluate((element, at) => {
    const row = element.querySelector<HTMLElement>('[role="option"]')!
    element.parentElement!.scrollTop = at * row.offsetHeight
  }, index)
  await expect(page.locator(`[data-article-id="${articleId}"]`)).toBeVisible()
}
